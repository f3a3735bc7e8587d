package org.nmt4j.translate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nmt4j.io.UserError;
import org.nmt4j.config.ModelConfig;
import org.nmt4j.data.EncodedPair;
import org.nmt4j.data.TrainingPairs;
import org.nmt4j.model.NmtModel;
import org.nmt4j.model.search.SearchDecoder;
import org.nmt4j.text.Vocabulary;

class ShortlistTest {

    private static final int V = 14;

    @TempDir
    Path dir;

    private static EncodedPair pair(int[] source, int[] target) {
        return new EncodedPair(0, source, target);
    }

    private static Shortlist learned() {
        TrainingPairs pairs = TrainingPairs.of(List.of(
                pair(new int[] {4, 5}, new int[] {4, 6}),
                pair(new int[] {5}, new int[] {6, 7}),
                pair(new int[] {5, 4}, new int[] {6}),
                pair(new int[] {6}, new int[] {8, 7})));
        return Shortlist.learn(pairs, 8, 9, 1, 2, 100);
    }

    @Test
    void aSourcePieceKeepsItsMostFrequentPartnersOnly() {
        TrainingPairs pairs = TrainingPairs.of(List.of(
                pair(new int[] {5}, new int[] {6, 7}),
                pair(new int[] {5}, new int[] {6, 8}),
                pair(new int[] {5}, new int[] {6, 7})));
        // 6 with all three pairs, 7 with two, 8 with one: one candidate kept, 6
        assertArrayEquals(new int[] {0, 1, 2, 3, 6}, Shortlist.learn(pairs, 8, 9, 0, 1, 100)
                .tokensFor(new int[] {5}));
    }

    @Test
    void aSourcePieceProposesWhatItOccursWithAndEveryBatchScoresTheSpecialsAndTheFrequent() {
        Shortlist shortlist = learned();
        assertEquals(5, shortlist.alwaysCount()); // <pad> <unk> <s> </s> and the most frequent piece, 4
        // 5 occurs with 6 in three pairs, with 7 in one (cut: two candidates per source piece are kept, and 4 is
        // always there); 6 occurs once, with 7 and 8
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 6, 7}, shortlist.tokensFor(new int[] {5, 0, 0}));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 7, 8}, shortlist.tokensFor(new int[] {6}));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 6, 7, 8}, shortlist.tokensFor(new int[] {6, 5, 3}));
    }

    @Test
    void itIsWrittenAndReadBackAsTsvAndABadLineIsNamed() throws IOException {
        Vocabulary source = vocabulary(8);
        Vocabulary target = vocabulary(9);
        Path file = dir.resolve(Shortlist.FILE);
        learned().write(file, source, target);
        assertEquals("source\ttarget\tp_target_given_source", Files.readAllLines(file).get(0));
        assertTrue(Files.readAllLines(file).contains("s5\tt6\t1.00000"), Files.readString(file));
        Shortlist read = Shortlist.read(file, source, target);
        assertArrayEquals(learned().tokensFor(new int[] {6, 5}), read.tokensFor(new int[] {6, 5}));
        Files.writeString(file, "source\ttarget\tp_target_given_source\n\tt4\t\ns5\tt99\t0.5\n");
        UserError e = assertThrows(UserError.class, () -> Shortlist.read(file, source, target));
        assertEquals(file + ":3: target piece 't99' is not in the model's target vocabulary", e.getMessage());
    }

    @Test
    void withEveryTokenListedSearchIsUnchangedAndOtherwiseWritesOnlyListedTokens() {
        NmtModel model = NmtModel.create(new ModelConfig(6, 5, 7, 6, 5, "additive", 0, 0), V, V, DataType.FLOAT, 3);
        Scorer full = new ModelScorer(new SearchDecoder(model));
        int[] everything = new int[V];
        for (int t = 0; t < V; t++) {
            everything[t] = t;
        }
        Scorer listedAll = full.withShortlist(new Shortlist(new int[V][0], new float[V][0], everything, V));
        int n = org.nmt4j.compute.RowProducts.MAX_ROWS / 5 + 1;
        List<int[]> sources = SearchTest.sources(5, n);
        int[] limits = SearchTest.limits(n, 10);
        // beam 5 over n sentences is more rows than the Java products take: the BLAS path; greedy's n rows: Java's
        List<List<Hypothesis>> beam = BeamSearch.search(full, sources, 5, limits, 1.0);
        List<List<Hypothesis>> beamListed = BeamSearch.search(listedAll, sources, 5, limits, 1.0);
        List<Hypothesis> greedy = GreedySearch.search(full, sources, limits, 1.0);
        List<Hypothesis> greedyListed = GreedySearch.search(listedAll, sources, limits, 1.0);
        for (int i = 0; i < sources.size(); i++) {
            assertArrayEquals(beam.get(i).get(0).tokens(), beamListed.get(i).get(0).tokens());
            assertEquals(beam.get(i).get(0).score(), beamListed.get(i).get(0).score(), 1e-6);
            assertArrayEquals(greedy.get(i).tokens(), greedyListed.get(i).tokens());
        }
        Scorer few = full.withShortlist(new Shortlist(new int[V][0], new float[V][0], new int[] {0, 1, 2, 3, 7, 9},
                V));
        for (List<Hypothesis> hypotheses : BeamSearch.search(few, sources, 5, limits, 1.0)) {
            for (int token : hypotheses.get(0).tokens()) {
                assertTrue(token == 1 || token == 3 || token == 7 || token == 9, "token " + token);
            }
        }
        for (Hypothesis h : GreedySearch.search(few, sources, limits, 1.0)) {
            for (int token : h.tokens()) {
                assertTrue(token == 1 || token == 3 || token == 7 || token == 9, "token " + token);
            }
        }
    }

    private static Vocabulary vocabulary(int size) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int i = Vocabulary.SPECIALS.size(); i < size; i++) {
            counts.put((size == 8 ? "s" : "t") + i, (long) (100 - i));
        }
        return Vocabulary.build(counts, 1, 0);
    }
}
