package org.nmt4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nmt4j.data.EncodedPair;
import org.nmt4j.data.EpochBatches;
import org.nmt4j.data.TrainingPairs;
import org.nmt4j.model.Batch;

class TrainingDataTest {

    // pair i has a source of i + 1 tokens (all i + 4) and a one-token target
    private static TrainingPairs pairs(int n) {
        List<EncodedPair> pairs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int[] source = new int[i + 1];
            java.util.Arrays.fill(source, i + 4);
            pairs.add(new EncodedPair(i + 1, source, new int[] {5}));
        }
        return TrainingPairs.of(pairs);
    }

    @Test
    void shardsDealTheSentencesInTurnSoThatTheyAreEquallyLong() {
        List<Batch> shards = TrainingData.shards(pairs(7), new int[] {0, 1, 2, 3, 4, 5, 6}, 2);
        assertEquals(2, shards.size());
        assertEquals(4, shards.get(0).batchSize()); // pairs 0, 2, 4, 6
        assertEquals(3, shards.get(1).batchSize()); // pairs 1, 3, 5
        assertArrayEquals(new int[] {2, 4, 6, 8}, shards.get(0).sourceLengths()); // with </s>
        assertArrayEquals(new int[] {3, 5, 7}, shards.get(1).sourceLengths());
        assertEquals(14, shards.get(0).targetTokens() + shards.get(1).targetTokens());
    }

    @Test
    void aBatchSmallerThanTheShardCountGivesOneShardPerSentence() {
        assertEquals(2, TrainingData.shards(pairs(5), new int[] {3, 1}, 4).size());
        assertEquals(1, TrainingData.shards(pairs(5), new int[] {3, 1}, 1).size());
    }

    @Test
    void theLargestShardsCoverEveryShardOfEveryBatch() {
        EpochBatches epoch = new EpochBatches(pairs(9), List.of(1.0), "sentences", 5, 10, 1, 0);
        List<Batch> largest = TrainingData.largestShards(epoch.extent(), 2);
        assertEquals(2, largest.size());
        assertEquals(3, largest.get(0).batchSize()); // 5 sentences dealt to two shards: 3 and 2
        assertEquals(10, largest.get(0).sourceLength()); // the longest source, 9 tokens, and </s>
    }
}
