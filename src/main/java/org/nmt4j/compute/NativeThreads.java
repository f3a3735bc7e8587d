package org.nmt4j.compute;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * How nmt4j uses several cores: ND4J's own (OpenMP) threads and OpenBLAS's are set to one, and nmt4j's threads each
 * run a stream of independent work instead ({@link ParallelWork}: batches of a translation, shards of a training
 * batch). Measured on two cores: a decoder step's [64,512]×[512,512] product takes as long on two BLAS threads as on
 * one, and the idle BLAS worker spins on the other core; two single-threaded streams do close to twice the work. The
 * command line applies this policy, and so do the Java API's entry points ({@code Translator.withThreads}, the
 * trainer). The launcher also sets {@code OMP_WAIT_POLICY=PASSIVE}.
 */
public final class NativeThreads {

    private NativeThreads() {
    }

    /** Makes ND4J and BLAS single-threaded (for the whole process). */
    public static void apply() {
        Nd4j.getExecutioner(); // loads the backend, which NativeOpsHolder needs
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
        Nd4j.factory().blas().setMaxThreads(1);
    }

    /**
     * A daemon thread that applies the policy before it runs {@code work}: OpenMP's thread count is per thread, and a
     * new thread starts from {@code OMP_NUM_THREADS} (or all cores), so without this ND4J's ops and the search's
     * parallel streams on it would run several threads on top of nmt4j's own.
     */
    public static Thread newThread(Runnable work, String name) {
        Thread thread = new Thread(() -> {
            apply();
            work.run();
        }, name);
        thread.setDaemon(true);
        return thread;
    }

    /**
     * Applies the policy and returns how many work threads to use: {@code requested}, or when it is 0,
     * {@code OMP_NUM_THREADS} if set, else the number of cores. (The command line and the config reject counts below
     * 0 before they get here.)
     */
    public static int configure(int requested) {
        if (requested < 0) {
            throw new IllegalArgumentException("threads below 0: " + requested);
        }
        apply();
        return requested > 0 ? requested : defaultThreads();
    }

    private static int defaultThreads() {
        String fromEnvironment = System.getenv("OMP_NUM_THREADS");
        if (fromEnvironment != null) {
            try {
                int threads = Integer.parseInt(fromEnvironment.trim());
                if (threads > 0) {
                    return threads;
                }
            } catch (NumberFormatException ignored) {
                // not a number: fall back to the cores, as OpenMP does
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }
}
