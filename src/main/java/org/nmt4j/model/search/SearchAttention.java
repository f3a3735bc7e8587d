package org.nmt4j.model.search;

import java.util.Arrays;

import org.nmt4j.model.attention.LocalWindow;

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
        return weights(queries, memory, groupOfRow, null);
    }

    /** The same with a bias [N·S] added to the scores before the softmax (null: none). */
    float[] weights(float[] queries, SearchMemory memory, int[] groupOfRow, double[] bias) {
        int n = groupOfRow.length;
        int[] end = new int[n];
        for (int r = 0; r < n; r++) {
            end[r] = memory.lengths()[groupOfRow[r]];
        }
        return weights(queries, memory, groupOfRow, new int[n], end, null, 0, bias);
    }

    /**
     * queries [N,·] -> α [N,S], row-major, over positions [first[r], end[r]) of each row (exactly 0 elsewhere); with
     * centres [N] of a local window of the given width, each weight times the window's Gaussian
     * ({@link LocalWindow#gaussian}), as training computes it.
     */
    float[] weights(float[] queries, SearchMemory memory, int[] groupOfRow, int[] first, int[] end,
                    double[] centres, int width) {
        return weights(queries, memory, groupOfRow, first, end, centres, width, null);
    }

    private float[] weights(float[] queries, SearchMemory memory, int[] groupOfRow, int[] first, int[] end,
                            double[] centres, int width, double[] bias) {
        float[] weights = score.scores(queries, memory, groupOfRow, first, end);
        if (bias != null) {
            for (int i = 0; i < weights.length; i++) {
                weights[i] += (float) bias[i];
            }
        }
        int s = memory.sourceLength();
        for (int r = 0; r < groupOfRow.length; r++) {
            int at = r * s;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = first[r]; j < end[r]; j++) {
                max = Math.max(max, weights[at + j]);
            }
            double sum = 0;
            for (int j = first[r]; j < end[r]; j++) {
                float e = (float) Math.exp(weights[at + j] - max);
                weights[at + j] = e;
                sum += e;
            }
            float scale = (float) (1.0 / sum);
            for (int j = first[r]; j < end[r]; j++) {
                weights[at + j] *= centres == null ? scale
                        : (float) (scale * LocalWindow.gaussian(j, centres[r], width));
            }
            Arrays.fill(weights, at, at + first[r], 0f);
            Arrays.fill(weights, at + end[r], at + s, 0f);
        }
        return weights;
    }
}
