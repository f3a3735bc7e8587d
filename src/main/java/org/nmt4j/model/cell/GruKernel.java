package org.nmt4j.model.cell;

import org.nmt4j.model.search.SearchCell;

/**
 * The element-wise part of a {@link org.nmt4j.model.GatedCell#gru} step for search ({@link GatedSearchCell}), over float
 * arrays with the gates side by side ({@code [r | z | n]} columns): the rows are copied into scratch rows and handed
 * to {@link GruFloatRows}, training's kernel. Each loop indexes its arrays from 0: HotSpot 17's C2 does not vectorize a
 * loop whose arrays are read at different offsets, about 0.45 ns an element against 0.07. One instance per thread:
 * it keeps the scratch rows.
 */
final class GruKernel implements SearchCell.Kernel {

    private final int hidden;
    private final float[] recurrentNBias; // b_hn [H]
    private final float[] r;              // scratch rows [H]: the gates, the candidate n, the recurrent parts, h
    private final float[] z;
    private final float[] candidate;
    private final float[] recurrentR;
    private final float[] recurrentZ;
    private final float[] recurrentN;
    private final float[] state;

    /** recurrentNBias: b_hn, which stays inside r ⊙ (W_hn h + b_hn). */
    GruKernel(float[] recurrentNBias) {
        this.hidden = recurrentNBias.length;
        this.recurrentNBias = recurrentNBias;
        this.r = new float[hidden];
        this.z = new float[hidden];
        this.candidate = new float[hidden];
        this.recurrentR = new float[hidden];
        this.recurrentZ = new float[hidden];
        this.recurrentN = new float[hidden];
        this.state = new float[hidden];
    }

    /**
     * One row: inputs[in..in+3H) are {@code W_i x + bias} per gate, recurrent[rec..rec+3H) are {@code W_h h} per gate;
     * writes h' over next[out..out+H) from previous[prev..prev+H).
     * <pre>
     *   r, z = σ(input + recurrent)    n = tanh(input_n + r ⊙ (recurrent_n + b_hn))    h' = n + z ⊙ (h − n)
     * </pre>
     */
    @Override
    public void step(float[] inputs, int in, float[] recurrent, int rec, float[] previous, int prev, float[] next,
                     int out) {
        int h = hidden;
        System.arraycopy(inputs, in, r, 0, h);
        System.arraycopy(inputs, in + h, z, 0, h);
        System.arraycopy(inputs, in + 2 * h, candidate, 0, h);
        System.arraycopy(recurrent, rec, recurrentR, 0, h);
        System.arraycopy(recurrent, rec + h, recurrentZ, 0, h);
        System.arraycopy(recurrent, rec + 2 * h, recurrentN, 0, h);
        System.arraycopy(previous, prev, state, 0, h);
        for (int k = 0; k < h; k++) {
            r[k] += recurrentR[k];
        }
        for (int k = 0; k < h; k++) {
            z[k] += recurrentZ[k];
        }
        GruFloatRows.forward(r, z, candidate, recurrentN, recurrentNBias, state, state, h);
        System.arraycopy(state, 0, next, out, h);
    }
}
