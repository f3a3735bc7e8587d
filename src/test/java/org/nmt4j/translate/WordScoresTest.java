package org.nmt4j.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nmt4j.TinyModel;

class WordScoresTest {

    private final Translator translator = Translator.load(TinyModel.folder());

    /**
     * Greedy, beam and n-best, a running batch and an ensemble: each translation's piece scores, and its word scores,
     * sum to its log-probability (its score without length normalisation).
     */
    @Test
    void wordScoresSumToTheSentenceScore() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("data/test.de")).subList(0, 20);
        for (int beam : new int[] {1, 4}) {
            Translator t = translator.with(translator.decoding().withOverrides(beam, 0.0, null, null, null, 0), false);
            for (List<Translation> nBest : t.translateNBest(lines, beam)) {
                for (Translation translation : nBest) {
                    assertSums(translation);
                }
            }
        }
        Translator normalised = translator.with(translator.decoding().withOverrides(3, 1.0, null, null, null, 0), false);
        for (Translation translation : normalised.translate(lines)) {
            WordScores w = WordScores.of(translation);
            double sum = java.util.Arrays.stream(w.scores()).sum();
            assertEquals(translation.score(), sum / translation.targetPieces().size(), 1e-4);
        }
        Translator ensemble = Translator.ensemble(List.of(translator, translator), null)
                .with(translator.decoding().withOverrides(2, 0.0, null, null, null, 0), false);
        ensemble.translate(lines).forEach(WordScoresTest::assertSums);
        RunningBatch<Integer> running = translator.with(translator.decoding().withOverrides(1, 0.0, null, null, null, 0), false).running();
        running.add(lines.stream().map(translator::sourcePieces).toList(), java.util.stream.IntStream
                .range(0, lines.size()).boxed().toList());
        int done = 0;
        while (running.size() > 0) {
            for (RunningBatch.Done<Integer> d : running.step()) {
                assertSums(d.translation());
                done++;
            }
        }
        assertEquals(lines.size(), done);
    }

    @Test
    void wordsArePiecesMergedAsTheTokenizedTranslationHasThem() {
        Translation t = new Translation("Die Hundehütte.", -1, List.of("x", "</s>"),
                List.of("Die", "Hunde@@", "hütte", "\uFFED.", "</s>"), new float[5][2], 0,
                new float[] {-0.5f, -1f, -0.25f, -0.125f, -0.0625f});
        WordScores w = WordScores.of(t);
        assertEquals(List.of("Die", "Hundehütte", ".", "</s>"), w.words());
        assertEquals(-1.25, w.scores()[1], 1e-6);
        assertEquals(Math.exp(-0.5), w.confidence(0), 1e-6);
        assertEquals("WordScores= -0.50000 -1.25000 -0.12500 -0.06250", w.marian());
    }

    private static void assertSums(Translation t) {
        WordScores w = WordScores.of(t);
        double pieces = 0;
        for (float s : t.pieceScores()) {
            pieces += s;
            assertTrue(s <= 0, "a log-probability");
        }
        assertEquals(t.targetPieces().size(), t.pieceScores().length);
        assertEquals(t.score(), pieces, 1e-4, t.text());
        assertEquals(t.score(), java.util.Arrays.stream(w.scores()).sum(), 1e-4, t.text());
    }
}
