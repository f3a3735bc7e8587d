package org.nmt4j.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A model's queue of sentences, bounded by {@code queue_capacity} sentences: a request is queued whole or refused
 * (429); a request that timed out withdraws its sentences, and a worker never takes a sentence whose request no longer
 * waits for it.
 */
final class JobQueue {

    private final String model;
    private final int capacity;
    private final LinkedBlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final Semaphore room;

    JobQueue(String model, int capacity) {
        this.model = model;
        this.capacity = capacity;
        this.room = new Semaphore(capacity);
    }

    /**
     * Queues a request's sentences: all of them, or none when the queue has no room for them all (429). The jobs are
     * in the order of the sentences.
     */
    List<Job> submit(List<List<String>> pieces, List<SearchOptions> options) {
        if (!room.tryAcquire(pieces.size())) {
            throw new ApiError(429, "model " + model + ": the queue is full (" + capacity
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
                room.release();
            }
        }
    }

    /** The next sentence whose request still waits for it, within the time left (≤ 0: only one already queued). */
    Job take(long nanos) throws InterruptedException {
        while (true) {
            Job job = nanos > 0 ? queue.poll(nanos, TimeUnit.NANOSECONDS) : queue.poll();
            if (job == null) {
                return null;
            }
            room.release();
            if (!job.result().isDone()) { // a request that timed out has cancelled its futures
                return job;
            }
        }
    }

    /** The oldest sentence waiting, left in the queue; null if none. */
    Job peek() {
        return queue.peek();
    }

    int size() {
        return queue.size();
    }

    /** Answers every sentence still queued 503 (the server is stopping). */
    void stop() {
        for (Job job; (job = queue.poll()) != null; ) {
            job.stopping();
        }
    }
}
