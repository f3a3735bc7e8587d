package org.nmt4j.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Batches of a fixed number of sentences, grouped by length: the window's pairs (already in a random order) are
 * stable-sorted by source length, so equal lengths keep that order, and cut into batches. The PyTorch yardstick
 * batches the same way over its whole corpus, so the two train on batches of the same shape.
 */
public final class SentenceBatcher {

    private SentenceBatcher() {
    }

    /** The window's pairs (indices into {@code pairs}) as batches, in length order. */
    public static List<int[]> batches(TrainingPairs pairs, int[] window, int batchSize) {
        long[] keys = new long[window.length];
        for (int i = 0; i < window.length; i++) {
            keys[i] = (long) pairs.sourceLength(window[i]) << 32 | i;
        }
        java.util.Arrays.sort(keys);
        List<int[]> batches = new ArrayList<>((window.length + batchSize - 1) / batchSize);
        for (int start = 0; start < keys.length; start += batchSize) {
            int[] batch = new int[Math.min(batchSize, keys.length - start)];
            for (int i = 0; i < batch.length; i++) {
                batch[i] = window[(int) keys[start + i]];
            }
            batches.add(batch);
        }
        return batches;
    }
}
