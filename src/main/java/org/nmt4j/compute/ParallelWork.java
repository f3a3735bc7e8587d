package org.nmt4j.compute;

import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Independent units of model work (the batches of a translation, the shards of a training batch) run side by side,
 * one per thread. On this kind of machine that is how nmt4j uses several cores: a decoder step is hundreds of small
 * ND4J operations, which ND4J's and OpenBLAS's own threads barely speed up (a [64,512]×[512,512] product takes as long
 * on two threads as on one) while their spinning workers take the other core; two single-threaded streams of
 * operations do twice the work. The threads are daemons kept for reuse, so each keeps its ND4J workspaces warm; and
 * a run's helpers are the threads that finished last ({@link Helper}), so back-to-back runs on k threads use the
 * same k threads, and hold k threads' workspaces, not one more for every time a helper was late back to the pool.
 */
public final class ParallelWork {

    // idle helpers, the most recently idle first
    private static final Deque<Helper> IDLE = new ConcurrentLinkedDeque<>();

    private ParallelWork() {
    }

    /**
     * Runs {@code unit.accept(i)} for i in [0, count) on up to {@code threads} threads (the calling thread is one of
     * them) and returns when all are done. The first failure is rethrown after the others finish.
     */
    public static void run(int count, int threads, IntConsumer unit) {
        int helpers = Math.min(threads, count) - 1;
        if (helpers <= 0) {
            for (int i = 0; i < count; i++) {
                unit.accept(i);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        side(helpers, h -> {
            try {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    unit.accept(i);
                }
            } catch (RuntimeException | Error e) {
                next.set(count); // whichever thread failed, the others stop after their current unit
                throw e;
            }
        });
    }

    /**
     * Runs {@code unit.accept(i)} for i in [0, threads) with each i on a thread of its own (0 on the caller), e.g. to
     * size every thread's workspace.
     */
    public static void onEachThread(int threads, IntConsumer unit) {
        if (threads <= 1) {
            unit.accept(0);
            return;
        }
        // no unit starts before every thread holds one: a pool thread cannot finish one and take another
        CountDownLatch started = new CountDownLatch(threads);
        side(threads - 1, i -> {
            started.countDown();
            try {
                started.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            unit.accept(i);
        });
    }

    // worker(0) on the caller and worker(1..helpers) on pool threads; waits for all, rethrows the first failure
    private static void side(int helpers, IntConsumer worker) {
        List<CompletableFuture<Void>> running = new ArrayList<>(helpers);
        for (int h = 1; h <= helpers; h++) {
            int id = h;
            running.add(Helper.take().run(() -> worker.accept(id)));
        }
        Throwable failure = null;
        try {
            worker.accept(0);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        for (CompletableFuture<Void> f : running) {
            try {
                f.get();
            } catch (ExecutionException e) {
                failure = failure == null ? e.getCause() : failure;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure == null ? e : failure;
            }
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        } else if (failure instanceof Error err) {
            throw err;
        } else if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }

    /**
     * A daemon thread that runs one unit of work at a time. It is back among the idle helpers before its unit's
     * future completes, so a caller that waited for its helpers finds them idle for its next run (a pool that
     * completes first and then returns its thread starts a new thread when the next run comes quickly). A helper
     * idle for an hour ends (a validation pause must not throw away its workspaces, a server's hours must not keep
     * them).
     */
    private static final class Helper {

        private final LinkedBlockingQueue<Runnable> work = new LinkedBlockingQueue<>();

        // the most recently idle helper, or a new one
        static Helper take() {
            Helper idle = IDLE.pollFirst();
            if (idle != null) {
                return idle;
            }
            Helper helper = new Helper();
            NativeThreads.newThread(helper::serve, "nmt4j-worker").start();
            return helper;
        }

        CompletableFuture<Void> run(Runnable unit) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            work.add(() -> {
                Throwable failure = null;
                try {
                    unit.run();
                } catch (RuntimeException | Error e) {
                    failure = e;
                }
                IDLE.offerFirst(this);
                if (failure == null) {
                    done.complete(null);
                } else {
                    done.completeExceptionally(failure);
                }
            });
            return done;
        }

        private void serve() {
            try {
                while (true) {
                    Runnable next = work.poll(1, TimeUnit.HOURS);
                    if (next != null) {
                        next.run();
                    } else if (IDLE.removeFirstOccurrence(this)) {
                        return; // nobody took this helper while it waited, and now nobody can
                    }
                }
            } catch (InterruptedException e) {
                IDLE.removeFirstOccurrence(this);
            }
        }
    }
}
