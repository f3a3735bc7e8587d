package org.nmt4j.cli;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * How many threads ND4J's native ops (OpenMP) and BLAS use. With another process busy on the cores, spin-waiting
 * OpenMP threads make everything many times slower, so nmt4j's launcher also sets {@code OMP_WAIT_POLICY=PASSIVE}.
 */
final class NativeThreads {

    private NativeThreads() {
    }

    /** Sets both thread counts; 0 leaves ND4J's default (OMP_NUM_THREADS, else the number of cores). */
    static void configure(int threads) {
        Nd4j.getExecutioner(); // loads the backend, which NativeOpsHolder needs
        if (threads > 0) {
            NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
            Nd4j.factory().blas().setMaxThreads(threads);
        }
    }

    static int current() {
        Nd4j.getExecutioner();
        return NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
    }
}
