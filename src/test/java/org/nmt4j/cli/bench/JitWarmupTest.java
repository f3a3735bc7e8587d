package org.nmt4j.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.LongSupplier;

import org.junit.jupiter.api.Test;

class JitWarmupTest {

    // a JIT that compiles for the given ms during each 20 ms slice (the last entry repeats)
    private static final class FakeJit implements LongSupplier, Runnable {
        private final long[] perSlice;
        private long total;
        private int slices;

        FakeJit(long... perSlice) {
            this.perSlice = perSlice;
        }

        @Override
        public void run() {
            sleep(20);
            total += perSlice[Math.min(slices++, perSlice.length - 1)];
        }

        @Override
        public long getAsLong() {
            return total;
        }
    }

    @Test
    void the_warm_up_ends_after_two_quiet_slices_in_a_row() {
        // 10 of 20 ms compiling, then quiet, busy again, then quiet for good
        FakeJit jit = new FakeJit(10, 0, 10, 0, 0, 0);
        JitWarmup.Result r = JitWarmup.until(jit, 60, jit);
        assertEquals(5, r.slices());
        assertTrue(r.settled());
        assertEquals(0, r.compileShare());
    }

    @Test
    void a_jit_that_never_settles_ends_the_warm_up_at_its_time_limit_unsettled() {
        FakeJit jit = new FakeJit(10);
        JitWarmup.Result r = JitWarmup.until(jit, 0.3, jit);
        assertFalse(r.settled());
        assertTrue(r.seconds() >= 0.3 && r.slices() >= 2, r.toString());
        assertTrue(r.compileShare() > JitWarmup.SETTLED);
    }

    @Test
    void at_least_two_slices_run_even_with_no_time_for_a_warm_up() {
        FakeJit jit = new FakeJit(0);
        assertEquals(2, JitWarmup.until(jit, 0, jit).slices());
        FakeJit busy = new FakeJit(10);
        assertEquals(2, JitWarmup.until(busy, 0, busy).slices());
    }

    @Test
    void without_the_jit_reporting_its_time_one_slice_runs() {
        JitWarmup.Result r = JitWarmup.until(() -> sleep(1), 60, null);
        assertEquals(1, r.slices());
        assertTrue(Double.isNaN(r.compileShare()));
        assertFalse(r.settled());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
