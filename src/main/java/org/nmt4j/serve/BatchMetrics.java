package org.nmt4j.serve;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** What a model's workers record in {@link Metrics}: batches, their search, the steps of running batches. */
final class BatchMetrics {

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private final Metrics metrics;
    private final String labels;

    BatchMetrics(Metrics metrics, String model) {
        this.metrics = metrics;
        this.labels = "model=\"" + Metrics.label(model) + "\"";
    }

    /** The current thread's CPU time, in nanoseconds, to pass to {@link #searched}. */
    static long cpuNow() {
        return CPU.getCurrentThreadCpuTime();
    }

    /**
     * A batch whose search starts now, static or a join of a running batch: each sentence's queue wait, and the
     * batch's sentences and requests (each sentence counted once, in the batch it starts in).
     */
    void started(List<Job> batch) {
        long now = System.nanoTime();
        Map<Object, Boolean> requests = new IdentityHashMap<>();
        for (Job job : batch) {
            metrics.observe("nmt4j_queue_wait_seconds", "Time from a sentence's arrival to its batch's search.",
                    Metrics.LATENCY_BUCKETS, labels, (now - job.enqueuedNanos()) / 1e9);
            requests.put(job.request(), true);
        }
        metrics.observe("nmt4j_batch_sentences", "Sentences per searched batch.", Metrics.SIZE_BUCKETS, labels,
                batch.size());
        metrics.observe("nmt4j_batch_requests", "Requests whose sentences share a searched batch.",
                Metrics.SIZE_BUCKETS, labels, requests.size());
    }

    /** A static batch's search, which started at these wall-clock and CPU times. */
    void searched(long startedNanos, long cpuStartedNanos) {
        metrics.observe("nmt4j_batch_search_seconds", "Time to search one batch.", Metrics.LATENCY_BUCKETS,
                labels, (System.nanoTime() - startedNanos) / 1e9);
        metrics.observe("nmt4j_batch_search_cpu_seconds", "CPU time of the thread searching one batch.",
                Metrics.LATENCY_BUCKETS, labels, (cpuNow() - cpuStartedNanos) / 1e9);
    }

    /** A step of a running greedy batch of this many sentences, which started at this time. */
    void stepped(int rows, long startedNanos) {
        metrics.observe("nmt4j_step_rows", "Sentences in a step of a running greedy batch.", Metrics.SIZE_BUCKETS,
                labels, rows);
        metrics.observe("nmt4j_step_seconds", "Time of a step of a running greedy batch.", Metrics.LATENCY_BUCKETS,
                labels, (System.nanoTime() - startedNanos) / 1e9);
    }
}
