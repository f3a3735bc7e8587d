package org.nmt4j.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.nmt4j.compute.NativeThreads;
import org.nmt4j.config.ServeConfig;
import org.nmt4j.translate.RunningBatch;
import org.nmt4j.translate.Translation;
import org.nmt4j.translate.Translator;

/**
 * Dynamic batching for one model: a {@link JobQueue} of the sentences of all requests, {@code threads} workers, and two
 * schedulers each worker runs. Each worker takes the oldest sentence, then whatever else arrives until the batch has
 * {@code max_batch_size} sentences (or {@code max_batch_tokens} source pieces) or the first has waited
 * {@code max_queue_delay_ms}, and searches the batch whole ({@link StaticBatches}). With {@code continuous_batching}
 * (the default), greedy sentences instead join the worker's running batch ({@link RunningGreedy}) between two of its
 * steps; an idle worker starts one at once with the sentences waiting. {@link BatchMetrics} records both. A failure
 * completes the batch's futures exceptionally and the worker goes on with the next batch.
 */
final class ModelRunner implements AutoCloseable {

    /** How a batch is searched: the translator's own search, unless a test puts something around it. */
    interface BatchSearch {
        List<List<Translation>> search(Translator translator, List<List<String>> pieces, int n);

        /** A step of a running greedy batch. */
        default <T> List<RunningBatch.Done<T>> step(RunningBatch<T> running) {
            return running.step();
        }
    }

    private static final long IDLE_WAIT_NANOS = 200_000_000L; // an idle worker looks at `running` this often

    private final String id;
    private final Translator translator;
    private final ServeConfig config;
    private final BatchSearch search;
    private final JobQueue queue;
    private final BatchMetrics batchMetrics;
    private final StaticBatches statics;
    private final Map<Integer, Translator> byBeam = new ConcurrentHashMap<>();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running = true;

    ModelRunner(String id, Translator translator, ServeConfig config, Metrics metrics, BatchSearch search) {
        this.id = id;
        this.translator = translator.with(translator.decoding().withBatchSize(config.maxBatchSize())
                .withOverrides(null, null, null, null, config.maxSourceTokens(), 0), false);
        this.config = config;
        this.search = search;
        this.queue = new JobQueue(id, config.queueCapacity());
        this.batchMetrics = new BatchMetrics(metrics, id);
        this.statics = new StaticBatches(id, this::byBeam, search, batchMetrics);
        String labels = "model=\"" + Metrics.label(id) + "\"";
        metrics.gauge("nmt4j_queue_sentences", "Sentences waiting for a batching worker.", labels, queue::size);
        metrics.gauge("nmt4j_workers_alive", "Batching workers running.", labels, this::aliveWorkers);
        for (int i = 0; i < config.threads(); i++) {
            Thread worker = NativeThreads.newThread(this::work, "nmt4j-batch-" + id + "-" + i);
            workers.add(worker);
            worker.start();
        }
    }

    String id() {
        return id;
    }

    Translator translator() {
        return translator;
    }

    /**
     * Queues a request's sentences (before every normal one when high): all of them, or none when the queue has no
     * room for them all (429). The futures are in the order of the sentences.
     */
    List<Job> submit(List<List<String>> pieces, List<SearchOptions> options, boolean high) {
        if (!running) {
            throw new ApiError(503, "the server is stopping");
        }
        return queue.submit(pieces, options, high);
    }

    /** Gives up on a request's sentences (timed out): those still waiting leave the queue and free its room. */
    void withdraw(List<Job> jobs) {
        queue.withdraw(jobs);
    }

    int queueLength() {
        return queue.size();
    }

    /** Whether the queue has room for this many more sentences now (a submit may still find it full). */
    boolean hasRoomFor(int sentences) {
        return queue.hasRoomFor(sentences);
    }

    /** The answer to a request the queue has no room for (429). */
    ApiError queueFull() {
        return queue.full();
    }

    boolean workersAlive() {
        return aliveWorkers() == workers.size();
    }

    private int aliveWorkers() {
        return (int) workers.stream().filter(Thread::isAlive).count();
    }

    // a batch taken from the queue, and the sentence taken that did not fit in it (null: none)
    private record Taken(List<Job> batch, Job carried) {
    }

    private void work() {
        // greedy sentences join this worker's running batch between its steps (continuous batching); others are
        // searched in batches of their own
        // (not with a model's glossary: a running batch searches greedily, without constraints)
        RunningGreedy greedy = config.continuousBatching() && !translator.hasTerminology()
                ? new RunningGreedy(id, () -> byBeam(1).running(), search, batchMetrics, config.maxBatchSize(),
                        config.maxQueueDelayMs()) : null;
        Job carried = null;
        while (running) {
            try {
                boolean busy = greedy != null && greedy.size() > 0;
                Job first = carried;
                if (first == null && !busy) {
                    first = queue.take(IDLE_WAIT_NANOS);
                } else if (first == null && greedy.joinNow(queue)) {
                    first = queue.take(0);
                }
                carried = null;
                if (first != null) {
                    boolean joins = greedy != null && first.options().joinsRunningBatch();
                    Taken taken = take(first, joins ? greedy.room() : config.maxBatchSize(), busy || joins);
                    carried = taken.carried();
                    if (joins) {
                        List<Job> others = taken.batch().stream().filter(job -> !job.options().joinsRunningBatch())
                                .toList();
                        if (!others.isEmpty()) {
                            statics.run(others);
                        }
                        greedy.join(taken.batch().stream().filter(job -> job.options().joinsRunningBatch())
                                .toList());
                    } else {
                        statics.run(taken.batch());
                    }
                }
                if (greedy != null && greedy.size() > 0) {
                    greedy.step();
                }
            } catch (InterruptedException e) {
                if (!running) {
                    break;
                }
            }
        }
        if (carried != null) {
            carried.stopping();
        }
        if (greedy != null) {
            greedy.stop();
        }
    }

    /**
     * A batch that starts with first and holds at most room sentences and {@code max_batch_tokens} source pieces.
     * Unless now, it waits up to {@code max_queue_delay_ms} (from first's arrival) for others to join; a running batch
     * takes only those already waiting, and so does an idle worker starting one (later sentences join it between its
     * steps: waiting for them left the worker idle, 5 ms at a time, and greedy served 658 against 706 sentences/s).
     */
    private Taken take(Job first, int room, boolean now) throws InterruptedException {
        List<Job> batch = new ArrayList<>();
        batch.add(first);
        int tokens = first.pieces().size();
        long deadline = now ? 0 : first.enqueuedNanos() + TimeUnit.MILLISECONDS.toNanos(config.maxQueueDelayMs());
        while (batch.size() < room) {
            Job next = queue.take(now ? 0 : deadline - System.nanoTime());
            if (next == null) {
                break;
            }
            if (config.maxBatchTokens() > 0 && tokens + next.pieces().size() > config.maxBatchTokens()) {
                return new Taken(batch, next);
            }
            batch.add(next);
            tokens += next.pieces().size();
        }
        return new Taken(batch, null);
    }

    private Translator byBeam(int beam) {
        return byBeam.computeIfAbsent(beam, b -> translator.with(translator.decoding().withBeamSize(b), false));
    }

    /** Stops the workers after their current batch; sentences still queued are answered 503. */
    @Override
    public void close() {
        running = false;
        workers.forEach(Thread::interrupt);
        for (Thread worker : workers) {
            try {
                worker.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        queue.stop();
    }
}
