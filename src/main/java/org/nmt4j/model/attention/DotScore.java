package org.nmt4j.model.attention;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.compute.Products;
import org.nmt4j.model.Attention;
import org.nmt4j.model.AttentionDoubleRows;
import org.nmt4j.model.AttentionFloatRows;
import org.nmt4j.model.AttentionScore;
import org.nmt4j.model.EncoderMemory;
import org.nmt4j.model.Param;

/**
 * Luong et al. (2015) multiplicative scores: {@code general}, {@code e_tj = s_{t−1}ᵀ W h_j}, with the keys {@code W h_j}
 * computed once per batch; and {@code dot}, {@code e_tj = s_{t−1}ᵀ h_j} (no parameters; needs D = 2H). Either way the
 * query is the decoder state itself and a score is a dot product with a key row.
 */
public final class DotScore implements AttentionScore {

    private final Param w; // [2H,D], null for dot

    /** @param w the general score's matrix, or null for the plain dot product */
    public DotScore(Param w) {
        this.w = w;
    }

    @Override
    public INDArray keys(INDArray values) {
        return w == null ? values : project(values, w);
    }

    @Override
    public KeyMap keyMap() {
        return w == null ? null : new KeyMap(w.value(), null);
    }

    /** Keys that are a projection of the values: values [S,B,2H] · W [2H,K] → [S,B,K]. */
    static INDArray project(INDArray values, Param w) {
        long s = values.size(0);
        long b = values.size(1);
        long d = w.value().size(1);
        INDArray keys = Nd4j.createUninitialized(values.dataType(), s, b, d);
        Products.gemm(values.reshape(s * b, values.size(2)), w.value(), keys.reshape(s * b, d), false, false, 1.0, 0.0);
        return keys;
    }

    /** The backward of {@link #project}: dW += valuesᵀ dKeys, dValues += dKeys Wᵀ. */
    static void projectBackward(INDArray values, INDArray dKeys, Param w, INDArray dValues) {
        long s = values.size(0);
        long b = values.size(1);
        INDArray dKeys2d = dKeys.reshape(s * b, dKeys.size(2));
        Products.gemm(values.reshape(s * b, values.size(2)), dKeys2d, w.gradient(), true, false, 1.0, 1.0);
        Products.gemm(dKeys2d, w.value(), dValues.reshape(s * b, values.size(2)), false, true, 1.0, 1.0);
    }

    @Override
    public Param queryProjection() {
        return null;
    }

    @Override
    public void scores(double[] queries, EncoderMemory memory, double[] scores) {
        dotScores(queries, memory, scores, 1);
    }

    @Override
    public void backward(double[] queries, double[] dScores, EncoderMemory memory, double[] dQueries,
                         Attention.KeyGradients dKeys) {
        dotBackward(queries, dScores, memory, dQueries, dKeys, 1);
    }

    /** scores[b·S + j] = scale · q_b · k_bj at real positions: the dot product kernel, for this and other scores. */
    public static void dotScores(double[] queries, EncoderMemory memory, double[] scores, double scale) {
        if (memory.exact()) {
            AttentionDoubleRows.dotScores(queries, memory.keyRows(), memory.real(), memory.batchSize(),
                    memory.sourceLength(), memory.keySize(), scale, scores);
        } else {
            AttentionFloatRows.dotScores(queries, memory.keyFloats(), memory.real(), memory.batchSize(),
                    memory.sourceLength(), memory.keySize(), scale, scores);
        }
    }

    /** The backward of {@link #dotScores}: dq_b += scale Σ_j de_bj k_bj, dk_bj += scale de_bj q_b. */
    public static void dotBackward(double[] queries, double[] dScores, EncoderMemory memory, double[] dQueries,
                                   Attention.KeyGradients dKeys, double scale) {
        if (memory.exact()) {
            AttentionDoubleRows.dotBackward(queries, dScores, memory.keyRows(), memory.real(), memory.batchSize(),
                    memory.sourceLength(), memory.keySize(), scale, dQueries, dKeys.rows());
        } else {
            AttentionFloatRows.dotBackward(queries, dScores, memory.keyFloats(), memory.real(), memory.batchSize(),
                    memory.sourceLength(), memory.keySize(), scale, dQueries, dKeys.floats());
        }
    }

    @Override
    public void keysBackward(INDArray values, INDArray dKeys, INDArray dValues) {
        if (w == null) {
            dValues.addi(dKeys);
        } else {
            projectBackward(values, dKeys, w, dValues);
        }
    }
}
