package org.nmt4j.cli.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

/**
 * Warm-up for a benchmark until the JIT compiler has settled: slices of the work are run until two in a row spend
 * less than {@link #SETTLED} of their time compiling (or {@code maxSeconds} have passed). A server's path (HTTP,
 * JSON, the running batch, the product kernels for each row count) keeps C2 busy for tens of seconds under load;
 * figures taken before then measure the compiler as much as the server (bench serve at 12 s: C2 took 20–40 % of a
 * core). Even so the first measured round still spends 10–15 % of its time compiling, the next ones 1–4 %;
 * `bench serve` prints each round's share.
 */
final class JitWarmup {

    /** Compilation time, as a share of a slice's wall time, under which the JIT counts as settled. */
    static final double SETTLED = 0.03;

    /**
     * What the warm-up did.
     *
     * @param seconds       wall time spent
     * @param slices        slices run
     * @param compileShare  the last slice's compilation time over its wall time (NaN when the JVM does not report it)
     * @param settled       whether the last two slices compiled for under {@link #SETTLED} of their time
     */
    record Result(double seconds, int slices, double compileShare, boolean settled) {
    }

    private JitWarmup() {
    }

    /**
     * Runs {@code slice} at least twice, then until two slices in a row compile for under {@link #SETTLED} of their
     * time or {@code maxSeconds} have passed (once when the JVM does not report compilation time).
     */
    static Result until(Runnable slice, double maxSeconds) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return until(slice, maxSeconds, jit != null && jit.isCompilationTimeMonitoringSupported()
                ? JitWarmup::compilationMs : null);
    }

    // as until(slice, maxSeconds), with the compilation time in ms read from compiled (null: not reported)
    static Result until(Runnable slice, double maxSeconds, LongSupplier compiled) {
        boolean measured = compiled != null;
        long start = System.nanoTime();
        int slices = 0;
        int quiet = 0; // settled slices in a row
        double share;
        do {
            long before = measured ? compiled.getAsLong() : 0;
            long t0 = System.nanoTime();
            slice.run();
            double ms = (System.nanoTime() - t0) / 1e6;
            slices++;
            share = measured ? (compiled.getAsLong() - before) / Math.max(ms, 1e-3) : Double.NaN;
            quiet = share < SETTLED ? quiet + 1 : 0;
        } while (measured && (slices < 2 || quiet < 2 && (System.nanoTime() - start) / 1e9 < maxSeconds));
        return new Result((System.nanoTime() - start) / 1e9, slices, share, quiet >= 2);
    }

    /** Compilation time so far in ms (0 when the JVM does not report it). */
    static long compilationMs() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }
}
