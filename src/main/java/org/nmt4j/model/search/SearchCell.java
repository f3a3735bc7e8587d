package org.nmt4j.model.search;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A recurrent cell for search ({@link org.nmt4j.model.RecurrentCell}'s function over float arrays): the cell's
 * gate-major weights laid side by side (G gate blocks of H columns, so one product per input gives every gate), and
 * a {@link Kernel} for the element-wise part of a step. Float copies, made once, read-only. A search state is one
 * row of {@link #stateSize} floats: h, then the cell's memory if it has one (an LSTM's c).
 */
public interface SearchCell {

    /** The element-wise part of a step for one row. One instance per thread: it may keep scratch rows. */
    interface Kernel {
        /**
         * inputs[in..in+GH) are {@code W_i x + bias} per gate, recurrent[rec..rec+GH) are {@code W_h h} per gate;
         * writes the next state over next[out..out+W) from previous[prev..prev+W), W the {@link #stateSize}.
         */
        void step(float[] inputs, int in, float[] recurrent, int rec, float[] previous, int prev, float[] next,
                  int out);
    }

    /** H. */
    int hiddenSize();

    /** W, the width of a state row: H, or H for h and H for c (an LSTM). */
    default int stateSize() {
        return hiddenSize();
    }

    /** G·H, the width of the gates side by side. */
    int width();

    /** Rows [from, from + count) of the input weights, side by side: [count, GH]. */
    INDArray inputWeights(long from, long count);

    /** The bias that goes with the input side, [1,GH]. */
    INDArray inputBias();

    /** The recurrent weights side by side, [H,GH], float. */
    INDArray recurrentWeights();

    /** A kernel for one thread. */
    Kernel kernel();

    /** Rows [from, from + count) of gate-major weights [G,In,H], side by side: [count, GH]. */
    static INDArray sideBySide(INDArray gateMajor, long from, long count) {
        INDArray[] parts = new INDArray[(int) gateMajor.size(0)];
        for (int g = 0; g < parts.length; g++) {
            parts[g] = gateMajor.slice(g).get(NDArrayIndex.interval(from, from + count), NDArrayIndex.all());
        }
        return Nd4j.hstack(parts);
    }
}
