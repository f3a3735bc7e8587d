package org.nmt4j.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A recurrent cell as the encoder and decoder use it in training: the input projections of a whole sequence first
 * (one product), then the recurrence one step at a time, recording what backward needs in a {@link Trace}; backward
 * per step writes the gate gradients into the trace, and the weight gradients of all steps are products made once.
 * With a mask, a padded position keeps the previous state, so a sentence's state stops changing where it ends.
 * Implementations are registered in {@code cell.CellKinds}.
 */
public interface RecurrentCell {

    /** What a run of T steps over a batch keeps for the backward pass. */
    interface Trace {
        /** The states after each step, [T,B,H]. */
        INDArray states();
    }

    long hiddenSize();

    long inputSize();

    // x: [N,k] -> [N,GH]: the input side of every gate, side by side, for input columns [from, from + k), biases
    // included
    INDArray projectInputs(INDArray x, long from);

    /**
     * A trace over the input projections of T steps. The trace owns them: forward adds to them, and backward
     * overwrites each step's with its gradient.
     */
    Trace newTrace(INDArray inputProjections, int steps);

    /** Adds {@code x W_i[from:from+k]} to step t's input projections (the decoder's context, known only at t). */
    void addInput(Trace trace, int t, INDArray x, long from);

    // hPrev: [B,H] -> h[t]: [B,H]; mask [B,1] or null
    INDArray step(Trace trace, int t, INDArray hPrev, INDArray mask);

    /** Backward through step t, dh [B,H] the gradient of h[t]: writes the gate gradients, returns dhPrev [B,H]. */
    INDArray stepBackward(Trace trace, int t, INDArray dh, INDArray mask);

    /** After the backward loop: the recurrent weights' and biases' gradients of all steps. */
    void finishRecurrentBackward(Trace trace);

    /** The input weights' gradients for input columns [from, from + k), x [T·B,k]; with the input bias if asked. */
    void accumulateInputGradients(Trace trace, INDArray x, long from, boolean includeBias);

    /** The gradient of input columns [from, to) of all steps, [T·B,to−from]. */
    INDArray inputGradient(Trace trace, long from, long to);

    /** Adds the gradient of step t's input columns [from, from + k) into dx [B,k]. */
    void addInputGradient(Trace trace, int t, long from, INDArray dx);
}
