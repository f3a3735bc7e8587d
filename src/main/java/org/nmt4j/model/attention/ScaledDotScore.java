package org.nmt4j.model.attention;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nmt4j.model.Attention;
import org.nmt4j.model.AttentionScore;
import org.nmt4j.model.EncoderMemory;
import org.nmt4j.model.Param;

/**
 * The Transformer's scaled dot product (Vaswani et al. 2017) over projected queries and keys:
 * {@code e_tj = (s_{t−1} W_q) · (h_j W_k) / √A}, W_q [D,A], W_k [2H,A]. The keys are made once per batch; the query
 * projection is the decoder's (it is multiplied with the state's other products); the score itself is
 * {@link DotScore}'s kernel with the scale.
 */
public final class ScaledDotScore implements AttentionScore {

    private final Param wq;
    private final Param wk;

    public ScaledDotScore(Param wq, Param wk) {
        this.wq = wq;
        this.wk = wk;
    }

    /** 1/√A. */
    public static double scale(INDArray queryProjection) {
        return 1 / Math.sqrt(queryProjection.size(1));
    }

    // values [S,B,2H] -> keys [S,B,A]
    @Override
    public INDArray keys(INDArray values) {
        return DotScore.project(values, wk);
    }

    @Override
    public KeyMap keyMap() {
        return new KeyMap(wk.value(), null);
    }

    @Override
    public Param queryProjection() {
        return wq;
    }

    @Override
    public void scores(double[] queries, EncoderMemory memory, double[] scores) {
        DotScore.dotScores(queries, memory, scores, scale(wq.value()));
    }

    @Override
    public void backward(double[] queries, double[] dScores, EncoderMemory memory, double[] dQueries,
                         Attention.KeyGradients dKeys) {
        DotScore.dotBackward(queries, dScores, memory, dQueries, dKeys, scale(wq.value()));
    }

    @Override
    public void keysBackward(INDArray values, INDArray dKeys, INDArray dValues) {
        DotScore.projectBackward(values, dKeys, wk, dValues);
    }
}
