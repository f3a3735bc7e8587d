package org.nmt4j.model.cell;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nmt4j.compute.FloatCopies;

/**
 * What the single-precision {@link CellSteps} of every cell share: one step's rows in Java arrays (the gates' input and
 * recurrent sides [B·GH], states and results [B·H], masks [B]), scratch rows, and the reads that start a step.
 */
abstract class FloatCellSteps implements CellSteps {

    protected final int batch;
    protected final int units;
    protected final float[] inputs;    // [B·GH] one step's rows
    protected final float[] recurrent; // [B·GH]
    protected final float[] states;    // [B·H]
    protected final float[] results;   // [B·H]
    protected final float[] masks;     // [B]
    protected final float[][] row;     // scratch rows [H]

    FloatCellSteps(int batch, int units, int gates, int rows) {
        this.batch = batch;
        this.units = units;
        this.inputs = new float[gates * batch * units];
        this.recurrent = new float[gates * batch * units];
        this.states = new float[batch * units];
        this.results = new float[batch * units];
        this.masks = new float[batch];
        this.row = new float[rows][units];
    }

    /** Row b's mask (1 without a mask). */
    protected final float mask(INDArray mask, int b) {
        return mask == null ? 1 : masks[b];
    }

    /** Reads a forward step's input and recurrent sides, previous states and mask. */
    protected final void readForward(INDArray in, INDArray rec, INDArray previous, INDArray mask) {
        FloatCopies.read(in, inputs);
        FloatCopies.read(rec, recurrent);
        FloatCopies.read(previous, states);
        readMask(mask);
    }

    /** Reads a mask, if there is one. */
    protected final void readMask(INDArray mask) {
        if (mask != null) {
            FloatCopies.read(mask, masks);
        }
    }
}
