package org.nmt4j.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Batches holding up to a number of target tokens each, padding included (sentences × the longest target + 1 for
 * {@code </s>}): the window's pairs (already in a random order) are stable-sorted by source then target length, so
 * that a batch holds sentences of like length, and cut greedily.
 */
public final class TokenBatcher {

    private TokenBatcher() {
    }

    /** The window's pairs (indices into {@code pairs}) as batches; a pair longer than the budget gets its own. */
    public static List<int[]> batches(TrainingPairs pairs, int[] window, int maxTokens) {
        long[] keys = new long[window.length];
        for (int i = 0; i < window.length; i++) {
            keys[i] = (long) pairs.sourceLength(window[i]) << 47 | (long) pairs.targetLength(window[i]) << 31 | i;
        }
        Arrays.sort(keys);
        List<int[]> batches = new ArrayList<>();
        int[] current = new int[16];
        int size = 0;
        int longest = 0;
        for (long key : keys) {
            int index = window[(int) (key & 0x7FFF_FFFFL)];
            int length = pairs.targetLength(index) + 1;
            int widest = Math.max(longest, length);
            if (size > 0 && (long) widest * (size + 1) > maxTokens) {
                batches.add(Arrays.copyOf(current, size));
                size = 0;
                widest = length;
            }
            if (size == current.length) {
                current = Arrays.copyOf(current, 2 * size);
            }
            current[size++] = index;
            longest = widest;
        }
        if (size > 0) {
            batches.add(Arrays.copyOf(current, size));
        }
        return batches;
    }
}
