package org.nmt4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.io.UserError;
import org.nmt4j.align.AlignmentMatrix;
import org.nmt4j.align.ForcedAligner;
import org.nmt4j.align.Links;
import org.nmt4j.align.WordLevel;
import org.nmt4j.config.ExperimentConfig;
import org.nmt4j.data.GuideFile;
import org.nmt4j.translate.Translator;

/** Guided alignment end to end: links from a file or the built-in aligner, mapped onto pieces, pulling attention. */
class GuidedTrainingTest {

    @TempDir
    Path dir;

    private List<String> gold;

    /**
     * A pre-tokenized corpus whose links are known: each source word has one translation, 4 to 8 words, and a word
     * below 10 (an adjective, say) trades places with the word after it when that one is not; long words, so that BPE
     * splits some of them.
     */
    private void writeCorpus(int pairs) throws IOException {
        Random random = new Random(5);
        List<String> source = new ArrayList<>();
        List<String> target = new ArrayList<>();
        gold = new ArrayList<>();
        for (int p = 0; p < pairs; p++) {
            int n = 4 + random.nextInt(5);
            int[] words = new int[n];
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                words[i] = random.nextInt(40);
                order[i] = i;
            }
            for (int i = 0; i + 1 < n; i++) {
                if (words[i] < 10 && words[i + 1] >= 10) {
                    order[i] = i + 1;
                    order[i + 1] = i;
                    i++;
                }
            }
            StringBuilder s = new StringBuilder();
            StringBuilder t = new StringBuilder();
            StringBuilder g = new StringBuilder();
            for (int i = 0; i < n; i++) {
                s.append(i > 0 ? " " : "").append("quelle").append(words[i]);
                t.append(i > 0 ? " " : "").append("ziel").append(words[order[i]] * 7 % 40);
                g.append(i > 0 ? " " : "").append(order[i]).append('-').append(i);
            }
            source.add(s.toString());
            target.add(t.toString());
            gold.add(g.toString());
        }
        Files.write(dir.resolve("train.src"), source);
        Files.write(dir.resolve("train.tgt"), target);
        Files.write(dir.resolve("gold.links"), gold);
    }

    private ExperimentConfig config(String folder, String... overrides) throws IOException {
        Path yaml = Files.writeString(dir.resolve(folder + ".yaml"), """
                name: guided
                data: {train_source: %s, train_target: %s}
                preprocessing: {tokenizer: space, bpe_merges: 30}
                vocabulary: {min_frequency: 1}
                model: {embedding_size: 16, encoder_size: 16, decoder_size: 24, attention_size: 16, output_size: 16,
                        dropout: 0.0}
                training: {seed: 3, batch_size: 32, max_steps: 12, log_every: 1, learning_rate: 0.01, threads: 1}
                """.formatted(dir.resolve("train.src"), dir.resolve("train.tgt")));
        List<String> all = new ArrayList<>(List.of(overrides));
        all.add("folder=" + dir.resolve(folder));
        return ExperimentConfig.load(yaml, all);
    }

    private static RecordingMonitor train(ExperimentConfig config, long stopAt) throws IOException {
        return RecordingMonitor.train(config, stopAt);
    }

    @Test
    void everyWordLinkBecomesTheLinksOfItsPieces() throws IOException {
        writeCorpus(200);
        ExperimentConfig config = config("mapped", "training.guided_alignment.links=" + dir.resolve("gold.links"));
        RecordingMonitor monitor = new RecordingMonitor();
        TrainingData data = new Trainer(config, monitor, monitor.stop).prepare();
        assertTrue(Files.isRegularFile(dir.resolve("mapped").resolve(GuideFile.NAME)));
        int split = 0;
        for (int pair = 0; pair < data.train().size(); pair++) {
            int[] sourceWord = wordOfPiece(data.sourceVocabulary(), data.train().source(pair));
            int[] targetWord = wordOfPiece(data.targetVocabulary(), data.train().target(pair));
            Set<String> expected = new HashSet<>();
            for (String link : gold.get(pair).split(" ")) {
                int s = Integer.parseInt(link.split("-")[0]);
                int t = Integer.parseInt(link.split("-")[1]);
                for (int p = 0; p < sourceWord.length; p++) {
                    for (int q = 0; q < targetWord.length; q++) {
                        if (sourceWord[p] == s && targetWord[q] == t) {
                            expected.add(p + "-" + q);
                        }
                    }
                }
            }
            int[] links = data.train().links(pair);
            Set<String> actual = new HashSet<>();
            for (int k = 0; k < links.length; k += 2) {
                actual.add(links[k] + "-" + links[k + 1]);
            }
            assertEquals(expected, actual, "pair " + pair);
            split += sourceWord.length > gold.get(pair).split(" ").length ? 1 : 0;
        }
        assertTrue(split > 50, "BPE split too few words for the test to mean much: " + split);
    }

    // the word each piece belongs to: pieces ending in @@ continue their word
    private static int[] wordOfPiece(org.nmt4j.text.Vocabulary vocabulary, int[] ids) {
        int[] word = new int[ids.length];
        int w = 0;
        for (int i = 0; i < ids.length; i++) {
            word[i] = w;
            if (!vocabulary.token(ids[i]).endsWith("@@")) {
                w++;
            }
        }
        return word;
    }

    @Test
    void resumingAGuidedTrainingReproducesTheUninterruptedLossesWithoutAligningAgain() throws IOException {
        writeCorpus(300);
        String[] guided = {"training.guided_alignment.links=auto", "training.guided_alignment.weight=1",
            "training.guided_alignment.decay=0.99"};
        RecordingMonitor straight = train(config("straight", guided), -1);
        assertTrue(Files.isRegularFile(dir.resolve("straight").resolve(GuideLinks.AUTO_FILE)));
        RecordingMonitor first = train(config("resumed", guided), 5);
        RecordingMonitor second = train(config("resumed", guided), -1);
        assertTrue(second.messages.stream().anyMatch(m -> m.contains("prepared before")), second.messages::toString);
        assertFalse(second.messages.stream().anyMatch(m -> m.contains("built-in aligner")), "aligned again");
        List<Double> resumed = new ArrayList<>(first.losses);
        resumed.addAll(second.losses);
        assertArrayEquals(straight.losses.stream().mapToDouble(Double::doubleValue).toArray(),
                resumed.stream().mapToDouble(Double::doubleValue).toArray());
        RecordingMonitor plain = train(config("plain"), -1);
        assertFalse(java.util.Arrays.equals(plain.losses.stream().mapToDouble(Double::doubleValue).toArray(),
                straight.losses.stream().mapToDouble(Double::doubleValue).toArray()), "guidance changed nothing");
    }

    /**
     * On data/ (German-English, gold links over CoreNLP's tokens): the same small model and steps, with and without
     * the built-in aligner's links guiding it, aligning the held-out test pairs.
     */
    @Test
    void guidedAttentionAlignsHeldOutPairsFarBetterAfterTheSameSteps() throws IOException {
        String[] small = {"training.max_steps=150", "validation.every_steps=0", "training.threads=2",
            "model.embedding_size=32", "model.encoder_size=32", "model.decoder_size=48", "model.attention_size=32",
            "model.output_size=32", "training.learning_rate=0.005", "training.batch_size=48"};
        List<String> plain = new ArrayList<>(List.of(small));
        plain.add("folder=" + dir.resolve("plain"));
        List<String> guided = new ArrayList<>(plain);
        guided.set(guided.size() - 1, "folder=" + dir.resolve("guided"));
        guided.add("training.guided_alignment.links=auto");
        train(ExperimentConfig.load(Path.of("configs/tiny.yaml"), plain), -1);
        train(ExperimentConfig.load(Path.of("configs/tiny.yaml"), guided), -1);
        double without = errorRate(dir.resolve("plain"));
        double with = errorRate(dir.resolve("guided"));
        assertTrue(with < 0.75 * without, "AER with guidance " + with + ", without " + without);
    }

    // AER of the model's word-level forced alignment of data/test.* against data/test.gold
    private static double errorRate(Path folder) throws IOException {
        Translator translator = Translator.load(folder);
        List<AlignmentMatrix> aligned = new ForcedAligner(translator, 64).align(
                Files.readAllLines(Path.of("data/test.de")), Files.readAllLines(Path.of("data/test.en")));
        List<String> lines = new ArrayList<>();
        for (AlignmentMatrix m : aligned) {
            lines.add(Links.pharaoh(Links.argmax(WordLevel.merge(m), false)));
        }
        Path links = Files.write(folder.resolve("test.links"), lines);
        return org.nmt4j.align.AlignmentErrorRate.of(Path.of("data/test.gold"), links).aer();
    }

    @Test
    void aBrokenLinksFileIsAOneLineErrorNamingItsLine() throws IOException {
        writeCorpus(50);
        Path links = dir.resolve("bad.links");
        List<String> lines = new ArrayList<>(gold);
        lines.set(6, "0-0 1-x");
        Files.write(links, lines);
        UserError malformed = assertThrows(UserError.class, () -> train(config("a",
                "training.guided_alignment.links=" + links), -1));
        assertEquals(links + ":7: '1-x' is not a link (i-j, source first)", malformed.getMessage());
        lines.set(6, "0-0 40-1");
        Files.write(links, lines);
        UserError outside = assertThrows(UserError.class, () -> train(config("b",
                "training.guided_alignment.links=" + links), -1));
        assertTrue(outside.getMessage().startsWith(links + ":7: link 40-1 is outside the pair ("),
                outside.getMessage());
        Files.write(links, gold.subList(0, 49));
        UserError shorter = assertThrows(UserError.class, () -> train(config("c",
                "training.guided_alignment.links=" + links), -1));
        assertTrue(shorter.getMessage().contains("fewer than the training corpus's pairs"), shorter.getMessage());
        UserError missing = assertThrows(UserError.class, () -> train(config("d",
                "training.guided_alignment.links=" + dir.resolve("none.links")), -1));
        assertTrue(missing.getMessage().contains("no such file"), missing.getMessage());
    }
}
