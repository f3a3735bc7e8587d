package org.nmt4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class TokenBatcherTest {

    private static TrainingPairs pairs(int n, long seed) {
        Random random = new Random(seed);
        List<EncodedPair> pairs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pairs.add(new EncodedPair(i + 1, new int[1 + random.nextInt(30)], new int[1 + random.nextInt(30)]));
        }
        pairs.add(new EncodedPair(n + 1, new int[5], new int[400])); // longer than the whole budget
        return TrainingPairs.of(pairs);
    }

    @Test
    void everyPairOnceAndNoBatchOverTheBudgetWithPadding() {
        TrainingPairs pairs = pairs(500, 1);
        int[] window = IntStream.range(0, pairs.size()).toArray();
        List<int[]> batches = TokenBatcher.batches(pairs, window, 256);
        Set<Integer> seen = new HashSet<>();
        int previousSource = 0;
        for (int[] batch : batches) {
            int longest = IntStream.of(batch).map(i -> pairs.targetLength(i) + 1).max().orElseThrow();
            assertTrue(batch.length == 1 || longest * batch.length <= 256, "batch over budget");
            for (int index : batch) {
                assertTrue(seen.add(index), "pair twice: " + index);
                assertTrue(pairs.sourceLength(index) >= previousSource, "not in length order");
                previousSource = pairs.sourceLength(index);
            }
        }
        assertEquals(pairs.size(), seen.size());
    }

    @Test
    void equalLengthsKeepTheWindowsOrder() {
        TrainingPairs pairs = TrainingPairs.of(List.of(new EncodedPair(1, new int[2], new int[3]),
                new EncodedPair(2, new int[1], new int[3]), new EncodedPair(3, new int[2], new int[3])));
        List<int[]> batches = TokenBatcher.batches(pairs, new int[] {2, 1, 0}, 1000);
        assertEquals(List.of(1, 2, 0), IntStream.of(batches.get(0)).boxed().toList());
    }
}
