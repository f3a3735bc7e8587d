package org.nmt4j.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The element-wise half of {@link GruCell}'s steps over a batch, in Java arrays: the gates of every step are kept
 * here for backward, and each step moves its rows between ND4J (where the products are made) and {@link GruRows}.
 * One implementation per data type, identical but for it: float for training, double for the finite-difference tests.
 * All arrays are contiguous row-major: inputs and recurrent products [B,3H] side by side (r | z | n), states [B,H],
 * masks [B,1] of 0/1 or null.
 */
interface GruSteps {

    /** Steps t: reads a_r, a_z, a_n's input side (inputs) and W_h h (recurrent), writes h' into next. */
    void forward(int t, INDArray inputs, INDArray recurrent, INDArray previous, INDArray mask, INDArray next);

    /**
     * Backward through step t from dh: writes the input sides' gradients (da_r | da_z | da_n), the recurrent sides'
     * (da_r | da_z | dg) and the direct part of the previous state's gradient.
     */
    void backward(int t, INDArray dh, INDArray previous, INDArray mask, INDArray dInputs, INDArray dRecurrent,
                  INDArray dPrevious);

    /** The steps for a run of T steps over B rows of H units; bhn is b_hn [H]. */
    static GruSteps of(DataType type, int steps, int batch, int units, INDArray bhn) {
        return type == DataType.DOUBLE ? new GruDoubleSteps(steps, batch, units, bhn)
                : new GruFloatSteps(steps, batch, units, bhn);
    }
}
