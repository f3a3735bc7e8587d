package org.nmt4j.compute;

import java.util.Locale;

/**
 * The arithmetic of the large products ({@link Products}), a setting of the thread that runs them, like PyTorch's
 * autocast: {@code FP32} is ND4J's single-precision GEMM; {@code BF16} rounds both operands of a single-precision
 * product to bfloat16 and accumulates in fp32 (oneDNN, on AVX-512 BF16 or AMX). Double-precision products (the
 * gradient checks) are never lowered, nor is anything but the products: element-wise kernels, softmax, the loss,
 * parameters and Adam's moments stay fp32.
 */
public enum Precision {
    FP32, BF16;

    private static final ThreadLocal<Precision> CURRENT = ThreadLocal.withInitial(() -> FP32);

    /** The precision of this thread's products. */
    public static Precision current() {
        return CURRENT.get();
    }

    /** Sets this thread's precision until the returned scope closes (then the previous one is back). */
    public Scope use() {
        Precision before = CURRENT.get();
        requireSupported();
        CURRENT.set(this);
        return () -> CURRENT.set(before);
    }

    /** A precision by its name in configs and options ({@code fp32}, {@code bf16}). */
    public static Precision parse(String name) {
        for (Precision p : values()) {
            if (p.label().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown precision '" + name + "' (expected fp32 or bf16)");
    }

    /** The name configs and options use. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Null if this processor runs this precision, else why not (one line). */
    public String unsupportedReason() {
        return this == BF16 && !CpuFeatures.hasBf16() ? unsupported() : null;
    }

    /**
     * Checks that this processor runs this precision.
     *
     * @throws IllegalStateException with {@link #unsupportedReason} if it does not
     */
    public void requireSupported() {
        String unsupported = unsupportedReason();
        if (unsupported != null) {
            throw new IllegalStateException(unsupported);
        }
    }

    private static String unsupported() {
        return "precision bf16 needs a processor with AVX-512 BF16 or AMX (flag " + CpuFeatures.BF16
                + " or amx_bf16 in /proc/cpuinfo); this one has neither: use fp32";
    }

    /** A precision in effect; closing it restores the previous one. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
