package org.nmt4j.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * An epoch's batches holding up to a number of target tokens each, padding included (sentences × the longest target
 * + 1 for {@code </s>}): shuffle, stable-sort by source then target length so that a batch holds sentences of like
 * length, cut greedily, shuffle the batches. The random generator fixes the order.
 */
public final class TokenBatcher {

    private TokenBatcher() {
    }

    /** Indices into pairs, one list per batch; a pair longer than the budget gets a batch of its own. */
    public static List<List<Integer>> epoch(List<EncodedPair> pairs, int maxTokens, Random random) {
        List<Integer> order = new ArrayList<>(pairs.size());
        for (int i = 0; i < pairs.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        order.sort(Comparator.<Integer>comparingInt(i -> pairs.get(i).source().length)
                .thenComparingInt(i -> pairs.get(i).target().length));
        List<List<Integer>> batches = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        int longest = 0;
        for (int index : order) {
            int length = pairs.get(index).target().length + 1;
            int widest = Math.max(longest, length);
            if (!current.isEmpty() && widest * (current.size() + 1) > maxTokens) {
                batches.add(List.copyOf(current));
                current.clear();
                widest = length;
            }
            current.add(index);
            longest = widest;
        }
        if (!current.isEmpty()) {
            batches.add(List.copyOf(current));
        }
        Collections.shuffle(batches, random);
        return batches;
    }
}
