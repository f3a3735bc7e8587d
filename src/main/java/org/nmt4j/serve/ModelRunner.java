package org.nmt4j.serve;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.nmt4j.compute.NativeThreads;
import org.nmt4j.config.ServeConfig;
import org.nmt4j.translate.Translation;
import org.nmt4j.translate.Translator;

/**
 * Dynamic batching for one model. The sentences of all requests go into one queue, bounded by
 * {@code queue_capacity} sentences (a request that does not fit whole is refused: 429). Each of {@code threads}
 * workers takes the oldest sentence, then whatever else arrives until the batch has {@code max_batch_size} sentences
 * (or {@code max_batch_tokens} source pieces) or the first has waited {@code max_queue_delay_ms}; it searches the
 * batch's sentences of one beam size together (the translator sorts them by length) and completes each sentence's
 * future. With {@code continuous_batching} (the default), greedy sentences instead join the worker's running batch
 * ({@link Translator.Running}) between two of its steps, a few at a time ({@value #JOIN_AT_LEAST}, or fewer when
 * the batch has no more room or the first has waited {@code max_queue_delay_ms}; an idle worker starts a running
 * batch at once with those waiting), and each is answered at the step it ends: the batch stays full while its
 * sentences end at different times. A failure completes the batch's futures exceptionally and the worker goes on
 * with the next batch.
 */
final class ModelRunner implements AutoCloseable {

    /** How a batch is searched: the translator's own search, unless a test puts something around it. */
    interface BatchSearch {
        List<List<Translation>> search(Translator translator, List<List<String>> pieces, int n);

        /** A step of a running greedy batch. */
        default <T> List<Translator.Running.Done<T>> step(Translator.Running<T> running) {
            return running.step();
        }
    }

    /** One sentence waiting: its pieces, its options, the request it belongs to and its future. */
    record Job(List<String> pieces, SearchOptions options, Object request, long enqueuedNanos,
               CompletableFuture<List<Translation>> result) {
    }

    private static final java.lang.management.ThreadMXBean CPU =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private final String id;
    private final Translator translator;
    private final ServeConfig config;
    private final Metrics metrics;
    private final BatchSearch search;
    private final LinkedBlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final Semaphore capacity;
    private final Map<Integer, Translator> byBeam = new ConcurrentHashMap<>();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running = true;

    ModelRunner(String id, Translator translator, ServeConfig config, Metrics metrics, BatchSearch search) {
        this.id = id;
        this.translator = translator.with(translator.decoding().withBatchSize(config.maxBatchSize())
                .withOverrides(null, null, null, null, config.maxSourceTokens(), 0), false);
        this.config = config;
        this.metrics = metrics;
        this.search = search;
        this.capacity = new Semaphore(config.queueCapacity());
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
     * Queues a request's sentences: all of them, or none when the queue has no room for them all (429). The futures
     * are in the order of the sentences.
     */
    List<Job> submit(List<List<String>> pieces, List<SearchOptions> options) {
        if (!running) {
            throw new ApiError(503, "the server is stopping");
        }
        if (!capacity.tryAcquire(pieces.size())) {
            throw new ApiError(429, "model " + id + ": the queue is full (" + config.queueCapacity()
                    + " sentences); retry later", 1);
        }
        Object request = new Object();
        long now = System.nanoTime();
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            Job job = new Job(pieces.get(i), options.get(i), request, now, new CompletableFuture<>());
            jobs.add(job);
            queue.add(job);
        }
        return jobs;
    }

    /** Gives up on a request's sentences (timed out): those still waiting leave the queue and free its room. */
    void withdraw(List<Job> jobs) {
        for (Job job : jobs) {
            job.result().cancel(false);
            if (queue.remove(job)) {
                capacity.release();
            }
        }
    }

    int queueLength() {
        return queue.size();
    }

    boolean workersAlive() {
        return aliveWorkers() == workers.size();
    }

    private int aliveWorkers() {
        return (int) workers.stream().filter(Thread::isAlive).count();
    }

