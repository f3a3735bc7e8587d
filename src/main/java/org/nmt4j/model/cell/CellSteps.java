package org.nmt4j.model.cell;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The element-wise half of a {@link GatedCell}'s steps over a batch, in Java arrays: the gates of every step are kept
 * here for backward, and each step moves its rows between ND4J (where the products are made) and the cell's row
 * kernel ({@link GruFloatRows}, {@link LstmFloatRows}). One source per cell, in single precision for training; the
 * build generates the double-precision twins the finite-difference tests run ({@code GruDoubleSteps},
 * {@code LstmDoubleSteps}, with their rows and base class) by replacing the type. All arrays are contiguous
 * row-major: inputs and recurrent products [B,GH] side by side, states [B,H], masks [B,1] of 0/1 or null. A cell with
 * a memory (the LSTM's c) keeps it here, starting from the state its first step is given ({@code c_0 = h_0}).
 */
interface CellSteps {

    /** Step t: reads the gates' input sides (inputs) and W_h h (recurrent), writes h' into next. */
    void forward(int t, INDArray inputs, INDArray recurrent, INDArray previous, INDArray mask, INDArray next);

    /**
     * Backward through step t from dh (steps in the reverse order of forward): writes the input sides' gradients,
     * the recurrent sides' and the direct part of the previous state's gradient (the caller adds the recurrent
     * product's part).
     */
    void backward(int t, INDArray dh, INDArray previous, INDArray mask, INDArray dInputs, INDArray dRecurrent,
                  INDArray dPrevious);

    /** A GRU's steps for a run of T steps over B rows of H units; bhn is b_hn [H]. */
    static CellSteps gru(DataType type, int steps, int batch, int units, INDArray bhn) {
        return type == DataType.DOUBLE ? new GruDoubleSteps(steps, batch, units, bhn)
                : new GruFloatSteps(steps, batch, units, bhn);
    }

    /** An LSTM's steps for a run of T steps over B rows of H units. */
    static CellSteps lstm(DataType type, int steps, int batch, int units) {
        return type == DataType.DOUBLE ? new LstmDoubleSteps(steps, batch, units)
                : new LstmFloatSteps(steps, batch, units);
    }
}
