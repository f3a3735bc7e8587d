package org.nmt4j.translate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nmt4j.config.ModelConfig;
import org.nmt4j.model.NmtModel;
import org.nmt4j.model.search.SearchDecoder;

/** Greedy and beam search on small random models (what holds must hold for any parameters). */
class SearchTest {

    private static final int V = 14;

    private static NmtModel model(long seed) {
        return NmtModel.create(new ModelConfig(6, 5, 7, 6, 5, "additive", 0, 0), V, V, DataType.FLOAT, seed);
    }

    /** n random sources of 1 to 7 ids of a vocabulary of V (for the search tests). */
    static List<int[]> sources(long seed, int n) {
        Random random = new Random(seed);
        List<int[]> sources = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int[] s = new int[1 + random.nextInt(7)];
            for (int j = 0; j < s.length; j++) {
                s[j] = 4 + random.nextInt(V - 4);
            }
            sources.add(s);
        }
        return sources;
    }

    static int[] limits(int n, int limit) {
        int[] limits = new int[n];
        Arrays.fill(limits, limit);
        return limits;
    }

    @Test
    void beamOfOneIsGreedyTokenForToken() {
        for (long seed = 1; seed <= 5; seed++) {
            Scorer decoder = new ModelScorer(new SearchDecoder(model(seed)));
            List<int[]> sources = sources(seed, 9);
            List<Hypothesis> greedy = GreedySearch.search(decoder, sources, limits(9, 12), 1.0);
            List<List<Hypothesis>> beam = BeamSearch.search(decoder, sources, 1, limits(9, 12), 1.0);
            for (int i = 0; i < sources.size(); i++) {
                assertArrayEquals(greedy.get(i).tokens(), beam.get(i).get(0).tokens(), "seed " + seed + " #" + i);
                assertEquals(greedy.get(i).score(), beam.get(i).get(0).score(), 1e-4);
            }
        }
    }

    @Test
    void bestBeamHypothesisNeverScoresBelowGreedy() {
        for (long seed = 1; seed <= 5; seed++) {
            Scorer decoder = new ModelScorer(new SearchDecoder(model(seed)));
            List<int[]> sources = sources(seed, 9);
            List<Hypothesis> greedy = GreedySearch.search(decoder, sources, limits(9, 12), 1.0);
            List<List<Hypothesis>> beam = BeamSearch.search(decoder, sources, 5, limits(9, 12), 1.0);
            for (int i = 0; i < sources.size(); i++) {
                assertTrue(beam.get(i).get(0).score() >= greedy.get(i).score() - 1e-5,
                        "seed " + seed + " #" + i + ": " + beam.get(i).get(0).score() + " < " + greedy.get(i).score());
            }
        }
    }

    @Test
    void nBestListsAreSortedDistinctAndCarryTheirOwnAttention() {
        Scorer decoder = new ModelScorer(new SearchDecoder(model(3)));
        List<int[]> sources = sources(3, 6);
        List<List<Hypothesis>> beam = BeamSearch.search(decoder, sources, 4, limits(6, 10), 1.0);
        for (int i = 0; i < sources.size(); i++) {
            List<Hypothesis> list = beam.get(i);
            assertEquals(4, list.size());
            Set<String> seen = new HashSet<>();
            for (int k = 0; k < list.size(); k++) {
                Hypothesis h = list.get(k);
                assertTrue(seen.add(Arrays.toString(h.tokens())), "duplicate hypothesis");
                if (k > 0) {
                    assertTrue(list.get(k - 1).score() >= h.score());
                }
                assertEquals(h.tokens().length + (h.ended() ? 1 : 0), h.attention().length);
                for (float[] row : h.attention()) {
                    assertEquals(sources.get(i).length + 1, row.length);
                    double sum = 0;
                    for (float w : row) {
                        sum += w;
                    }
                    assertEquals(1.0, sum, 1e-4);
                }
            }
        }
    }

    @Test
    void lengthLimitIsRespected() {
        Scorer decoder = new ModelScorer(new SearchDecoder(model(2)));
        List<int[]> sources = sources(2, 5);
        for (Hypothesis h : GreedySearch.search(decoder, sources, limits(5, 3), 1.0)) {
            assertTrue(h.tokens().length <= 3);
        }
        for (List<Hypothesis> list : BeamSearch.search(decoder, sources, 3, limits(5, 3), 1.0)) {
            for (Hypothesis h : list) {
                assertTrue(h.tokens().length <= 3);
            }
        }
    }
}
