package org.nmt4j.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;

class ParallelWorkTest {

    @Test
    void everyUnitRunsExactlyOnceAcrossTheThreads() {
        AtomicIntegerArray runs = new AtomicIntegerArray(50);
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        ParallelWork.run(50, 3, i -> {
            runs.incrementAndGet(i);
            threads.add(Thread.currentThread());
            try {
                Thread.sleep(2); // long enough for the helpers to take their share
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        for (int i = 0; i < 50; i++) {
            assertEquals(1, runs.get(i), "unit " + i);
        }
        assertTrue(threads.size() > 1, "ran on " + threads);
        assertTrue(threads.contains(Thread.currentThread()), "the caller works too");
    }

    @Test
    void oneThreadRunsInOrderOnTheCaller() {
        StringBuilder order = new StringBuilder();
        ParallelWork.run(4, 1, order::append);
        assertEquals("0123", order.toString());
    }

    @Test
    void aFailingUnitIsRethrownAfterTheOthersStop() {
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> ParallelWork.run(20, 2, i -> {
            if (i == 7) {
                throw new IllegalStateException("unit 7 failed");
            }
        }));
        assertEquals("unit 7 failed", thrown.getMessage());
    }

    @Test
    void onEachThreadRunsEveryUnitOnAThreadOfItsOwn() {
        Thread[] ranOn = new Thread[3];
        ParallelWork.onEachThread(3, i -> ranOn[i] = Thread.currentThread());
        assertEquals(Thread.currentThread(), ranOn[0]);
        assertEquals(3, new java.util.HashSet<>(java.util.Arrays.asList(ranOn)).size());
    }

    @Test
    void backToBackRunsReuseTheSameHelperThreads() throws InterruptedException {
        // each thread keeps ND4J workspaces of up to hundreds of MB: a run that started a new helper while the last
        // one was still on its way back to the pool would add a workspace (training held three where two were due)
        Set<Thread> helpers = ConcurrentHashMap.newKeySet();
        Thread caller = Thread.currentThread();
        for (int run = 0; run < 500; run++) {
            CountDownLatch bothStarted = new CountDownLatch(2); // so that the caller cannot take both units
            ParallelWork.run(2, 2, i -> {
                bothStarted.countDown();
                try {
                    assertTrue(bothStarted.await(10, TimeUnit.SECONDS), "the other unit never started");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (Thread.currentThread() != caller) {
                    helpers.add(Thread.currentThread());
                }
            });
        }
        assertEquals(1, helpers.size(), "helper threads: " + helpers);
    }
}
