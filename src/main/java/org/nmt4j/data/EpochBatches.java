package org.nmt4j.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * An epoch's batches over training pairs of any number, in memory independent of it (Marian's maxi-batches): the
 * epoch visits the pairs in a pseudo-random order ({@link Permutation}), takes them a window at a time ({@code
 * maxiBatch} batches' worth), sorts each window by length, cuts it into batches ({@link SentenceBatcher} or
 * {@link TokenBatcher}) and shuffles the window's batches. A window that covers the corpus makes this a global
 * length sort. With several corpora each has a weight: an epoch holds round(weight × size) of a corpus's pairs
 * (whole passes, then a random part of one; a fresh part every epoch). The order is a function of the seed and the
 * epoch, and batch {@code k} can be found without running the batches before it, so a resumed run continues exactly.
 */
public final class EpochBatches {

    /** The most sentences of any batch of the epoch, and the longest source and target among its pairs. */
    public record Extent(int sentences, int longestSource, int longestTarget) {
    }

    private final TrainingPairs pairs;
    private final List<TrainingPairs.Part> parts;
    private final boolean byTokens;
    private final int batchSize;
    private final int window;
    private final long seed;
    private final Permutation order;
    private final long[] partEnds; // virtual positions: where each part's share ends
    private final Permutation[] withinPart;
    private final long size; // virtual positions in the epoch
    private final int[] firstBatch; // of each window, and the total last
    private final Extent extent;
    private int cachedWindow = -1;
    private List<int[]> cached;

    /**
     * @param weights   one per part of {@code pairs} ({@link TrainingPairs#parts}), each above 0
     * @param batchType {@code sentences} or {@code tokens}
     */
    public EpochBatches(TrainingPairs pairs, List<Double> weights, String batchType, int batchSize, int maxiBatch,
                        long seed, int epoch) {
        List<TrainingPairs.Part> parts = pairs.parts();
        if (weights.size() != parts.size()) {
            throw new IllegalArgumentException(weights.size() + " weights for " + parts.size() + " corpora");
        }
        this.pairs = pairs;
        this.parts = parts;
        this.byTokens = batchType.equals("tokens");
        this.batchSize = batchSize;
        this.seed = Permutation.mix(seed * 1_000_003L + epoch);
        partEnds = new long[parts.size()];
        withinPart = new Permutation[parts.size()];
        long end = 0;
        for (int p = 0; p < parts.size(); p++) {
            TrainingPairs.Part part = parts.get(p);
            end += part.count() == 0 ? 0 : Math.max(1, Math.round(weights.get(p) * part.count()));
            partEnds[p] = end;
            withinPart[p] = part.count() == 0 ? null : new Permutation(part.count(), this.seed + 31L * (p + 1));
        }
        size = end;
        if (size == 0) {
            throw new IllegalArgumentException("no training pairs");
        }
        order = new Permutation(size, this.seed);
        int perBatch = byTokens ? Math.max(1, batchSize / (meanTarget(pairs) + 1)) : batchSize;
        window = (int) Math.min(size, Math.max(1L, (long) maxiBatch * perBatch));
        int windows = (int) ((size + window - 1) / window);
        firstBatch = new int[windows + 1];
        int most = 0;
        int longestSource = 0;
        int longestTarget = 0;
        for (int w = 0; w < windows; w++) {
            List<int[]> batches = batchesOfWindow(w);
            firstBatch[w + 1] = Math.addExact(firstBatch[w], batches.size());
            for (int[] batch : batches) {
                most = Math.max(most, batch.length);
                for (int index : batch) {
                    longestSource = Math.max(longestSource, pairs.sourceLength(index));
                    longestTarget = Math.max(longestTarget, pairs.targetLength(index));
                }
            }
        }
        extent = new Extent(most, longestSource, longestTarget);
    }

    private static int meanTarget(TrainingPairs pairs) {
        long sum = 0;
        for (int i = 0; i < pairs.size(); i++) {
            sum += pairs.targetLength(i);
        }
        return (int) Math.max(1, sum / Math.max(1, pairs.size()));
    }

    /** The number of batches in the epoch. */
    public int size() {
        return firstBatch[firstBatch.length - 1];
    }

    /** The largest batch's shape, for sizing buffers once. */
    public Extent extent() {
        return extent;
    }

    /** Batch {@code k} (indices into the pairs). */
    public int[] get(int k) {
        if (k < 0 || k >= size()) {
            throw new IndexOutOfBoundsException(k + " of " + size() + " batches");
        }
        int w = java.util.Arrays.binarySearch(firstBatch, k);
        w = w >= 0 ? w : -w - 2;
        while (firstBatch[w + 1] == firstBatch[w]) {
            w++;
        }
        if (w != cachedWindow) {
            cached = batchesOfWindow(w);
            cachedWindow = w;
        }
        return cached.get(k - firstBatch[w]);
    }

    /** Up to {@code count} batches from batch {@code from} on, fewer at the epoch's end. */
    public List<int[]> get(int from, int count) {
        List<int[]> out = new ArrayList<>();
        for (int k = from; k < Math.min(size(), from + count); k++) {
            out.add(get(k));
        }
        return out;
    }

    /** Every batch of the epoch, in order (for tests and small corpora). */
    public List<int[]> all() {
        return get(0, size());
    }

    private List<int[]> batchesOfWindow(int w) {
        long start = (long) w * window;
        int[] indices = new int[(int) Math.min(window, size - start)];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = pair(order.apply(start + i));
        }
        List<int[]> batches = byTokens ? TokenBatcher.batches(pairs, indices, batchSize)
                : SentenceBatcher.batches(pairs, indices, batchSize);
        Collections.shuffle(batches, new Random(seed + 7919L * (w + 1)));
        return batches;
    }

    // a virtual position of the epoch as the pair it visits
    private int pair(long position) {
        int p = 0;
        while (position >= partEnds[p]) {
            p++;
        }
        long start = p == 0 ? 0 : partEnds[p - 1];
        TrainingPairs.Part part = parts.get(p);
        return part.start() + (int) withinPart[p].apply((position - start) % part.count());
    }
}
