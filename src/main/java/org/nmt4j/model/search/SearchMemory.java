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
 * @param alignmentKeys  the alignment head's keys [G,S,A] ({@link org.nmt4j.model.AlignmentHead}), or null
 */
public record SearchMemory(float[] keys, int keySize, float[] projections, int sourceLength, int[] lengths,
                           List<float[]> headKeys, float[] alignmentKeys) {

    /** A memory with one attention head. */
    public SearchMemory(float[] keys, int keySize, float[] projections, int sourceLength, int[] lengths) {
        this(keys, keySize, projections, sourceLength, lengths, List.of());
    }

    /** A memory without an alignment head. */
    public SearchMemory(float[] keys, int keySize, float[] projections, int sourceLength, int[] lengths,
                        List<float[]> headKeys) {
        this(keys, keySize, projections, sourceLength, lengths, headKeys, null);
    }

    /** The number of attention heads. */
    public int heads() {
        return Math.max(1, headKeys.size());
    }

    /**
     * The memory of a running batch that sentences join and leave ({@code translate.ContinuousGreedy}): groups
     * {@code keep} of {@code a} (in that order), then all of {@code b}'s, padded to the longer of the two source
     * lengths. Each group's values are copied unchanged, so its rows read what they read before.
     */
    public static SearchMemory join(SearchMemory a, int[] keep, SearchMemory b) {
        if (a.keySize != b.keySize || a.heads() != b.heads() || a.positionWidth() != b.positionWidth()) {
            throw new IllegalArgumentException("memories of different models");
        }
        int s = Math.max(a.sourceLength, b.sourceLength);
        int groups = keep.length + b.lengths.length;
        int[] lengths = new int[groups];
        int[] all = new int[b.lengths.length];
        for (int g = 0; g < keep.length; g++) {
            lengths[g] = a.lengths[keep[g]];
        }
        for (int g = 0; g < all.length; g++) {
            all[g] = g;
            lengths[keep.length + g] = b.lengths[g];
        }
        float[] keys = joined(a.keys, a, keep, b.keys, b, all, s, a.keySize);
        float[] projections = joined(a.projections, a, keep, b.projections, b, all, s, a.positionWidth());
        List<float[]> headKeys = new java.util.ArrayList<>();
        for (int h = 0; h < a.headKeys.size(); h++) {
            headKeys.add(joined(a.headKeys.get(h), a, keep, b.headKeys.get(h), b, all, s, a.keySize));
        }
        float[] alignmentKeys = a.alignmentKeys == null ? null : joined(a.alignmentKeys, a, keep, b.alignmentKeys, b,
                all, s, a.alignmentKeys.length / (a.lengths.length * a.sourceLength));
        return new SearchMemory(keys, a.keySize, projections, s, lengths, List.copyOf(headKeys), alignmentKeys);
    }

    // the values of one position, in an array of [G,S,width]
    private int positionWidth() {
        return projections.length / (lengths.length * sourceLength);
    }

    // [G,S,width] arrays of a (groups keep) then b (groups all), as one [G',s,width] array, zeros at new padding
    private static float[] joined(float[] x, SearchMemory a, int[] keep, float[] y, SearchMemory b, int[] all,
                                  int s, int width) {
        float[] out = new float[(keep.length + all.length) * s * width];
        copyGroups(x, a.sourceLength, keep, out, 0, s, width);
        copyGroups(y, b.sourceLength, all, out, keep.length, s, width);
        return out;
    }

    private static void copyGroups(float[] from, int fromLength, int[] groups, float[] to, int firstGroup, int s,
                                   int width) {
        int size = fromLength * width;
        for (int g = 0; g < groups.length; g++) {
            System.arraycopy(from, groups[g] * size, to, (firstGroup + g) * s * width, size);
        }
    }

    /** The alignment head's memory (its keys as the keys); null without one. */
    public SearchMemory alignment() {
        return alignmentKeys == null ? null : new SearchMemory(alignmentKeys,
                alignmentKeys.length / (lengths.length * sourceLength), projections, sourceLength, lengths);
    }

    /** Head k's memory (its keys): this one when there is one head. */
    public SearchMemory head(int k) {
        return headKeys.isEmpty() ? this
                : new SearchMemory(headKeys.get(k), keySize, projections, sourceLength, lengths, List.of());
    }
}
