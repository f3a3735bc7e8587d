package org.nmt4j.model.cell;

import org.nmt4j.compute.Activations;

/**
 * The element-wise part of an LSTM step for one row of H units, forward and backward: the one kernel that training
 * ({@link GatedCell#lstm}) and search ({@link LstmKernel}) both run. PyTorch's convention, gates i, f, g, o, each
 * pre-activation the sum of its input side and its recurrent side (biases included):
 * <pre>
 *   i = σ(a_i)   f = σ(a_f)   g = tanh(a_g)   o = σ(a_o)   c' = f ⊙ c + i ⊙ g   h' = o ⊙ tanh(c')
 * </pre>
 * Every array is read from index 0 (callers copy rows into scratch rows first) because HotSpot 17's C2 vectorizes
 * only such loops. In single precision σ and tanh are the {@link Activations} approximations; in double precision
 * (the twin the build generates from this file for the finite-difference tests) the exact functions.
 */
public final class LstmFloatRows {

    private LstmFloatRows() {
    }

    /**
     * Forward over H units: i, f, g, o hold the pre-activations and receive the gates; c is the previous cell state;
     * writes c' into nextCell, tanh(c') into squashed and h' into next.
     */
    public static void forward(float[] i, float[] f, float[] g, float[] o, float[] c, float[] nextCell,
                               float[] squashed, float[] next, int units) {
        Activations.sigmoid(i, units);
        Activations.sigmoid(f, units);
        Activations.tanh(g, units);
        Activations.sigmoid(o, units);
        for (int k = 0; k < units; k++) {
            nextCell[k] = f[k] * c[k] + i[k] * g[k];
        }
        System.arraycopy(nextCell, 0, squashed, 0, units);
        Activations.tanh(squashed, units);
        for (int k = 0; k < units; k++) {
            next[k] = o[k] * squashed[k];
        }
    }

    /**
     * Backward over H units from dh and dc, the gradients of h' and c': writes the gradients of the four
     * pre-activations and of the previous cell state (the previous h gets its gradient through the recurrent
     * products only).
     */
    public static void backward(float[] i, float[] f, float[] g, float[] o, float[] c, float[] squashed, float[] dh,
                                float[] dc, float[] daI, float[] daF, float[] daG, float[] daO, float[] dcPrevious,
                                int units) {
        for (int k = 0; k < units; k++) {
            float s = squashed[k];
            float dCell = dc[k] + dh[k] * o[k] * (1 - s * s);
            daI[k] = dCell * g[k] * i[k] * (1 - i[k]);
            daF[k] = dCell * c[k] * f[k] * (1 - f[k]);
            daG[k] = dCell * i[k] * (1 - g[k] * g[k]);
            daO[k] = dh[k] * s * o[k] * (1 - o[k]);
            dcPrevious[k] = dCell * f[k];
        }
    }
}
