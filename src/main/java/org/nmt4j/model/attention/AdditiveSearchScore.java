package org.nmt4j.model.attention;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nmt4j.compute.Activations;
import org.nmt4j.compute.FloatCopies;
import org.nmt4j.model.AttentionFloatRows;
import org.nmt4j.model.search.SearchMemory;
import org.nmt4j.model.search.SearchScore;

/**
 * {@link org.nmt4j.model.AdditiveScore} for search, {@code e_rj = v_aᵀ tanh(W_a s_r + U_a h_j + b_a)}: the queries
 * W_a s are made with the state's other products; the rest in one pass over each hypothesis's keys and without the
 * [S,N,A] hidden layer that only backward needs: add the query, tanh (the {@link Activations} approximation), and the
 * dot product with v_a, block by block in Java loops. Padding positions are skipped.
 */
public final class AdditiveSearchScore implements SearchScore {

    private final INDArray wa; // [D,A]
    private final float[] va;  // [A]

    /** wa: W_a [D,A]; va: v_a [A,1]. */
    public AdditiveSearchScore(INDArray wa, INDArray va) {
        this.wa = wa;
        this.va = FloatCopies.read(va);
    }

    @Override
    public INDArray queryProjection() {
        return wa;
    }

    // queries W_a s [N,A] -> [N,S]
    @Override
    public float[] scores(float[] queries, SearchMemory memory, int[] groupOfRow, int[] from, int[] end) {
        int n = groupOfRow.length;
        int s = memory.sourceLength();
        int a = memory.keySize();
        float[] keys = memory.keys();
        int rowsPerBlock = Math.max(1, 4096 / a);
        float[] block = new float[rowsPerBlock * a];
        float[] tiled = new float[rowsPerBlock * a]; // the row's query, once per key row of a block
        float[] scores = new float[n * s];
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < rowsPerBlock; i++) {
                System.arraycopy(queries, r * a, tiled, i * a, a);
            }
            int group = groupOfRow[r];
            for (int first = from[r]; first < end[r]; first += rowsPerBlock) {
                int rows = Math.min(rowsPerBlock, end[r] - first);
                // keys of consecutive positions are consecutive rows: one copy to offset 0, where C2 vectorizes
                System.arraycopy(keys, (group * s + first) * a, block, 0, rows * a);
                for (int i = 0; i < rows * a; i++) {
                    block[i] += tiled[i];
                }
                Activations.tanh(block, rows * a);
                for (int i = 0; i < rows; i++) {
                    scores[r * s + first + i] = AttentionFloatRows.dot(block, i * a, va, a);
                }
            }
        }
        return scores;
    }
}
