package org.nmt4j.compute;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code b + x·W} for a few rows of x, in Java: a search step of one to a few sentences multiplies [N,K] by a
 * [K,M] weight matrix with N small, where BLAS's product is slow (at N = 1 a greedy step took 13 ms for two products
 * that read 10 MB; OpenBLAS packs the whole W for one row). Here W is read once per call, as blocks of
 * {@value #BLOCK} columns: for each block, each row of W's block is added, times x[r,k], to each output row's block
 * (an axpy over arrays indexed from 0, which C2 vectorizes, four rows of W at a time); a block of the N output rows stays in the L1 cache.
 * For more than {@link #MAX_ROWS} rows BLAS is faster (the reference model's state product, 512×2048, single-threaded
 * OpenBLAS: 16 rows 0.74–0.80 ms here against 0.85 ms, 24 rows 1.10–1.21 against 0.99).
 */
public final class RowProducts {

    /**
     * The most rows for which this beats the BLAS product (measured on the Multi30k model's step products, one core):
     * 16 with the Java loops; 64 with the Vector API's kernel ({@link PanelProducts}), which at 64 rows still runs
     * at 91 GFLOP/s against BLAS's 74 on the 512×2304 state product (79 against 71 on the 256×5898 output layer).
     */
    public static final int MAX_ROWS = VectorSupport.enabled() ? 64 : 16;
    static final int BLOCK = 512;

    private final int k;
    private final int m;
    private final float[][][] blocks; // [block][k][width of the block]; null when panels compute
    private final float[][] bias;     // [block][width], zeros when there is no bias
    private final PanelProducts panels; // the Vector API's kernel, when the JVM has it (VectorSupport)

    /** W [K,M] and its bias [M] (null: none), copied. */
    public RowProducts(INDArray w, INDArray bias) {
        this(FloatCopies.read(w.reshape(w.size(0), w.size(1))), (int) w.size(0), (int) w.size(1),
                bias == null ? null : FloatCopies.read(bias.reshape(1, w.size(1))));
    }

    /** W [K,M] row-major and its bias [M] (null: none), copied. */
    public RowProducts(float[] w, int k, int m, float[] bias) {
        this(w, k, m, bias, VectorSupport.enabled());
    }

    /** As {@link #RowProducts(float[], int, int, float[])}, with the Vector API's kernel or without it. */
    RowProducts(float[] w, int k, int m, float[] bias, boolean vector) {
        this.k = k;
        this.m = m;
        if (vector) {
            panels = new PanelProducts(w, k, m, bias);
            blocks = null;
            this.bias = null;
            return;
        }
        panels = null;
        int count = (m + BLOCK - 1) / BLOCK;
        blocks = new float[count][k][];
        this.bias = new float[count][];
        for (int b = 0; b < count; b++) {
            int from = b * BLOCK;
            int width = Math.min(BLOCK, m - from);
            for (int i = 0; i < k; i++) {
                blocks[b][i] = new float[width];
                System.arraycopy(w, i * m + from, blocks[b][i], 0, width);
            }
            this.bias[b] = new float[width];
            if (bias != null) {
                System.arraycopy(bias, from, this.bias[b], 0, width);
            }
        }
    }

    /**
     * The product with columns {@code columns} of a W given by columns, {@code byColumn} [V,K] (column c of W is its
     * row c), and their biases from {@code bias} [V] (null: none): a lexical shortlist's output layer, built for
     * each batch (with the Vector API's kernel straight into its panels).
     */
    public static RowProducts ofColumns(float[] byColumn, int k, int[] columns, float[] bias) {
        return ofColumns(byColumn, k, columns, bias, VectorSupport.enabled());
    }

    static RowProducts ofColumns(float[] byColumn, int k, int[] columns, float[] bias, boolean vector) {
        if (vector) {
            return new RowProducts(k, columns.length, PanelProducts.ofColumns(byColumn, k, columns, bias));
        }
        return new RowProducts(gather(byColumn, k, columns), k, columns.length,
                bias == null ? null : gather(bias, 1, columns), false);
    }

    /**
     * Columns {@code columns} of a W given by columns, {@code byColumn} [V,K] (column c of W is its row c), as the
     * row-major [K,M] matrix they make (with K = 1, entries of a vector).
     */
    public static float[] gather(float[] byColumn, int k, int[] columns) {
        int m = columns.length;
        float[] w = new float[k * m];
        for (int c = 0; c < m; c++) {
            int from = columns[c] * k;
            for (int i = 0; i < k; i++) {
                w[i * m + c] = byColumn[from + i];
            }
        }
        return w;
    }

    private RowProducts(int k, int m, PanelProducts panels) {
        this.k = k;
        this.m = m;
        this.panels = panels;
        this.blocks = null;
        this.bias = null;
    }

    public int columns() {
        return m;
    }

    /** out [N,M] = b + x [N,K] · W, row-major. */
    public float[] times(float[] x, int n) {
        if (x.length < n * k) {
            throw new IllegalArgumentException("x has " + x.length + " values, not " + n + " rows of " + k);
        }
        if (panels != null) {
            return panels.times(x, n);
        }
        float[] out = new float[n * m];
        float[][] acc = scratch(n);
        for (int b = 0; b < blocks.length; b++) {
            float[][] rows = blocks[b];
            int width = bias[b].length;
            for (int r = 0; r < n; r++) {
                System.arraycopy(bias[b], 0, acc[r], 0, width);
            }
            int i = 0;
            for (; i + 4 <= k; i += 4) { // four rows of W per pass over an output row: a quarter of the stores
                float[] w0 = rows[i];
                float[] w1 = rows[i + 1];
                float[] w2 = rows[i + 2];
                float[] w3 = rows[i + 3];
                for (int r = 0; r < n; r++) {
                    int at = r * k + i;
                    axpy4(acc[r], x[at], w0, x[at + 1], w1, x[at + 2], w2, x[at + 3], w3, width);
                }
            }
            for (; i < k; i++) {
                float[] w = rows[i];
                for (int r = 0; r < n; r++) {
                    axpy(acc[r], x[r * k + i], w, width);
                }
            }
            int from = b * BLOCK;
            for (int r = 0; r < n; r++) {
                System.arraycopy(acc[r], 0, out, r * m + from, width);
            }
        }
        return out;
    }

    // the output rows' accumulators, kept per thread: a search step calls this a few times per step
    private static final ThreadLocal<float[][]> ACCUMULATORS = ThreadLocal.withInitial(() -> new float[0][]);

    private static float[][] scratch(int n) {
        float[][] acc = ACCUMULATORS.get();
        if (acc.length < n) {
            acc = new float[n][BLOCK];
            ACCUMULATORS.set(acc);
        }
        return acc;
    }

    private static void axpy4(float[] y, float a0, float[] x0, float a1, float[] x1, float a2, float[] x2, float a3,
                              float[] x3, int n) {
        for (int j = 0; j < n; j++) {
            y[j] += a0 * x0[j] + a1 * x1[j] + a2 * x2[j] + a3 * x3[j];
        }
    }

    private static void axpy(float[] y, float a, float[] x, int n) {
        for (int j = 0; j < n; j++) {
            y[j] += a * x[j];
        }
    }
}
