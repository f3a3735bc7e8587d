package org.nmt4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class EpochBatchesTest {

    // two corpora: 700 pairs, then 300, of random lengths
    private static TrainingPairs pairs() {
        Random random = new Random(4);
        List<EncodedPair> pairs = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            pairs.add(new EncodedPair(i + 1, new int[1 + random.nextInt(40)], new int[1 + random.nextInt(40)]));
        }
        TrainingPairs all = TrainingPairs.of(pairs);
        return new TrainingPairs() {
            public int size() {
                return all.size();
            }

            public int sourceLength(int pair) {
                return all.sourceLength(pair);
            }

            public int targetLength(int pair) {
                return all.targetLength(pair);
            }

            public int[] source(int pair) {
                return all.source(pair);
            }

            public int[] target(int pair) {
                return all.target(pair);
            }

            public List<Part> parts() {
                return List.of(new Part("a", 0, 700), new Part("b", 700, 300));
            }
        };
    }

    private static int[] visits(List<int[]> batches) {
        int[] visits = new int[1_000];
        for (int[] batch : batches) {
            for (int index : batch) {
                visits[index]++;
            }
        }
        return visits;
    }

    @Test
    void weightOneVisitsEveryPairOnceInBatchesOfTheSizeSortedWithinAWindow() {
        EpochBatches epoch = new EpochBatches(pairs(), List.of(1.0, 1.0), "sentences", 16, 5, 3, 0);
        List<int[]> batches = epoch.all();
        assertTrue(Arrays.stream(visits(batches)).allMatch(v -> v == 1));
        assertEquals(12 * 5 + 3, batches.size(), "windows of 80 pairs, 5 batches each, and one of 40");
        TrainingPairs pairs = pairs();
        for (int[] batch : batches) {
            assertTrue(batch.length <= 16);
            int spread = Arrays.stream(batch).map(pairs::sourceLength).max().getAsInt()
                    - Arrays.stream(batch).map(pairs::sourceLength).min().getAsInt();
            assertTrue(spread < 20, "a window's batches hold like lengths: " + spread);
        }
        assertEquals(16, epoch.extent().sentences());
        assertEquals(40, epoch.extent().longestSource());
    }

    @Test
    void theSeedAndTheEpochFixTheOrderAndAnyBatchCanBeFoundDirectly() {
        EpochBatches epoch = new EpochBatches(pairs(), List.of(1.0, 1.0), "tokens", 300, 4, 3, 2);
        List<int[]> all = epoch.all();
        EpochBatches again = new EpochBatches(pairs(), List.of(1.0, 1.0), "tokens", 300, 4, 3, 2);
        for (int k : new int[] {all.size() - 1, 0, all.size() / 2, 1}) { // as a resumed run asks
            assertArrayEquals(all.get(k), again.get(k));
        }
        assertNotEquals(Arrays.deepToString(all.toArray()), Arrays.deepToString(new EpochBatches(pairs(),
                List.of(1.0, 1.0), "tokens", 300, 4, 3, 3).all().toArray()), "the next epoch is the same");
        assertNotEquals(Arrays.deepToString(all.toArray()), Arrays.deepToString(new EpochBatches(pairs(),
                List.of(1.0, 1.0), "tokens", 300, 4, 4, 2).all().toArray()), "another seed is the same");
    }

    @Test
    void weightsSetHowManyPairsOfEachCorpusAnEpochHolds() {
        EpochBatches epoch = new EpochBatches(pairs(), List.of(0.5, 2.5), "sentences", 32, 10, 1, 0);
        int[] visits = visits(epoch.all());
        assertEquals(350, Arrays.stream(visits, 0, 700).sum());
        assertTrue(Arrays.stream(visits, 0, 700).allMatch(v -> v <= 1), "half of a corpus, each pair at most once");
        assertEquals(750, Arrays.stream(visits, 700, 1_000).sum());
        assertTrue(Arrays.stream(visits, 700, 1_000).allMatch(v -> v == 2 || v == 3));
        int[] nextEpoch = visits(new EpochBatches(pairs(), List.of(0.5, 2.5), "sentences", 32, 10, 1, 1).all());
        int same = 0;
        for (int i = 0; i < 700; i++) {
            same += visits[i] == 1 && nextEpoch[i] == 1 ? 1 : 0;
        }
        assertTrue(same > 100 && same < 250, "the next epoch takes a fresh half: " + same + " of 350 again");
    }

    @Test
    void thePermutationIsABijectionForAnySize() {
        for (long n : new long[] {1, 2, 3, 7, 64, 1_000, 4_097}) {
            Permutation permutation = new Permutation(n, 99);
            BitSet seen = new BitSet();
            for (long i = 0; i < n; i++) {
                long image = permutation.apply(i);
                assertTrue(image >= 0 && image < n);
                seen.set((int) image);
            }
            assertEquals(n, seen.cardinality());
        }
        Permutation a = new Permutation(1_000, 1);
        int fixed = 0;
        for (int i = 0; i < 1_000; i++) {
            fixed += a.apply(i) == i ? 1 : 0;
        }
        assertTrue(fixed < 10, "hardly shuffled: " + fixed + " fixed points");
    }
}
