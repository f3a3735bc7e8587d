package org.nmt4j.serve;

/**
 * A request the server answers with an error status and {@code {"error": message}}: bad input (400), a body too large
 * (413), a full queue (429, with {@code Retry-After}), a time-out (504), no model loaded yet (503).
 */
final class ApiError extends RuntimeException {

    private final int status;
    private final Integer retryAfterSeconds;

    ApiError(int status, String message) {
        this(status, message, null);
    }

    ApiError(int status, String message, Integer retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, message);
    }

    int status() {
        return status;
    }

    /** Seconds for a {@code Retry-After} header, or null. */
    Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
