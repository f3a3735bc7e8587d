package org.nmt4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class TokenBatcherTest {

    private static List<EncodedPair> pairs(int n, long seed) {
        Random random = new Random(seed);
        List<EncodedPair> pairs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pairs.add(new EncodedPair(i + 1, new int[1 + random.nextInt(30)], new int[1 + random.nextInt(30)]));
        }
        pairs.add(new EncodedPair(n + 1, new int[5], new int[400])); // longer than the whole budget
        return pairs;
    }

    @Test
    void everyPairOnceAndNoBatchOverTheBudgetWithPadding() {
        List<EncodedPair> pairs = pairs(500, 1);
        List<List<Integer>> batches = TokenBatcher.epoch(pairs, 256, new Random(3));
        Set<Integer> seen = new HashSet<>();
        for (List<Integer> batch : batches) {
            int longest = batch.stream().mapToInt(i -> pairs.get(i).target().length + 1).max().orElseThrow();
            assertTrue(batch.size() == 1 || longest * batch.size() <= 256, "batch over budget: " + batch);
            for (int index : batch) {
                assertTrue(seen.add(index), "pair twice: " + index);
            }
        }
        assertEquals(pairs.size(), seen.size());
    }

    @Test
    void theSeedFixesTheOrder() {
        List<EncodedPair> pairs = pairs(300, 2);
        assertEquals(TokenBatcher.epoch(pairs, 200, new Random(9)), TokenBatcher.epoch(pairs, 200, new Random(9)));
        assertTrue(!TokenBatcher.epoch(pairs, 200, new Random(9)).equals(TokenBatcher.epoch(pairs, 200,
                new Random(10))));
    }
}
