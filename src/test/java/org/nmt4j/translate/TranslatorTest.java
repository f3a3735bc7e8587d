package org.nmt4j.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nmt4j.TinyModel;
import org.nmt4j.io.UserError;

class TranslatorTest {

    private final Translator translator = Translator.load(TinyModel.folder());

    /**
     * With an alignment head, a translation's alignment is the head's forced alignment of it, in a batch (greedy and
     * beam) and in a running batch, not search's attention.
     */
    @Test
    void aModelWithAnAlignmentHeadAlignsItsTranslationsWithTheHead() {
        org.nmt4j.model.NmtModel model = org.nmt4j.model.NmtModel.create(new org.nmt4j.config.ModelConfig(8, 8, 16, 8,
                8, "additive", "gru", 0, 0, 1, 0, "state", true), translator.sourceVocabulary().size(),
                translator.targetVocabulary().size(), org.nd4j.linalg.api.buffer.DataType.FLOAT, 3);
        List<String> lines = List.of("Der Mann liest das Buch.", "Die Katze", "Heute isst die Katze einen Apfel.");
        for (int beam : new int[] {1, 3}) {
            Translator headed = new Translator(model, translator.sourceVocabulary(), translator.targetVocabulary(),
                    translator.sourcePreprocessor(), translator.targetPreprocessor(),
                    translator.decoding().withBeamSize(beam).withMaxLength(40, 1.5), false);
            List<Translation> translated = headed.translate(lines);
            List<Translation> unaligned = headed.withoutHeadAlignments().translate(lines);
            for (int i = 0; i < lines.size(); i++) { // the same translations, with search's attention
                assertEquals(translated.get(i).text(), unaligned.get(i).text());
                assertTrue(!java.util.Arrays.deepEquals(translated.get(i).attention(), unaligned.get(i).attention()));
            }
            for (int i = 0; i < lines.size(); i++) {
                Translation t = translated.get(i);
                int[] source = translator.sourceVocabulary().encode(t.sourcePieces().subList(0,
                        t.sourcePieces().size() - 1));
                List<String> target = t.targetPieces().get(t.targetPieces().size() - 1).equals("</s>")
                        ? t.targetPieces().subList(0, t.targetPieces().size() - 1) : t.targetPieces();
                float[][] forced = ForcedSteps.attention(headed.scorer(), List.of(source),
                        List.of(translator.targetVocabulary().encode(target)))[0];
                assertEquals(t.attention().length, Math.min(forced.length, t.targetPieces().size()));
                for (int row = 0; row < t.attention().length; row++) {
                    org.junit.jupiter.api.Assertions.assertArrayEquals(forced[row], t.attention()[row], 1e-6f,
                            "beam " + beam + ", line " + i + ", row " + row);
                }
                if (beam == 1) {
                    RunningBatch<Integer> running = headed.running();
                    running.add(List.of(headed.sourcePieces(lines.get(i))), List.of(i));
                    List<RunningBatch.Done<Integer>> done = new ArrayList<>();
                    while (running.size() > 0) {
                        done.addAll(running.step());
                    }
                    assertEquals(t.text(), done.get(0).translation().text());
                    for (int row = 0; row < t.attention().length; row++) {
                        org.junit.jupiter.api.Assertions.assertArrayEquals(t.attention()[row],
                                done.get(0).translation().attention()[row], 1e-6f, "running, line " + i);
                    }
                }
            }
        }
    }

    @Test
    void lineCountAndOrderArePreservedWithEmptyLinesMixedIn() {
        List<String> lines = List.of("Der Mann liest das Buch.", "", "Heute isst die Katze einen Apfel.", "   ",
                "Ich glaube, dass der Hund den Ball sucht.", "Die Frau hat das Auto gewaschen.");
        List<Translation> batched = translator.translate(lines);
        assertEquals(lines.size(), batched.size());
        assertEquals("", batched.get(1).text());
        assertEquals("", batched.get(3).text());
        for (int i = 0; i < lines.size(); i++) {
            // the same sentence alone gives the same translation: results are back in input order
            assertEquals(translator.translate(lines.get(i)).text(), batched.get(i).text(), "line " + i);
        }
    }

    @Test
    void batchesOnSeveralThreadsGiveTheSameTranslationsInTheSameOrder() {
        List<String> lines = new java.util.ArrayList<>();
        String[] sentences = {"Der Mann liest das Buch.", "Heute isst die Katze einen Apfel.", "",
            "Ich glaube, dass der Hund den Ball sucht.", "Die Frau hat das Auto gewaschen.", "Der Hund"};
        for (int i = 0; i < 40; i++) {
            lines.add(sentences[i % sentences.length]);
        }
        Translator small = translator.with(translator.decoding().withBatchSize(3).withBeamSize(3), false);
        List<Translation> one = small.translate(lines);
        List<Translation> three = small.withThreads(3).translate(lines);
        for (int i = 0; i < lines.size(); i++) {
            assertEquals(one.get(i).text(), three.get(i).text(), "line " + i);
            assertEquals(one.get(i).score(), three.get(i).score(), 0.0, "line " + i);
        }
    }

