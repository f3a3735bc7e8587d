package org.nmt4j.serve;

import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How long a request waits for its translations and how its sentences queue: by {@code deadlineNanos}
 * ({@link System#nanoTime}; {@code limit} names the setting that set it, for the 504's message) and, when
 * {@code high}, before every sentence of normal priority.
 */
record Admission(long deadlineNanos, String limit, boolean high) {

    static final String TIMEOUT_MS = "timeout_ms";
    static final String PRIORITY = "priority";

    /** A request's admission under the server's {@code request_timeout_ms}, at normal priority. */
    static Admission of(int requestTimeoutMs) {
        return new Admission(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(requestTimeoutMs),
                "request_timeout_ms " + requestTimeoutMs, false);
    }

    /**
     * This admission with a request's {@code options.timeout_ms} (a shorter wait; a longer one than the server's is
     * cut to it) and {@code options.priority} ({@code high} or {@code normal}) laid over it; a bad value is a 400.
     */
    Admission with(JsonNode options) {
        if (options == null || !options.isObject()) {
            return this;
        }
        Admission out = this;
        JsonNode t = options.get(TIMEOUT_MS);
        if (t != null) {
            if (!t.isIntegralNumber() || !t.canConvertToInt() || t.asInt() < 1) {
                throw ApiError.badRequest("options." + TIMEOUT_MS + ": must be a whole number of milliseconds ≥ 1, not "
                        + t);
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(t.asInt());
            if (deadline - deadlineNanos < 0) {
                out = new Admission(deadline, TIMEOUT_MS + " " + t.asInt(), high);
            }
        }
        JsonNode p = options.get(PRIORITY);
        if (p != null) {
            if (!p.isTextual() || !(p.asText().equals("high") || p.asText().equals("normal"))) {
                throw ApiError.badRequest("options." + PRIORITY + ": " + p + " is not one of high, normal");
            }
            out = new Admission(out.deadlineNanos, out.limit, p.asText().equals("high"));
        }
        return out;
    }
}
