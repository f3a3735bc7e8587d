package org.nmt4j.model;

/**
 * The encoded sources as search reads them, one group per sentence, batch-major Java arrays: the attention keys, and
 * each source position's share of the decoder's input and deep-output projections (see {@link SearchDecoder}). The
 * hypotheses of a sentence (its beam) all read its group; nothing is copied per hypothesis.
 *
 * @param keys           the attention score's keys, [G,S,K]
 * @param keySize        K
 * @param projections    h_j [W_ic | W_oc] for every position j, [G,S,P]
 * @param projectionSize P = 3D + O
 * @param sourceLength   S, the padded source length
 * @param lengths        each group's real source length (positions at and beyond it are padding)
 */
public record SearchMemory(float[] keys, int keySize, float[] projections, int projectionSize, int sourceLength,
                           int[] lengths) {

    public int groups() {
        return lengths.length;
    }

    /** The memory of these groups, in this order (a sentence whose search is done leaves). */
    public SearchMemory select(int[] groups) {
        int[] keptLengths = new int[groups.length];
        for (int i = 0; i < groups.length; i++) {
            keptLengths[i] = lengths[groups[i]];
        }
        return new SearchMemory(rows(keys, sourceLength * keySize, groups), keySize,
                rows(projections, sourceLength * projectionSize, groups), projectionSize, sourceLength, keptLengths);
    }

    /** Rows of a row-major matrix with rows of the given width, in the given order (repeats allowed). */
    static float[] rows(float[] matrix, int width, int[] rows) {
        float[] out = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(matrix, rows[i] * width, out, i * width, width);
        }
        return out;
    }
}
