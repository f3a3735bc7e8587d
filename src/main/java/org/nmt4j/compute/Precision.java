package org.nmt4j.compute;

import java.util.Locale;

/**
 * The arithmetic of the large products ({@link Products}), a setting of the thread that runs them, like PyTorch's
 * autocast: {@code FP32} is ND4J's single-precision GEMM; {@code BF16} rounds both operands of a single-precision
 * product to bfloat16 and accumulates in fp32 (oneDNN, on AVX-512 BF16 or AMX). Double-precision products (the
 * gradient checks) are never lowered, nor is anything but the products: element-wise kernels, softmax, the loss,
 * parameters and Adam's moments stay fp32. {@code INT8} is for search only ({@link PackedInt8}: weights quantized per
 * column, each step's rows per row, int32 accumulation, on VNNI or AMX); training takes fp32 or bf16.
 */
public enum Precision {
    FP32, BF16, INT8;

    private static final ThreadLocal<Precision> CURRENT = ThreadLocal.withInitial(() -> FP32);

    /** The precision of this thread's products. */
    public static Precision current() {
        return CURRENT.get();
    }

    /**
     * Sets this thread's precision until the returned scope closes (then the previous one is back).
     *
     * @throws IllegalStateException for int8, or a precision this processor does not run
     */
    public Scope use() {
        Precision before = CURRENT.get();
        if (!trains()) {
            throw new IllegalStateException("precision " + label() + " is for translation; training takes fp32 or bf16");
        }
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
        throw new IllegalArgumentException("unknown precision '" + name + "' (expected fp32, bf16 or int8)");
    }

    /** The name configs and options use. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether training runs in this precision (int8 is for search only). */
    public boolean trains() {
        return this != INT8;
    }

    /** Null if this processor runs this precision, else why not (one line). */
    public String unsupportedReason() {
        return switch (this) {
            case FP32 -> null;
            case BF16 -> CpuFeatures.hasBf16() ? null : "precision bf16 needs a processor with AVX-512 BF16 or AMX (flag "
                    + CpuFeatures.BF16 + " or amx_bf16 in /proc/cpuinfo); this one has neither: use fp32";
            case INT8 -> CpuFeatures.hasInt8() ? null : "precision int8 needs a processor with VNNI or AMX (flag "
                    + CpuFeatures.INT8 + ", avx_vnni or amx_int8 in /proc/cpuinfo); this one has none: use fp32";
        };
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

    /** A precision in effect; closing it restores the previous one. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
