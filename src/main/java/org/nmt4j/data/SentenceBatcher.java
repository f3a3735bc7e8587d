package org.nmt4j.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * An epoch's batches of a fixed number of sentences, grouped by length: shuffle, stable-sort by source length (so
 * equal lengths keep a random order), cut into batches, shuffle the batches. The PyTorch yardstick batches the same
 * way, so the two train on batches of the same shape. The random generator fixes the order.
 */
public final class SentenceBatcher {

    private SentenceBatcher() {
    }

    /** Indices into pairs, one list per batch. */
    public static List<List<Integer>> epoch(List<EncodedPair> pairs, int batchSize, Random random) {
        List<Integer> order = new ArrayList<>(pairs.size());
        for (int i = 0; i < pairs.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        order.sort(Comparator.comparingInt(i -> pairs.get(i).source().length));
        List<List<Integer>> batches = new ArrayList<>();
        for (int i = 0; i < order.size(); i += batchSize) {
            batches.add(List.copyOf(order.subList(i, Math.min(order.size(), i + batchSize))));
        }
        Collections.shuffle(batches, random);
        return batches;
    }
}
