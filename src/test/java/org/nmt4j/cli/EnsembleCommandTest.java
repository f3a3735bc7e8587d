package org.nmt4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.TinyModel;
import org.nmt4j.TrainedModel;
import org.nmt4j.align.AlignmentMatrix;
import org.nmt4j.align.ForcedAligner;
import org.nmt4j.translate.Translator;

/** translate and align with --model given several times. */
class EnsembleCommandTest {

    @TempDir
    Path dir;

    private static final String SENTENCES = "Der Mann liest das Buch.\n\nDie Katze sieht den Ball.\nHeute isst die Katze "
            + "einen Apfel.\n";

    private CommandRun translate(Path input, String out, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("translate", "-i", input.toString(), "-o",
                dir.resolve(out).toString()));
        all.addAll(List.of(args));
        return CommandRun.of(all.toArray(String[]::new));
    }

    @Test
    void anEnsembleOfAModelWithItselfTranslatesAsTheModelAlone() throws IOException {
        Path input = Files.writeString(dir.resolve("in.de"), SENTENCES);
        String model = TinyModel.folder().toString();
        for (String beam : List.of("1", "3")) {
            CommandRun alone = translate(input, "alone" + beam, "-m", model, "--beam", beam, "--nbest", beam,
                    "--alignment", "soft");
            CommandRun twice = translate(input, "twice" + beam, "-m", model, "-m", model, "--beam", beam, "--nbest",
                    beam, "--alignment", "soft");
            assertEquals(0, alone.exitCode(), alone.err());
            assertEquals(0, twice.exitCode(), twice.err());
            assertEquals(Files.readAllLines(dir.resolve("alone" + beam)), Files.readAllLines(dir.resolve("twice" + beam)));
        }
    }

    @Test
    void anEnsembleAlignsWithTheMeanOfItsMembersAttention() {
        Path other = TrainedModel.train("configs/tiny.yaml", "tiny-seed8", "training.max_steps=30",
                "validation.every_steps=0", "training.seed=8");
        Translator first = Translator.load(TinyModel.folder());
        Translator second = Translator.load(other);
        Translator ensemble = Translator.load(List.of(TinyModel.folder(), other), null);
        List<String> sources = List.of("Der Mann liest das Buch.", "Heute isst die Katze einen Apfel.");
        List<String> targets = List.of("The man reads the book.", "Today the cat eats an apple.");
        List<AlignmentMatrix> a = new ForcedAligner(first, 2).align(sources, targets);
        List<AlignmentMatrix> b = new ForcedAligner(second, 2).align(sources, targets);
        List<AlignmentMatrix> mean = new ForcedAligner(ensemble, 2).align(sources, targets);
        for (int i = 0; i < sources.size(); i++) {
            float[][] wa = a.get(i).weights();
            float[][] wb = b.get(i).weights();
            float[][] expected = new float[wa.length][];
            for (int t = 0; t < wa.length; t++) {
                expected[t] = new float[wa[t].length];
                for (int j = 0; j < wa[t].length; j++) {
                    expected[t][j] = 0.5f * wa[t][j] + 0.5f * wb[t][j];
                }
            }
            assertArrayEquals(expected, mean.get(i).weights());
            assertNotEquals(java.util.Arrays.deepToString(wa), java.util.Arrays.deepToString(wb));
        }
        // and translating with both members gives an output of its own, one line per input line
        assertEquals(2, ensemble.translate(sources).size());
    }

    @Test
    void modelsWithOtherVocabulariesOrAWrongWeightCountAreOneLineErrors() throws IOException {
        Path input = Files.writeString(dir.resolve("in.de"), SENTENCES);
        Path otherBpe = TrainedModel.train("configs/tiny.yaml", "tiny-bpe60", "training.max_steps=2",
                "validation.every_steps=0", "preprocessing.bpe_merges=60");
        String model = TinyModel.folder().toString();
        CommandRun run = translate(input, "x", "-m", model, "-m", otherBpe.toString());
        assertEquals(1, run.exitCode());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().contains(otherBpe + ": its source vocabulary differs from " + model + "'s; the models "
                + "of an ensemble share vocabularies, preprocessing and BPE codes"), run.err());
        CommandRun weights = translate(input, "y", "-m", model, "-m", model, "--weights", "1");
        assertEquals(1, weights.exitCode());
        assertEquals("nmt4j: error: --weights gives 1 weights for 2 --model folders", weights.err().strip());
        CommandRun bench = CommandRun.of("bench", "translate", "-m", model, "-m", model);
        assertEquals(1, bench.exitCode(), bench.err());
        assertTrue(bench.err().contains("bench translate takes one --model, not 2"), bench.err());
    }
}
