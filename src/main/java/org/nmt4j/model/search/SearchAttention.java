package org.nmt4j.model.search;

import java.util.Arrays;

/**
 * The attention weights for search: a {@link SearchScore}, then a softmax over each hypothesis's real source
 * positions (padding gets exactly 0), as {@link org.nmt4j.model.Attention} computes them in training. The context
 * itself is never formed (see {@link SearchDecoder}).
 */
final class SearchAttention {

    private final SearchScore score;

    SearchAttention(SearchScore score) {
        this.score = score;
    }

    SearchScore score() {
        return score;
    }

    // queries [N,·] -> α [N,S], row-major, exactly 0 at padding
    float[] weights(float[] queries, SearchMemory memory, int[] groupOfRow) {
        float[] weights = score.scores(queries, memory, groupOfRow);
        int s = memory.sourceLength();
        for (int r = 0; r < groupOfRow.length; r++) {
            int at = r * s;
            int length = memory.lengths()[groupOfRow[r]];
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < length; j++) {
                max = Math.max(max, weights[at + j]);
            }
            double sum = 0;
            for (int j = 0; j < length; j++) {
                float e = (float) Math.exp(weights[at + j] - max);
                weights[at + j] = e;
                sum += e;
            }
            float scale = (float) (1.0 / sum);
            for (int j = 0; j < length; j++) {
                weights[at + j] *= scale;
            }
            Arrays.fill(weights, at + length, at + s, 0f);
        }
        return weights;
    }
}
