package org.nmt4j.compute;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A weight matrix W [K,N] converted once to a lower precision and packed in the layout oneDNN's products read, for
 * search's products {@code x W} with x the few rows of a step: {@link PackedBf16} (bfloat16) or {@link PackedInt8}
 * (int8). Shared by every thread; each keeps its own primitives.
 */
public interface PackedWeights {

    /** K, the rows of W. */
    int rows();

    /** N, the columns of W. */
    int columns();

    /** out [n,N] (float, row-major, dense) = x [n,K] (row-major) · W, x converted row by row. */
    void times(float[] x, int n, INDArray out);

    /**
     * W [K,N] (float, any layout) in {@code precision}'s packed form.
     *
     * @throws IllegalStateException if this processor cannot run that precision
     * @throws IllegalArgumentException for {@code FP32}, which has nothing to pack
     */
    static PackedWeights pack(INDArray w, Precision precision) {
        return switch (precision) {
            case BF16 -> PackedBf16.pack(w);
            case INT8 -> PackedInt8.pack(w);
            case FP32 -> throw new IllegalArgumentException("fp32 weights are not packed");
        };
    }
}
