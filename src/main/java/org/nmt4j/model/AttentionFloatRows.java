package org.nmt4j.model;

import org.nmt4j.compute.Activations;

/**
 * The attention's loops over the encoder memory's batch-major rows in one training step, in single precision: the
 * additive and dot-product scores and their backward, each step's contexts {@code c_b = Σ_j α_bj h_bj} and their
 * backward. The per-position weights, scores and their gradients stay double (B·S of them); the rows of width K or 2H
 * that make the cost are float, so that HotSpot's C2 compiles the loops to 16-lane AVX-512 (a row is copied into a
 * scratch row at index 0 first: C2 17 vectorizes only such loops). The build generates the double-precision twin
 * ({@code AttentionDoubleRows}) by replacing the type, for the double models of the finite-difference tests; there
 * tanh is exact, here the {@link Activations} approximation. Positions that are not real (padding, outside a
 * window) are skipped: scores are written at real positions only, a weight of 0 contributes nothing.
 */
public final class AttentionFloatRows {

    private static final int BLOCK = 4096; // key elements per pass of the additive score: 16 kB of floats

    private AttentionFloatRows() {
    }

    /** scores[b·S + j] = v · tanh(k_bj + q_b) at real positions; queries [B·A], keys [B·S·A], v [A]. */
    public static void additiveScores(double[] queries, float[] keys, float[] v, boolean[] real, int batch,
                                      int sourceLength, int size, double[] scores) {
        int rowsPerBlock = Math.max(1, BLOCK / size);
        float[] block = new float[rowsPerBlock * size];
        float[] tiled = new float[rowsPerBlock * size]; // the query, once per key row of a block
        for (int b = 0; b < batch; b++) {
            narrow(queries, b * size, tiled, size);
            for (int r = 1; r < rowsPerBlock; r++) {
                System.arraycopy(tiled, 0, tiled, r * size, size);
            }
            int end = realEnd(real, b, sourceLength);
            for (int first = 0; first < end; first += rowsPerBlock) {
                int rows = Math.min(rowsPerBlock, end - first);
                int n = rows * size;
                System.arraycopy(keys, (b * sourceLength + first) * size, block, 0, n);
                for (int i = 0; i < n; i++) {
                    block[i] += tiled[i];
                }
                Activations.tanh(block, n);
                for (int r = 0; r < rows; r++) {
                    int at = b * sourceLength + first + r;
                    if (real[at]) {
                        scores[at] = dot(block, r * size, v, size);
                    }
                }
            }
        }
    }

    /**
     * The backward of {@link #additiveScores} from dScores [B·S]: adds into dQueries [B·A], dKeys [B·S·A] and
     * dv [A], recomputing each position's tanh row instead of keeping the [B,S,A] layer.
     */
    public static void additiveBackward(double[] queries, double[] dScores, float[] keys, float[] v, boolean[] real,
                                        int batch, int sourceLength, int size, double[] dQueries, float[] dKeys,
                                        double[] dv) {
        float[] query = new float[size];
        float[] dQuery = new float[size];
        float[] hidden = new float[size];
        float[] dKey = new float[size];
        float[] dvSum = new float[size];
        for (int b = 0; b < batch; b++) {
            narrow(queries, b * size, query, size);
            java.util.Arrays.fill(dQuery, 0);
            for (int j = 0; j < sourceLength; j++) {
                int row = b * sourceLength + j;
                float de = (float) dScores[row];
                if (!real[row] || de == 0) {
                    continue;
                }
                System.arraycopy(keys, row * size, hidden, 0, size);
                for (int k = 0; k < size; k++) {
                    hidden[k] += query[k];
                }
                Activations.tanh(hidden, size);
                System.arraycopy(dKeys, row * size, dKey, 0, size);
                for (int k = 0; k < size; k++) {
                    dvSum[k] += de * hidden[k];
                    float pre = de * v[k] * (1 - hidden[k] * hidden[k]); // through tanh
                    dKey[k] += pre;
                    dQuery[k] += pre;
                }
                System.arraycopy(dKey, 0, dKeys, row * size, size);
            }
            for (int k = 0; k < size; k++) {
                dQueries[b * size + k] += dQuery[k];
            }
        }
        for (int k = 0; k < size; k++) {
            dv[k] += dvSum[k];
        }
    }

    /** scores[b·S + j] = scale · q_b · k_bj at real positions; queries [B·K], keys [B·S·K]. */
    public static void dotScores(double[] queries, float[] keys, boolean[] real, int batch, int sourceLength,
                                 int size, double scale, double[] scores) {
        float[] query = new float[size];
        float[] key = new float[size];
        for (int b = 0; b < batch; b++) {
            narrow(queries, b * size, query, size);
            for (int j = 0; j < sourceLength; j++) {
                int row = b * sourceLength + j;
                if (real[row]) {
                    System.arraycopy(keys, row * size, key, 0, size);
                    scores[row] = scale * dot(key, 0, query, size);
                }
            }
        }
    }

