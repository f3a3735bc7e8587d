package org.nmt4j;

/**
 * Runs test code as on a processor without bfloat16 or int8 instructions: {@code nmt4j.cpu.disable} hides the flags
 * {@link org.nmt4j.compute.CpuFeatures} reads, and is restored afterwards.
 */
public final class WithoutCpuFeatures {

    private WithoutCpuFeatures() {
    }

    /** Code that may throw anything a test asserts on. */
    public interface Body {
        void run() throws Throwable;
    }

    /** Runs the body as on a processor without bfloat16 instructions. */
    public static void bf16(Body body) throws Throwable {
        hiding("avx512_bf16,amx_bf16", body);
    }

    /** Runs the body as on a processor without int8 instructions. */
    public static void int8(Body body) throws Throwable {
        hiding("avx512_vnni,avx_vnni,amx_int8", body);
    }

    private static void hiding(String flags, Body body) throws Throwable {
        String before = System.getProperty("nmt4j.cpu.disable");
        System.setProperty("nmt4j.cpu.disable", flags);
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