    private void work() {
        // greedy sentences join this worker's running batch between its steps (continuous batching); others are
        // searched in batches of their own
        Translator.Running<Job> greedy = config.continuousBatching() ? byBeam(1).running() : null;
        java.util.Set<Job> inGreedy = new java.util.HashSet<>(); // the jobs of the running batch
        Job carried = null;
        while (running) {
            try {
                boolean busy = greedy != null && greedy.size() > 0;
                Job first = carried != null ? carried : !busy ? take(200_000_000L) : joinNow(greedy) ? take(0) : null;
                carried = null;
                if (first != null) {
                    boolean joins = greedy != null && first.options().beamSize() == 1;
                    int room = joins ? config.maxBatchSize() - greedy.size() : config.maxBatchSize();
                    List<Job> batch = new ArrayList<>();
                    batch.add(first);
                    int tokens = first.pieces().size();
                    // an idle worker waits up to max_queue_delay_ms for others to join the first batch of its own;
                    // a running batch takes only those already waiting, and so does an idle worker starting one
                    // (later sentences join it between its steps: waiting for them left the worker idle, 5 ms at a
                    // time, and greedy served 658 against 706 sentences/s)
                    boolean now = busy || joins;
                    long deadline = now ? 0 : first.enqueuedNanos()
                            + TimeUnit.MILLISECONDS.toNanos(config.maxQueueDelayMs());
                    while (batch.size() < room) {
                        Job next = take(now ? 0 : deadline - System.nanoTime());
                        if (next == null) {
                            break;
                        }
                        if (config.maxBatchTokens() > 0 && tokens + next.pieces().size() > config.maxBatchTokens()) {
                            carried = next;
                            break;
                        }
                        batch.add(next);
                        tokens += next.pieces().size();
                    }
                    if (joins) {
                        List<Job> others = batch.stream().filter(job -> job.options().beamSize() != 1).toList();
                        if (!others.isEmpty()) {
                            run(others);
                        }
                        greedy = join(greedy, inGreedy, batch.stream()
                                .filter(job -> job.options().beamSize() == 1).toList());
                    } else {
                        run(batch);
                    }
                }
                if (greedy != null && greedy.size() > 0) {
                    greedy = step(greedy, inGreedy);
                }
            } catch (InterruptedException e) {
                if (!running) {
                    break;
                }
            }
        }
        if (carried != null) {
            carried.result().completeExceptionally(new ApiError(503, "the server is stopping"));
        }
        inGreedy.forEach(job -> job.result().completeExceptionally(new ApiError(503, "the server is stopping")));
    }

    /** Sentences at most this many apart join a running batch together (each join encodes them as one batch). */
    static final int JOIN_AT_LEAST = 4;

    // whether the sentences waiting join the running batch before its next step: as soon as there are a few of them
    // (encoding them together is cheaper), the batch has room for them all, or the first has waited its delay
    private boolean joinNow(Translator.Running<Job> greedy) {
        Job head = queue.peek();
        int room = config.maxBatchSize() - greedy.size();
        return head != null && room > 0 && (queue.size() >= Math.min(room, JOIN_AT_LEAST)
                || System.nanoTime() - head.enqueuedNanos() >= TimeUnit.MILLISECONDS.toNanos(config.maxQueueDelayMs()));
    }

    // greedy jobs join the running batch (a new batch if it failed)
    private Translator.Running<Job> join(Translator.Running<Job> greedy, java.util.Set<Job> inGreedy,
                                         List<Job> jobs) {
        if (jobs.isEmpty()) {
            return greedy;
        }
        // a join is the batch its sentences start in (the running batch's size is nmt4j_step_rows)
        observeBatch(jobs, System.nanoTime());
        try {
            inGreedy.addAll(jobs);
            complete(greedy.add(jobs.stream().map(Job::pieces).toList(), jobs), inGreedy);
            return greedy;
        } catch (Throwable e) {
            return failed(e, inGreedy);
        }
    }

    // one step of the running batch; its finished sentences are answered
    private Translator.Running<Job> step(Translator.Running<Job> greedy, java.util.Set<Job> inGreedy) {
        String labels = "model=\"" + Metrics.label(id) + "\"";
        int rows = greedy.size();
        long started = System.nanoTime();
        try {
            complete(search.step(greedy), inGreedy);
        } catch (Throwable e) {
            return failed(e, inGreedy);
        }
        metrics.observe("nmt4j_step_rows", "Sentences in a step of a running greedy batch.", Metrics.SIZE_BUCKETS,
                labels, rows);
        metrics.observe("nmt4j_step_seconds", "Time of a step of a running greedy batch.", Metrics.LATENCY_BUCKETS,
                labels, (System.nanoTime() - started) / 1e9);
        return greedy;
    }

    private static void complete(List<Translator.Running.Done<Job>> done, java.util.Set<Job> inGreedy) {
        for (Translator.Running.Done<Job> d : done) {
            inGreedy.remove(d.tag());
            d.tag().result().complete(List.of(d.translation()));
        }
    }