    @Test
    void batchesAreBoundedInSentencesAndInPaddedSourcePieces() {
        java.util.Random random = new java.util.Random(7);
        List<List<String>> pieces = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            // mostly short lines, a few long ones and a few empty ones, as a real input
            int length = i % 97 == 0 ? 0 : i % 31 == 0 ? 100 + random.nextInt(150) : 1 + random.nextInt(40);
            pieces.add(java.util.Collections.nCopies(i == 250 ? 700 : length, "w"));
        }
        org.nmt4j.config.DecodingConfig decoding = translator.decoding().withBatchSize(64).withBatchTokens(600);
        List<List<Integer>> batches = Translator.batches(pieces, decoding);
        boolean[] seen = new boolean[pieces.size()];
        int previous = 0;
        for (List<Integer> batch : batches) {
            int longest = 0;
            for (int i : batch) {
                assertTrue(!seen[i], "sentence " + i + " in two batches");
                seen[i] = true;
                int length = pieces.get(i).size();
                assertTrue(length >= previous, "batches go shortest first");
                previous = length;
                longest = Math.max(longest, length);
            }
            assertTrue(batch.size() <= 64);
            assertTrue(batch.size() == 1 || batch.size() * (longest + 1) <= 600,
                    batch.size() + " sentences of up to " + longest + " pieces");
        }
        for (int i = 0; i < pieces.size(); i++) {
            assertEquals(!pieces.get(i).isEmpty(), seen[i], "sentence " + i);
        }
        // a short sentence's batch is cut by sentences, a long one's by pieces, one over the bound goes alone
        assertEquals(64, batches.get(0).size());
        assertEquals(List.of(250), batches.get(batches.size() - 1));
        // 0 = sentences only
        assertTrue(Translator.batches(pieces, decoding.withBatchTokens(0)).stream().limit(7)
                .allMatch(b -> b.size() == 64));
        assertThrows(UserError.class, () -> decoding.withBatchTokens(-1));
    }

    @Test
    void aPiecesBoundGivesTheSameTranslations() {
        List<String> lines = new ArrayList<>();
        String[] sentences = {"Der Hund", "Der Mann liest das Buch.", "Ich glaube, dass der Hund den Ball sucht.",
            "Heute isst die Katze einen Apfel und der Mann liest das Buch, das die Frau gekauft hat."};
        for (int i = 0; i < 24; i++) {
            lines.add(sentences[(i * 7) % sentences.length]);
        }
        Translator bounded = translator.with(translator.decoding().withBatchTokens(40).withBeamSize(2), false);
        Translator unbounded = translator.with(translator.decoding().withBatchTokens(0).withBeamSize(2), false);
        List<Translation> a = bounded.translate(lines);
        List<Translation> b = unbounded.translate(lines);
        for (int i = 0; i < lines.size(); i++) {
            assertEquals(b.get(i).text(), a.get(i).text(), "line " + i);
            // other batch-mates change the last float digits of a product, not the search
            assertEquals(b.get(i).score(), a.get(i).score(), 1e-5, "line " + i);
        }
    }

    @Test
    void longAndUnseenInputIsTranslatedNotFatal() {
        String thousand = String.join(" ", java.util.Collections.nCopies(1000, "Hund"));
        int pieces = translator.sourcePreprocessor().pieces(thousand).size();
        assertTrue(pieces >= 1000);
        Translation whole = translator.with(translator.decoding().withOverrides(null, null, null, null, 5000, 0), false)
                .translate(thousand);
        assertEquals(pieces + 1, whole.sourcePieces().size());
        assertEquals(0, whole.cropped());
        // by default a line is read up to decoding.max_source_length pieces, and the rest counted as cropped
        Translation t = translator.translate(thousand);
        int limit = translator.decoding().maxSourceLength();
        assertEquals(250, limit);
        assertEquals(limit + 1, t.sourcePieces().size());
        assertEquals(pieces - limit, t.cropped());
        assertTrue(t.targetPieces().size() > 0);
        Translation unseen = translator.translate("Λευκός γάτος κοιμάται στο σπίτι.");
        assertTrue(unseen.targetPieces().size() > 0);
    }

    @Test
    void attentionRowsMatchThePiecesAndSumToOne() {
        Translation t = translator.with(translator.decoding().withBeamSize(3), false)
                .translate("Der Junge hat einundzwanzig Bücher gelesen.");
        assertEquals(t.targetPieces().size(), t.attention().length);
        for (float[] row : t.attention()) {
            assertEquals(t.sourcePieces().size(), row.length);
            double sum = 0;
            for (float w : row) {
                sum += w;
            }
            assertEquals(1.0, sum, 1e-4);
        }
    }

    @Test
    void nBestIsSortedAndBestIsTheOneBest() {
        Translator beam = translator.with(translator.decoding().withBeamSize(4), false);
        List<String> lines = List.of("Die Katze sieht den Ball.", "Morgen kauft der Koch ein Brot.");
        List<List<Translation>> nbest = beam.translateNBest(lines, 3);
        List<Translation> best = beam.translate(lines);
        for (int i = 0; i < lines.size(); i++) {
            assertTrue(nbest.get(i).size() <= 3 && !nbest.get(i).isEmpty());
            assertEquals(best.get(i).text(), nbest.get(i).get(0).text());
            List<Double> scores = new ArrayList<>(nbest.get(i).stream().map(Translation::score).toList());
            List<Double> sorted = new ArrayList<>(scores);
            sorted.sort(java.util.Comparator.reverseOrder());
            assertEquals(sorted, scores);
        }
    }

    @Test
    void missingModelFolderIsAOneLineError() {
        String message = assertThrows(UserError.class, () -> Translator.load(Path.of("models/no-such-model")))
                .getMessage();
        assertEquals("models/no-such-model: no such model folder", message);
    }
}
