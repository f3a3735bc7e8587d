package org.nmt4j.compute;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code b + x·W} for a few rows of x with the Vector API: W is packed once into panels of {@value #WIDTH} columns,
 * [M/16][K][16], so a panel is read front to back; for each panel, tiles of up to four rows keep their 4×16 sums in
 * eight vector registers over the whole of K (one fused multiply-add per row and half panel row), then store them.
 * BLAS packs W at every call, and the axpy kernel of {@link RowProducts} loads and stores its sums at every row of W:
 * on the reference model's step products this runs at 85–93 GFLOP/s on one core from four rows on, twice that
 * kernel. Each output is its own fixed-order sum over K (b, then x[r,0]·W[0,c], x[r,1]·W[1,c], … fused), so a row's
 * result does not depend on the rows computed with it.
 *
 * <p>Only loaded when the {@code jdk.incubator.vector} module is in the JVM ({@link VectorSupport}); 256-bit vectors.
 */
final class PanelProducts {

    static final int WIDTH = 16;
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
    private static final int L = 8; // S.length()

    private final int k;
    private final int m;
    private final float[] panels; // [P][K][16], zeros past M
    private final float[] bias;   // [P·16], zeros past M (and all zeros without a bias)

    /** W [K,M] row-major and its bias [M] (null: none), copied. */
    PanelProducts(float[] w, int k, int m, float[] bias) {
        this.k = k;
        this.m = m;
        int count = (m + WIDTH - 1) / WIDTH;
        panels = new float[count * k * WIDTH];
        for (int p = 0; p < count; p++) {
            int from = p * WIDTH;
            int width = Math.min(WIDTH, m - from);
            for (int i = 0; i < k; i++) {
                System.arraycopy(w, i * m + from, panels, (p * k + i) * WIDTH, width);
            }
        }
        this.bias = new float[count * WIDTH];
        if (bias != null) {
            System.arraycopy(bias, 0, this.bias, 0, m);
        }
    }

    /** Whether this JVM's vectors are wide enough for this kernel to pay (else 256-bit vectors are emulated). */
    static boolean supported() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 256;
    }

    /** out [N,M] = b + x [N,K] · W, row-major. */
    float[] times(float[] x, int n) {
        float[] out = new float[n * m];
        float[] edge = new float[WIDTH]; // the last panel's sums when M is not a multiple of 16
        int count = panels.length / (k * WIDTH);
        // each tile height is a method of its own: compiled as one, the three loops were too large for C2 to inline
        // every Vector API call, and a step of mixed row counts ran at a quarter of the speed
        for (int p = 0; p < count; p++) {
            int r = 0;
            for (; r + 4 <= n; r += 4) {
                tile4(x, r, p, out, edge);
            }
            for (; r + 2 <= n; r += 2) {
                tile2(x, r, p, out, edge);
            }
            if (r < n) {
                tile1(x, r, p, out, edge);
            }
        }
        return out;
    }

    // rows r..r+3 of panel p
    private void tile4(float[] x, int r, int p, float[] out, float[] edge) {
        int base = p * k * WIDTH;
        FloatVector a00 = FloatVector.fromArray(S, bias, p * WIDTH);
        FloatVector a01 = FloatVector.fromArray(S, bias, p * WIDTH + L);
        FloatVector a10 = a00;
        FloatVector a11 = a01;
        FloatVector a20 = a00;
        FloatVector a21 = a01;
        FloatVector a30 = a00;
        FloatVector a31 = a01;
        int x0 = r * k;
        int x1 = x0 + k;
        int x2 = x1 + k;
        int x3 = x2 + k;
        for (int i = 0; i < k; i++) {
            int at = base + i * WIDTH;
            FloatVector w0 = FloatVector.fromArray(S, panels, at);
            FloatVector w1 = FloatVector.fromArray(S, panels, at + L);
            FloatVector v0 = FloatVector.broadcast(S, x[x0 + i]);
            a00 = w0.fma(v0, a00);
            a01 = w1.fma(v0, a01);
            FloatVector v1 = FloatVector.broadcast(S, x[x1 + i]);
            a10 = w0.fma(v1, a10);
            a11 = w1.fma(v1, a11);
            FloatVector v2 = FloatVector.broadcast(S, x[x2 + i]);
            a20 = w0.fma(v2, a20);
            a21 = w1.fma(v2, a21);
            FloatVector v3 = FloatVector.broadcast(S, x[x3 + i]);
            a30 = w0.fma(v3, a30);
            a31 = w1.fma(v3, a31);
        }
        store(a00, a01, out, r, p, edge);
        store(a10, a11, out, r + 1, p, edge);
        store(a20, a21, out, r + 2, p, edge);
        store(a30, a31, out, r + 3, p, edge);
    }

    // rows r and r+1 of panel p
    private void tile2(float[] x, int r, int p, float[] out, float[] edge) {
        int base = p * k * WIDTH;
        FloatVector a00 = FloatVector.fromArray(S, bias, p * WIDTH);
        FloatVector a01 = FloatVector.fromArray(S, bias, p * WIDTH + L);
        FloatVector a10 = a00;
        FloatVector a11 = a01;
        int x0 = r * k;
        int x1 = x0 + k;
        for (int i = 0; i < k; i++) {
            int at = base + i * WIDTH;
            FloatVector w0 = FloatVector.fromArray(S, panels, at);
            FloatVector w1 = FloatVector.fromArray(S, panels, at + L);
            FloatVector v0 = FloatVector.broadcast(S, x[x0 + i]);
            a00 = w0.fma(v0, a00);
            a01 = w1.fma(v0, a01);
            FloatVector v1 = FloatVector.broadcast(S, x[x1 + i]);
            a10 = w0.fma(v1, a10);
            a11 = w1.fma(v1, a11);
        }
        store(a00, a01, out, r, p, edge);
        store(a10, a11, out, r + 1, p, edge);
    }

    // row r of panel p
    private void tile1(float[] x, int r, int p, float[] out, float[] edge) {
        int base = p * k * WIDTH;
        FloatVector a0 = FloatVector.fromArray(S, bias, p * WIDTH);
        FloatVector a1 = FloatVector.fromArray(S, bias, p * WIDTH + L);
        int x0 = r * k;
        for (int i = 0; i < k; i++) {
            int at = base + i * WIDTH;
            FloatVector v = FloatVector.broadcast(S, x[x0 + i]);
            a0 = FloatVector.fromArray(S, panels, at).fma(v, a0);
            a1 = FloatVector.fromArray(S, panels, at + L).fma(v, a1);
        }
        store(a0, a1, out, r, p, edge);
    }

    // row r's sums of panel p into out [N,M]
    private void store(FloatVector a0, FloatVector a1, float[] out, int r, int p, float[] edge) {
        int column = p * WIDTH;
        int at = r * m + column;
        if (column + WIDTH <= m) {
            a0.intoArray(out, at);
            a1.intoArray(out, at + L);
        } else {
            a0.intoArray(edge, 0);
            a1.intoArray(edge, L);
            System.arraycopy(edge, 0, out, at, m - column);
        }
    }
}
