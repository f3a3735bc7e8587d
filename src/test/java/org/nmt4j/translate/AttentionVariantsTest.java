package org.nmt4j.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nmt4j.TrainedModel;
import org.nmt4j.align.AlignmentMatrix;
import org.nmt4j.align.ForcedAligner;
import org.nmt4j.config.ModelConfig;

/**
 * A model with every new variant at once (LSTM cells, two attention heads, a window of 2) trains from a config,
 * saves and loads, translates with beam search and aligns: each attention row weighs at most 2W + 1 source pieces,
 * a stretch of neighbours, and sums to at most 1 (the window's Gaussian is not renormalised).
 */
class AttentionVariantsTest {

    @Test
    void anLstmWithTwoHeadsInAWindowTrainsTranslatesAndAligns() throws Exception {
        Path folder = TrainedModel.train("configs/tiny.yaml", "tiny-variants", "training.max_steps=20",
                "validation.every_steps=0", "model.cell=lstm", "model.attention_heads=2",
                "model.attention_window=2");
        String yaml = Files.readString(folder.resolve("model.yaml"));
        assertTrue(yaml.contains("cell: lstm") && yaml.contains("attention_heads: 2")
                && yaml.contains("attention_window: 2"), yaml);
        Translator translator = Translator.load(folder);
        ModelConfig config = translator.model().config();
        assertEquals(2, config.attentionHeads());
        List<String> sources = List.of("Der Hund hat den Ball gefunden .", "Die Lehrerin hat das Buch gelesen .");
        List<Translation> translations = translator.translate(sources);
        for (Translation t : translations) {
            assertFalse(t.targetPieces().isEmpty());
            checkRows(t.attention(), t.sourcePieces().size());
        }
        List<AlignmentMatrix> aligned = new ForcedAligner(translator, 8).align(sources,
                List.of("The dog has found the ball .", "The teacher has read the book ."));
        for (AlignmentMatrix m : aligned) {
            assertEquals(m.targetTokens().size(), m.weights().length);
            checkRows(m.weights(), m.sourceTokens().size());
        }
    }

    private static void checkRows(float[][] rows, int sourceLength) {
        for (float[] row : rows) {
            assertEquals(sourceLength, row.length);
            int first = -1;
            int last = -1;
            double sum = 0;
            for (int j = 0; j < row.length; j++) {
                if (row[j] > 0) {
                    first = first < 0 ? j : first;
                    last = j;
                }
                sum += row[j];
            }
            assertTrue(first >= 0 && last - first <= 4, "a window of 2 weighs at most 5 neighbours");
            for (int j = first; j <= last; j++) {
                assertTrue(row[j] > 0, "the window is a stretch");
            }
            assertTrue(sum > 0.1 && sum <= 1 + 1e-5, "sum " + sum);
        }
    }
}
