package org.nmt4j.model.attention;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nmt4j.model.search.SearchMemory;
import org.nmt4j.model.search.SearchScore;

/**
 * {@link org.nmt4j.model.DotScore} for search, {@code e_rj = s_r · k_j} over row r's group in a Java loop: the keys
 * hold W h_j for {@code general} and h_j for {@code dot}; the queries are the decoder states [N,D] themselves.
 */
public final class DotSearchScore implements SearchScore {

    @Override
    public INDArray queryProjection() {
        return null;
    }

    @Override
    public float[] scores(float[] queries, SearchMemory memory, int[] groupOfRow, int[] first, int[] end) {
        int n = groupOfRow.length;
        int s = memory.sourceLength();
        int d = memory.keySize();
        float[] keys = memory.keys();
        float[] scores = new float[n * s];
        for (int r = 0; r < n; r++) {
            int group = groupOfRow[r];
            for (int j = first[r]; j < end[r]; j++) {
                int at = (group * s + j) * d;
                float sum = 0;
                for (int k = 0; k < d; k++) {
                    sum += queries[r * d + k] * keys[at + k];
                }
                scores[r * s + j] = sum;
            }
        }
        return scores;
    }
}
