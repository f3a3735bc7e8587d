package org.nmt4j.serve;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.nmt4j.translate.RunningBatch;

/**
 * The scheduler of one worker's running greedy batch (continuous batching): greedy sentences join it between two of
 * its steps, a few at a time ({@value #JOIN_AT_LEAST}, or fewer when the batch has no more room or the first has
 * waited {@code max_queue_delay_ms}), and each is answered at the step it ends, so the batch stays full while its
 * sentences end at different times. A failure answers the batch's sentences 500 and starts a new batch.
 */
final class RunningGreedy {

    /** Sentences at most this many apart join a running batch together (each join encodes them as one batch). */
    static final int JOIN_AT_LEAST = 4;

    private final String model;
    private final Supplier<RunningBatch<Job>> newBatch;
    private final ModelRunner.BatchSearch search;
    private final BatchMetrics metrics;
    private final int maxBatchSize;
    private final long maxDelayNanos;
    private final Set<Job> inBatch = new HashSet<>(); // the jobs of the running batch
    private RunningBatch<Job> batch;

    RunningGreedy(String model, Supplier<RunningBatch<Job>> newBatch, ModelRunner.BatchSearch search,
                  BatchMetrics metrics, int maxBatchSize, int maxQueueDelayMs) {
        this.model = model;
        this.newBatch = newBatch;
        this.search = search;
        this.metrics = metrics;
        this.maxBatchSize = maxBatchSize;
        this.maxDelayNanos = TimeUnit.MILLISECONDS.toNanos(maxQueueDelayMs);
        this.batch = newBatch.get();
    }

    /** The sentences in the running batch. */
    int size() {
        return batch.size();
    }

    /** Room for more sentences. */
    int room() {
        return maxBatchSize - batch.size();
    }

    /**
     * Whether the sentences waiting join the running batch before its next step: as soon as there are a few of them
     * (encoding them together is cheaper), the batch has room for them all, or the first has waited its delay.
     */
    boolean joinNow(JobQueue queue) {
        Job head = queue.peek();
        int room = room();
        return head != null && room > 0 && (queue.size() >= Math.min(room, JOIN_AT_LEAST)
                || System.nanoTime() - head.enqueuedNanos() >= maxDelayNanos);
    }

    /** Greedy sentences join the running batch. */
    void join(List<Job> jobs) {
        if (jobs.isEmpty()) {
            return;
        }
        // a join is the batch its sentences start in (the running batch's size is nmt4j_step_rows)
        metrics.started(jobs);
        try {
            inBatch.addAll(jobs);
            complete(batch.add(jobs.stream().map(Job::pieces).toList(), jobs));
        } catch (Throwable e) {
            failed(e);
        }
    }

    /** One step of the running batch; its finished sentences are answered. */
    void step() {
        int rows = batch.size();
        long started = System.nanoTime();
        try {
            complete(search.step(batch));
        } catch (Throwable e) {
            failed(e);
            return;
        }
        metrics.stepped(rows, started);
    }

    /** The server stops: the sentences still in the batch are answered 503. */
    void stop() {
        inBatch.forEach(Job::stopping);
        inBatch.clear();
    }

    private void complete(List<RunningBatch.Done<Job>> done) {
        for (RunningBatch.Done<Job> d : done) {
            inBatch.remove(d.tag());
            d.tag().result().complete(List.of(d.translation()));
        }
    }

    // a bug in the running batch: its requests get a 500 and a new batch starts
    private void failed(Throwable e) {
        List<Job> jobs = List.copyOf(inBatch);
        inBatch.clear();
        batch = newBatch.get();
        Job.failed(model, "a running batch", jobs, e);
    }
}