    // a bug in a running batch: its requests get a 500 and the worker starts a new batch
    private Translator.Running<Job> failed(Throwable e, java.util.Set<Job> inGreedy) {
        List<Job> jobs = List.copyOf(inGreedy);
        inGreedy.clear();
        fail("a running batch", jobs, e);
        return byBeam(1).running();
    }

    // a bug: these sentences' requests get a 500 (the stack trace goes to the log); a JVM error other than running
    // out of memory stops the worker
    private void fail(String what, java.util.Collection<Job> jobs, Throwable e) {
        System.err.println("nmt4j serve: model " + id + ": " + what + " of " + jobs.size() + " sentences failed: " + e);
        e.printStackTrace();
        jobs.forEach(job -> job.result().completeExceptionally(e));
        if (e instanceof Error && !(e instanceof AssertionError) && !(e instanceof OutOfMemoryError)) {
            throw (Error) e;
        }
    }

    private Translator byBeam(int beam) {
        return byBeam.computeIfAbsent(beam, b -> translator.with(translator.decoding().withBeamSize(b), false));
    }

    /** The next sentence whose request still waits for it, within the time left (≤ 0: only one already queued). */
    private Job take(long nanos) throws InterruptedException {
        while (true) {
            Job job = nanos > 0 ? queue.poll(nanos, TimeUnit.NANOSECONDS) : queue.poll();
            if (job == null) {
                return null;
            }
            capacity.release();
            if (!job.result().isDone()) { // a request that timed out has cancelled its futures
                return job;
            }
        }
    }

    // the metrics of a batch whose search starts now, static or a join of a running batch: each sentence's queue
    // wait, and the batch's sentences and requests (each sentence counted once, in the batch it starts in)
    private void observeBatch(List<Job> batch, long started) {
        String labels = "model=\"" + Metrics.label(id) + "\"";
        Map<Object, Boolean> requests = new IdentityHashMap<>();
        for (Job job : batch) {
            metrics.observe("nmt4j_queue_wait_seconds", "Time from a sentence's arrival to its batch's search.",
                    Metrics.LATENCY_BUCKETS, labels, (started - job.enqueuedNanos()) / 1e9);
            requests.put(job.request(), true);
        }
        metrics.observe("nmt4j_batch_sentences", "Sentences per searched batch.", Metrics.SIZE_BUCKETS, labels,
                batch.size());
        metrics.observe("nmt4j_batch_requests", "Requests whose sentences share a searched batch.",
                Metrics.SIZE_BUCKETS, labels, requests.size());
    }

    private void run(List<Job> batch) {
        String labels = "model=\"" + Metrics.label(id) + "\"";
        observeBatch(batch, System.nanoTime());
        Map<Integer, List<Job>> groups = new LinkedHashMap<>();
        batch.forEach(job -> groups.computeIfAbsent(job.options().searchKey(), k -> new ArrayList<>()).add(job));
        for (List<Job> group : groups.values()) {
            int beam = group.get(0).options().beamSize();
            int n = group.stream().mapToInt(job -> job.options().nBest()).max().orElse(1);
            try {
                Translator t = byBeam(beam);
                long searching = System.nanoTime();
                long cpuStart = CPU.getCurrentThreadCpuTime();
                List<List<Translation>> found = search.search(t, group.stream().map(Job::pieces).toList(), n);
                metrics.observe("nmt4j_batch_search_seconds", "Time to search one batch.", Metrics.LATENCY_BUCKETS,
                        labels, (System.nanoTime() - searching) / 1e9);
                metrics.observe("nmt4j_batch_search_cpu_seconds", "CPU time of the thread searching one batch.",
                        Metrics.LATENCY_BUCKETS, labels, (CPU.getCurrentThreadCpuTime() - cpuStart) / 1e9);
                for (int i = 0; i < group.size(); i++) {
                    List<Translation> nBest = found.get(i);
                    group.get(i).result().complete(nBest.subList(0, Math.min(group.get(i).options().nBest(),
                            nBest.size())));
                }
            } catch (Throwable e) { // a bug: this batch's requests get a 500, the next batch is served
                fail("a batch", group, e);
            }
        }
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
        for (Job job; (job = queue.poll()) != null; ) {
            job.result().completeExceptionally(new ApiError(503, "the server is stopping"));
        }
    }
}
