package org.nmt4j.model.cell;

import org.nmt4j.compute.Activations;

/**
 * The element-wise part of a GRU step for one row of H units, forward and backward: the one kernel that training
 * ({@link GatedCell}) and search ({@link GruKernel}) both run. Every array is read from index 0 (callers copy rows
 * into scratch rows first) because HotSpot 17's C2 vectorizes only such loops. In single precision σ and tanh are
 * the {@link Activations} approximations; in double precision (the twin the build generates from this file for the
 * finite-difference tests) the exact functions.
 * <pre>
 *   r = σ(a_r)   z = σ(a_z)   g = W_hn h + b_hn   n = tanh(a_n + r ⊙ g)   h' = n + z ⊙ (h − n)
 * </pre>
 */
public final class GruFloatRows {

    private GruFloatRows() {
    }

    /**
     * Forward over H units: r and z hold the pre-activations a_r, a_z and receive the gates; n holds the input part
     * a_n and receives the candidate; g holds W_hn h and receives W_hn h + b_hn; writes h' into next.
     */
    public static void forward(float[] r, float[] z, float[] n, float[] g, float[] bhn, float[] h, float[] next,
                               int units) {
        Activations.sigmoid(r, units);
        Activations.sigmoid(z, units);
        for (int k = 0; k < units; k++) {
            g[k] += bhn[k];
        }
        for (int k = 0; k < units; k++) {
            n[k] += r[k] * g[k];
        }
        Activations.tanh(n, units);
        for (int k = 0; k < units; k++) {
            next[k] = n[k] + z[k] * (h[k] - n[k]);
        }
    }

    /**
     * Backward over H units from dh, the gradient of h': writes the gradients of a_r, a_z, a_n, of g (the recurrent
     * side of n) and the direct part of h's gradient, z ⊙ dh (the caller adds the recurrent products' part).
     */
    public static void backward(float[] r, float[] z, float[] n, float[] g, float[] h, float[] dh, float[] daR,
                                float[] daZ, float[] daN, float[] dg, float[] dhPrevious, int units) {
        for (int k = 0; k < units; k++) {
            float dn = (1 - z[k]) * dh[k];
            float dz = (h[k] - n[k]) * dh[k];
            dhPrevious[k] = z[k] * dh[k];
            float an = (1 - n[k] * n[k]) * dn;
            daN[k] = an;
            dg[k] = an * r[k];
            daR[k] = r[k] * (1 - r[k]) * an * g[k];
            daZ[k] = z[k] * (1 - z[k]) * dz;
        }
    }
}
