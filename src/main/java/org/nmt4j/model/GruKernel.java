package org.nmt4j.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A {@link GruCell} step for search, over float arrays: the cell's gate-major weights laid side by side
 * ({@code [r | z | n]} columns, so that one product per input gives all three gates) and the element-wise part of the
 * step in one Java loop with the {@link Activations} approximations. One instance per thread: it keeps two rows of
 * scratch space.
 */
final class GruKernel {

    private final int hidden;
    private final float[] recurrentNBias; // b_hn [H]
    private final float[] gates;          // [2H] r and z of one row
    private final float[] candidate;      // [H] n of one row

    /** recurrentNBias: b_hn, which stays inside r ⊙ (W_hn h + b_hn). */
    GruKernel(float[] recurrentNBias) {
        this.hidden = recurrentNBias.length;
        this.recurrentNBias = recurrentNBias;
        this.gates = new float[2 * hidden];
        this.candidate = new float[hidden];
    }

    /** Rows [from, from + count) of a cell's W_i or W_h [3,In,H], side by side: [count, 3H]. */
    static INDArray sideBySide(INDArray gateMajor, long from, long count) {
        INDArray[] parts = new INDArray[3];
        for (int g = 0; g < 3; g++) {
            parts[g] = gateMajor.slice(g).get(NDArrayIndex.interval(from, from + count), NDArrayIndex.all());
        }
        return Nd4j.hstack(parts);
    }

    /** The bias that goes with the input side, [1,3H]: b_i, plus b_h for r and z (which only see the sum). */
    static INDArray inputBias(INDArray bi, INDArray bh) {
        long h = bi.size(1);
        return Nd4j.hstack(bi.slice(0).add(bh.slice(0)), bi.slice(1).add(bh.slice(1)), bi.slice(2)).reshape(1, 3 * h);
    }

    /**
     * One row: inputs[in..in+3H) are {@code W_i x + bias} per gate, recurrent[rec..rec+3H) are {@code W_h h} per gate;
     * writes h' over next[out..out+H) from previous[prev..prev+H).
     * <pre>
     *   r, z = σ(input + recurrent)    n = tanh(input_n + r ⊙ (recurrent_n + b_hn))    h' = n + z ⊙ (h − n)
     * </pre>
     */
    void step(float[] inputs, int in, float[] recurrent, int rec, float[] previous, int prev, float[] next, int out) {
        int h = hidden;
        for (int k = 0; k < 2 * h; k++) {
            gates[k] = inputs[in + k] + recurrent[rec + k];
        }
        Activations.sigmoid(gates, 2 * h);
        for (int k = 0; k < h; k++) {
            candidate[k] = inputs[in + 2 * h + k] + gates[k] * (recurrent[rec + 2 * h + k] + recurrentNBias[k]);
        }
        Activations.tanh(candidate, h);
        for (int k = 0; k < h; k++) {
            float c = candidate[k];
            next[out + k] = c + gates[h + k] * (previous[prev + k] - c);
        }
    }
}
