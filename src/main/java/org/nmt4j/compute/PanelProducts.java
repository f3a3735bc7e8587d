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

    /**
     * Columns {@code tokens} of a W given by columns, {@code byColumn} [V,K] (column c of W is row c here, as
     * {@code W_out} transposed), with their biases (null: none): packed straight into panels, without forming the
     * [K,M] matrix.
     */
    static PanelProducts ofColumns(float[] byColumn, int k, int[] columns, float[] bias) {
        int m = columns.length;
        int count = (m + WIDTH - 1) / WIDTH;
        float[] panels = new float[count * k * WIDTH];
        float[] b = new float[count * WIDTH];
        for (int c = 0; c < m; c++) {
            int p = c / WIDTH;
            int lane = c % WIDTH;
            int from = columns[c] * k;
            int to = p * k * WIDTH + lane;
            for (int i = 0; i < k; i++) {
                panels[to + i * WIDTH] = byColumn[from + i];
            }
            if (bias != null) {
                b[c] = bias[columns[c]];
            }
        }
        return new PanelProducts(k, m, panels, b);
    }

    private PanelProducts(int k, int m, float[] panels, float[] bias) {
        this.k = k;
        this.m = m;
        this.panels = panels;
        this.bias = bias;
    }

    /** Whether this JVM's vectors are wide enough for this kernel to pay (else 256-bit vectors are emulated). */
    static boolean supported() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 256;
    }

    /** out [N,M] = b + x [N,K] · W, row-major. */
    float[] times(float[] x, int n) {
        float[] out = new float[n * m];
        times(x, n, out, 0, panels.length / (k * WIDTH));
        return out;
    }

    // the columns of panels [from, to) of out
    private void times(float[] x, int n, float[] out, int from, int to) {
        float[] edge = new float[WIDTH]; // the last panel's sums when M is not a multiple of 16
        // each tile height is a method of its own: compiled as one, the loops were too large for C2 to inline every
        // Vector API call, and a step of mixed row counts ran at a quarter of the speed
        // four panels (64 columns, 128 kB of W at K = 512) at a time, in L2 while every row is multiplied by them
        for (int c = from; c < to; c += 4) {
            int end = Math.min(c + 4, to);
            int r = 0;
            for (; r + 4 <= n; r += 4) {
                for (int p = c; p < end; p++) {
                    tile4(x, r, p, out, edge);
                }
            }
            // fewer rows than four: several panels at once, so that a tile still has eight independent sums in
            // flight (a fused multiply-add takes several cycles: two sums a row ran at a fifth of the 4-row speed)
            for (; r + 2 <= n; r += 2) {
                int p = c;
                for (; p + 2 <= end; p += 2) {
                    tile2x2(x, r, p, out, edge);
                }
                for (; p < end; p++) {
                    tile2(x, r, p, out, edge);
                }
            }
            if (r < n) {
                if (end - c == 4) {
                    tile1x4(x, r, c, out, edge);
                } else {
                    for (int p = c; p < end; p++) {
                        tile1(x, r, p, out, edge);
                    }
                }
            }
        }
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

    // rows r and r+1 of panels p and p+1
    private void tile2x2(float[] x, int r, int p, float[] out, float[] edge) {
        int base = p * k * WIDTH;
        int next = base + k * WIDTH;
        FloatVector a00 = FloatVector.fromArray(S, bias, p * WIDTH);
        FloatVector a01 = FloatVector.fromArray(S, bias, p * WIDTH + L);
        FloatVector a02 = FloatVector.fromArray(S, bias, p * WIDTH + 2 * L);
        FloatVector a03 = FloatVector.fromArray(S, bias, p * WIDTH + 3 * L);
        FloatVector a10 = a00;
        FloatVector a11 = a01;
        FloatVector a12 = a02;
        FloatVector a13 = a03;
        int x0 = r * k;
        int x1 = x0 + k;
        for (int i = 0; i < k; i++) {
            int at = base + i * WIDTH;
            int at2 = next + i * WIDTH;
            FloatVector w0 = FloatVector.fromArray(S, panels, at);
            FloatVector w1 = FloatVector.fromArray(S, panels, at + L);
            FloatVector w2 = FloatVector.fromArray(S, panels, at2);
            FloatVector w3 = FloatVector.fromArray(S, panels, at2 + L);
            FloatVector v0 = FloatVector.broadcast(S, x[x0 + i]);
            a00 = w0.fma(v0, a00);
            a01 = w1.fma(v0, a01);
            a02 = w2.fma(v0, a02);
            a03 = w3.fma(v0, a03);
            FloatVector v1 = FloatVector.broadcast(S, x[x1 + i]);
            a10 = w0.fma(v1, a10);
            a11 = w1.fma(v1, a11);
            a12 = w2.fma(v1, a12);
            a13 = w3.fma(v1, a13);
        }
        store(a00, a01, out, r, p, edge);
        store(a02, a03, out, r, p + 1, edge);
        store(a10, a11, out, r + 1, p, edge);
        store(a12, a13, out, r + 1, p + 1, edge);
    }

    // row r of panels p to p+3
    private void tile1x4(float[] x, int r, int p, float[] out, float[] edge) {
        int b0 = p * k * WIDTH;
        int b1 = b0 + k * WIDTH;
        int b2 = b1 + k * WIDTH;
        int b3 = b2 + k * WIDTH;
        FloatVector a0 = FloatVector.fromArray(S, bias, p * WIDTH);
        FloatVector a1 = FloatVector.fromArray(S, bias, p * WIDTH + L);
        FloatVector a2 = FloatVector.fromArray(S, bias, p * WIDTH + 2 * L);
        FloatVector a3 = FloatVector.fromArray(S, bias, p * WIDTH + 3 * L);
        FloatVector a4 = FloatVector.fromArray(S, bias, p * WIDTH + 4 * L);
        FloatVector a5 = FloatVector.fromArray(S, bias, p * WIDTH + 5 * L);
        FloatVector a6 = FloatVector.fromArray(S, bias, p * WIDTH + 6 * L);
        FloatVector a7 = FloatVector.fromArray(S, bias, p * WIDTH + 7 * L);
        int x0 = r * k;
        for (int i = 0; i < k; i++) {
            int at = i * WIDTH;
            FloatVector v = FloatVector.broadcast(S, x[x0 + i]);
            a0 = FloatVector.fromArray(S, panels, b0 + at).fma(v, a0);
            a1 = FloatVector.fromArray(S, panels, b0 + at + L).fma(v, a1);
            a2 = FloatVector.fromArray(S, panels, b1 + at).fma(v, a2);
            a3 = FloatVector.fromArray(S, panels, b1 + at + L).fma(v, a3);
            a4 = FloatVector.fromArray(S, panels, b2 + at).fma(v, a4);
            a5 = FloatVector.fromArray(S, panels, b2 + at + L).fma(v, a5);
            a6 = FloatVector.fromArray(S, panels, b3 + at).fma(v, a6);
            a7 = FloatVector.fromArray(S, panels, b3 + at + L).fma(v, a7);
        }
        store(a0, a1, out, r, p, edge);
        store(a2, a3, out, r, p + 1, edge);
        store(a4, a5, out, r, p + 2, edge);
        store(a6, a7, out, r, p + 3, edge);
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
