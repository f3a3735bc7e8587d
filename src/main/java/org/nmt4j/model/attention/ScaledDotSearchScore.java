package org.nmt4j.model.attention;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nmt4j.model.search.SearchMemory;
import org.nmt4j.model.search.SearchScore;

/**
 * {@link ScaledDotScore} for search: the queries are the states' products with W_q (made with the step's other state
 * products), the keys h_j W_k; a score is their dot product times 1/√A.
 */
public final class ScaledDotSearchScore implements SearchScore {

    private final INDArray queryProjection;
    private final float scale;
    private final DotSearchScore dot = new DotSearchScore();

    /** @param queryProjection W_q [D,A] */
    public ScaledDotSearchScore(INDArray queryProjection) {
        this.queryProjection = queryProjection;
        this.scale = (float) ScaledDotScore.scale(queryProjection);
    }

    @Override
    public INDArray queryProjection() {
        return queryProjection;
    }

    @Override
    public float[] scores(float[] queries, SearchMemory memory, int[] groupOfRow, int[] first, int[] end) {
        float[] scores = dot.scores(queries, memory, groupOfRow, first, end);
        for (int i = 0; i < scores.length; i++) {
            scores[i] *= scale;
        }
        return scores;
    }
}
