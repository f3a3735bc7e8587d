package org.nmt4j.model.search;

import java.util.List;

/**
 * The encoded sources as search reads them, one group per sentence, batch-major Java arrays: the attention keys, and
 * each source position's share of the decoder's input and deep-output projections (see {@link SearchDecoder}). The
 * hypotheses of a sentence (its beam) all read its group, and it stays in place while sentences finish: each
 * hypothesis names the group it reads, so nothing is copied per hypothesis or per step.
 *
 * @param keys           the attention score's keys, [G,S,K]
 * @param keySize        K
 * @param projections    h_j [W_ic | W_oc] for every position j, [G,S,P] with P = 3D + O
 * @param sourceLength   S, the padded source length
 * @param lengths        each group's real source length (positions at and beyond it are padding)
 * @param headKeys       with several attention heads, each head's keys [G,S,K] (keys are the first head's);
 *                       empty with one head; with several, projections are [G,S,heads·P], head by head
 */
public record SearchMemory(float[] keys, int keySize, float[] projections, int sourceLength, int[] lengths,
                           List<float[]> headKeys) {

    /** A memory with one attention head. */
    public SearchMemory(float[] keys, int keySize, float[] projections, int sourceLength, int[] lengths) {
        this(keys, keySize, projections, sourceLength, lengths, List.of());
    }

    /** The number of attention heads. */
    public int heads() {
        return Math.max(1, headKeys.size());
    }

    /** Head k's memory (its keys): this one when there is one head. */
    public SearchMemory head(int k) {
        return headKeys.isEmpty() ? this
                : new SearchMemory(headKeys.get(k), keySize, projections, sourceLength, lengths, List.of());
    }
}
