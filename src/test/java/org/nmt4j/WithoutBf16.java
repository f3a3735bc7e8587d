package org.nmt4j;

/**
 * Runs test code as on a processor without bfloat16 instructions: {@code nmt4j.cpu.disable} hides the flags
 * {@link org.nmt4j.compute.CpuFeatures} reads, and is restored afterwards.
 */
public final class WithoutBf16 {

    private WithoutBf16() {
    }

    /** Code that may throw anything a test asserts on. */
    public interface Body {
        void run() throws Throwable;
    }

    public static void run(Body body) throws Throwable {
        String before = System.getProperty("nmt4j.cpu.disable");
        System.setProperty("nmt4j.cpu.disable", "avx512_bf16,amx_bf16");
        try {
            body.run();
        } finally {
            if (before == null) {
                System.clearProperty("nmt4j.cpu.disable");
            } else {
                System.setProperty("nmt4j.cpu.disable", before);
            }
        }
    }
}
