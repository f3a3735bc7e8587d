package org.nmt4j.model.search;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An attention score for search: the function of the training score ({@link org.nmt4j.model.AttentionScore}) for N
 * hypotheses at a time over float arrays, without anything a backward pass needs. The keys come from the training
 * score's {@code keys} (once per batch); the query side is split in two: a projection of the decoder state that search
 * makes together with the state's other products, and the scoring of the projected queries against the keys.
 */
public interface SearchScore {

    /** The matrix the decoder state is multiplied by to give a query, [D,A], or null when the state is the query. */
    INDArray queryProjection();

    /**
     * Row r of queries [N,·] (projected by {@link #queryProjection}) against the keys of its group
     * {@code groupOfRow[r]} in the memory ([G,S,K]), at positions [first[r], end[r]) (its real positions, or a
     * local attention's window) -> scores [N,S] row-major; other entries are not read.
     */
    float[] scores(float[] queries, SearchMemory memory, int[] groupOfRow, int[] first, int[] end);
}
