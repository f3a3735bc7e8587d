package org.nmt4j.serve;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.nmt4j.translate.Translation;

/** One sentence waiting for a model's workers: its pieces, its options, the request it belongs to and its future. */
record Job(List<String> pieces, SearchOptions options, Object request, long enqueuedNanos,
           CompletableFuture<List<Translation>> result) {

    /**
     * A bug in searching these sentences: their requests get a 500 (the stack trace goes to the log); a JVM error
     * other than running out of memory is rethrown, which stops the worker.
     */
    static void failed(String model, String what, Collection<Job> jobs, Throwable e) {
        System.err.println("nmt4j serve: model " + model + ": " + what + " of " + jobs.size() + " sentences failed: "
                + e);
        e.printStackTrace();
        jobs.forEach(job -> job.result().completeExceptionally(e));
        if (e instanceof Error && !(e instanceof AssertionError) && !(e instanceof OutOfMemoryError)) {
            throw (Error) e;
        }
    }

    /** The server stops before this sentence is searched: 503. */
    void stopping() {
        result.completeExceptionally(new ApiError(503, "the server is stopping"));
    }
}