    /** The backward of {@link #dotScores}: dq_b += scale Σ_j de_bj k_bj, dk_bj += scale de_bj q_b. */
    public static void dotBackward(double[] queries, double[] dScores, float[] keys, boolean[] real, int batch,
                                   int sourceLength, int size, double scale, double[] dQueries, float[] dKeys) {
        float[] query = new float[size];
        float[] dQuery = new float[size];
        float[] key = new float[size];
        float[] dKey = new float[size];
        for (int b = 0; b < batch; b++) {
            narrow(queries, b * size, query, size);
            java.util.Arrays.fill(dQuery, 0);
            for (int j = 0; j < sourceLength; j++) {
                int row = b * sourceLength + j;
                float de = (float) (scale * dScores[row]);
                if (!real[row] || de == 0) {
                    continue;
                }
                System.arraycopy(keys, row * size, key, 0, size);
                System.arraycopy(dKeys, row * size, dKey, 0, size);
                for (int k = 0; k < size; k++) {
                    dQuery[k] += de * key[k];
                    dKey[k] += de * query[k];
                }
                System.arraycopy(dKey, 0, dKeys, row * size, size);
            }
            for (int k = 0; k < size; k++) {
                dQueries[b * size + k] += dQuery[k];
            }
        }
    }

    /**
     * Each sentence's context {@code Σ_j α_bj h_bj} over the positions of non-zero weight, written at
     * contexts[b·width + offset, + c); alpha [B·S], values [B·S·C].
     */
    public static void contexts(double[] alpha, float[] values, int batch, int sourceLength, int size,
                                float[] contexts, int width, int offset) {
        float[] sum = new float[size];
        float[] value = new float[size];
        for (int b = 0; b < batch; b++) {
            java.util.Arrays.fill(sum, 0);
            for (int j = 0; j < sourceLength; j++) {
                int at = b * sourceLength + j;
                float weight = (float) alpha[at];
                if (weight == 0) {
                    continue;
                }
                System.arraycopy(values, at * size, value, 0, size);
                for (int m = 0; m < size; m++) {
                    sum[m] += weight * value[m];
                }
            }
            System.arraycopy(sum, 0, contexts, b * width + offset, size);
        }
    }

    /**
     * The backward of {@link #contexts} from dContexts (read at b·width + offset): at every position of non-zero
     * weight adds {@code h_bj · dc_b} into dWeights [B·S] and {@code α_bj dc_b} into dValues [B·S·C].
     */
    public static void contextsBackward(double[] alpha, float[] values, float[] dContexts, int width, int offset,
                                        int batch, int sourceLength, int size, float[] dValues,
                                        double[] dWeights) {
        float[] dc = new float[size];
        float[] value = new float[size];
        float[] dValue = new float[size];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(dContexts, b * width + offset, dc, 0, size);
            for (int j = 0; j < sourceLength; j++) {
                int at = b * sourceLength + j;
                float weight = (float) alpha[at];
                if (weight == 0) {
                    continue;
                }
                System.arraycopy(values, at * size, value, 0, size);
                System.arraycopy(dValues, at * size, dValue, 0, size);
                for (int m = 0; m < size; m++) {
                    dValue[m] += weight * dc[m];
                }
                System.arraycopy(dValue, 0, dValues, at * size, size);
                dWeights[at] += dot(value, 0, dc, size);
            }
        }
    }

    // row[0, n) ← from[at, at + n), narrowed to the row's type
    private static void narrow(double[] from, int at, float[] row, int n) {
        for (int k = 0; k < n; k++) {
            row[k] = (float) from[at + k];
        }
    }

    // one past the last real position of sentence b (padding comes last; positions before it are checked one by one)
    private static int realEnd(boolean[] real, int b, int sourceLength) {
        int end = sourceLength;
        while (end > 0 && !real[b * sourceLength + end - 1]) {
            end--;
        }
        return end;
    }

    /** Σ_k x[at + k]·y[k], in four independent sums (C2 does not vectorize a float reduction; this pipelines it). */
    public static float dot(float[] x, int at, float[] y, int n) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int k = 0;
        for (; k + 4 <= n; k += 4) {
            s0 += x[at + k] * y[k];
            s1 += x[at + k + 1] * y[k + 1];
            s2 += x[at + k + 2] * y[k + 2];
            s3 += x[at + k + 3] * y[k + 3];
        }
        for (; k < n; k++) {
            s0 += x[at + k] * y[k];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
