package org.nmt4j.serve;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A model's queue of sentences, bounded by {@code queue_capacity} sentences: a request is queued whole or refused
 * (429); sentences of {@code high} priority are taken before every {@code normal} one, each priority in arrival order;
 * a request that timed out withdraws its sentences, and a worker never takes a sentence whose request no longer waits
 * for it.
 */
final class JobQueue {

    private final String model;
    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition waiting = lock.newCondition();
    private final ArrayDeque<Job> high = new ArrayDeque<>();
    private final ArrayDeque<Job> normal = new ArrayDeque<>();

    JobQueue(String model, int capacity) {
        this.model = model;
        this.capacity = capacity;
    }

    /**
     * Queues a request's sentences: all of them, or none when the queue has no room for them all (429). The jobs are
     * in the order of the sentences.
     */
    List<Job> submit(List<List<String>> pieces, List<SearchOptions> options, boolean highPriority) {
        Object request = new Object();
        lock.lock();
        try {
            if (!hasRoomFor(pieces.size())) {
                throw full();
            }
            long now = System.nanoTime();
            List<Job> jobs = new ArrayList<>();
            for (int i = 0; i < pieces.size(); i++) {
                Job job = new Job(pieces.get(i), options.get(i), request, now, new CompletableFuture<>());
                jobs.add(job);
                (highPriority ? high : normal).add(job);
            }
            waiting.signalAll();
            return jobs;
        } finally {
            lock.unlock();
        }
    }

    /** Whether this many more sentences fit now (a later submit may still find the queue full). */
    boolean hasRoomFor(int sentences) {
        lock.lock();
        try {
            return high.size() + normal.size() + sentences <= capacity;
        } finally {
            lock.unlock();
        }
    }

    /** A 429 saying the queue has no room, with a second's {@code Retry-After}. */
    ApiError full() {
        return new ApiError(429, "model " + model + ": the queue is full (" + capacity + " sentences); retry later", 1);
    }

    /** Gives up on a request's sentences (timed out): those still waiting leave the queue and free its room. */
    void withdraw(List<Job> jobs) {
        lock.lock();
        try {
            for (Job job : jobs) {
                job.result().cancel(false);
                if (!high.remove(job)) {
                    normal.remove(job);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next sentence whose request still waits for it, high priority first, within the time left (≤ 0: only one
     * already queued).
     */
    Job take(long nanos) throws InterruptedException {
        long left = nanos;
        lock.lockInterruptibly();
        try {
            while (true) {
                Job job = high.isEmpty() ? normal.poll() : high.poll();
                if (job != null) {
                    if (!job.result().isDone()) { // a request that timed out has cancelled its futures
                        return job;
                    }
                    continue;
                }
                if (left <= 0) {
                    return null;
                }
                left = waiting.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The sentence a worker would take next, left in the queue; null if none. */
    Job peek() {
        lock.lock();
        try {
            return high.isEmpty() ? normal.peek() : high.peek();
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return high.size() + normal.size();
        } finally {
            lock.unlock();
        }
    }

    /** Answers every sentence still queued 503 (the server is stopping). */
    void stop() {
        lock.lock();
        try {
            high.forEach(Job::stopping);
            normal.forEach(Job::stopping);
            high.clear();
            normal.clear();
        } finally {
            lock.unlock();
        }
    }
}
