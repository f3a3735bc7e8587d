package org.nmt4j.model.cell;

import org.nmt4j.model.search.SearchCell;

/**
 * The element-wise part of an LSTM step for search ({@link GatedSearchCell#lstm}), over float arrays with the gates
 * side by side ({@code [i | f | g | o]} columns) and state rows {@code [h | c]}: the rows are copied into scratch
 * rows and handed to {@link LstmFloatRows}, training's kernel. One instance per thread: it keeps the scratch rows.
 */
final class LstmKernel implements SearchCell.Kernel {

    private final int hidden;
    private final float[][] gates;    // scratch rows [H]: i, f, g, o
    private final float[] recurrentGate;
    private final float[] cell;
    private final float[] nextCell;
    private final float[] squashed;
    private final float[] state;

    LstmKernel(int hidden) {
        this.hidden = hidden;
        this.gates = new float[4][hidden];
        this.recurrentGate = new float[hidden];
        this.cell = new float[hidden];
        this.nextCell = new float[hidden];
        this.squashed = new float[hidden];
        this.state = new float[hidden];
    }

    /**
     * One row: inputs[in..in+4H) are {@code W_i x + bias} per gate, recurrent[rec..rec+4H) are {@code W_h h} per
     * gate; writes {@code [h' | c']} over next[out..out+2H) from {@code [h | c]} at previous[prev..prev+2H).
     */
    @Override
    public void step(float[] inputs, int in, float[] recurrent, int rec, float[] previous, int prev, float[] next,
                     int out) {
        int h = hidden;
        for (int g = 0; g < 4; g++) {
            float[] a = gates[g];
            System.arraycopy(inputs, in + g * h, a, 0, h);
            System.arraycopy(recurrent, rec + g * h, recurrentGate, 0, h);
            for (int k = 0; k < h; k++) {
                a[k] += recurrentGate[k];
            }
        }
        System.arraycopy(previous, prev + h, cell, 0, h);
        LstmFloatRows.forward(gates[0], gates[1], gates[2], gates[3], cell, nextCell, squashed, state, h);
        System.arraycopy(state, 0, next, out, h);
        System.arraycopy(nextCell, 0, next, out + h, h);
    }
}
