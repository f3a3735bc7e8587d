package org.nmt4j.align.lexical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.io.UserError;

class LexicalAlignerTest {

    @TempDir
    Path dir;

    /**
     * A corpus whose true links are known: each source word has one translation, sentences of 3 to 9 words, and
     * with probability 0.4 two neighbouring words trade places in the translation.
     */
    private List<String> writeCorpus(int pairs, long seed) throws IOException {
        Random random = new Random(seed);
        List<String> source = new ArrayList<>();
        List<String> target = new ArrayList<>();
        List<String> gold = new ArrayList<>();
        for (int p = 0; p < pairs; p++) {
            int n = 3 + random.nextInt(7);
            int[] words = new int[n];
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                words[i] = random.nextInt(60);
                order[i] = i;
            }
            if (random.nextDouble() < 0.4) {
                int i = random.nextInt(n - 1);
                order[i] = i + 1;
                order[i + 1] = i;
            }
            StringBuilder s = new StringBuilder();
            StringBuilder t = new StringBuilder();
            StringBuilder g = new StringBuilder();
            for (int i = 0; i < n; i++) {
                s.append(i > 0 ? " " : "").append("s").append(words[i]);
                t.append(i > 0 ? " " : "").append("t").append(words[order[i]]);
                g.append(i > 0 ? " " : "").append(order[i]).append('-').append(i);
            }
            source.add(s.toString());
            target.add(t.toString());
            gold.add(g.toString());
        }
        Files.write(dir.resolve("src.txt"), source);
        Files.write(dir.resolve("tgt.txt"), target);
        return gold;
    }

    private Map<Symmetrization, Path> allOutputs() {
        Map<Symmetrization, Path> outputs = new EnumMap<>(Symmetrization.class);
        for (Symmetrization s : Symmetrization.values()) {
            outputs.put(s, dir.resolve(s.label() + ".links"));
        }
        return outputs;
    }

    private static double errorRate(List<String> gold, List<String> test) {
        int both = 0;
        int total = 0;
        for (int k = 0; k < gold.size(); k++) {
            Set<String> g = new HashSet<>(List.of(gold.get(k).split(" ")));
            Set<String> t = test.get(k).isEmpty() ? Set.of() : new HashSet<>(List.of(test.get(k).split(" ")));
            total += g.size() + t.size();
            for (String link : t) {
                both += g.contains(link) ? 1 : 0;
            }
        }
        return 1 - 2.0 * both / total; // AER with sure links only
    }

    static Stream<LexicalAligner.Recipe> recipes() {
        return Stream.of(LexicalAligner.Recipe.diagonal(DiagonalModel.Settings.fastAlign()),
                LexicalAligner.Recipe.standard(), new LexicalAligner.Recipe(DiagonalModel.Settings.fastAlign(),
                        new HiddenMarkovModel.Settings(5, 0.2, 8, false, 0.5, 0)));
    }

    @ParameterizedTest
    @MethodSource("recipes")
    void recoversTheLinksOfATranslatedCorpusInBothDirectionsAndSymmetrized(LexicalAligner.Recipe recipe)
            throws IOException {
        List<String> gold = writeCorpus(3000, 7);
        List<String> messages = new ArrayList<>();
        LexicalAligner.align(dir.resolve("src.txt"), dir.resolve("tgt.txt"), recipe, 2, allOutputs(), dir,
                messages::add);
        for (Symmetrization s : Symmetrization.values()) {
            List<String> links = Files.readAllLines(dir.resolve(s.label() + ".links"));
            assertEquals(gold.size(), links.size(), s.label());
            double aer = errorRate(gold, links);
            assertTrue(aer < 0.03, s.label() + ": AER " + aer);
        }
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("source→target iteration 5/5")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("target→source iteration 5/5")), messages.toString());
        if (recipe.hmm() != null) {
            assertTrue(messages.stream().anyMatch(m -> m.startsWith("HMM iteration 5/5")), messages.toString());
        }
    }

    @ParameterizedTest
    @MethodSource("recipes")
    void theSameCorpusGivesTheSameLinksOnOneThreadOrTwo(LexicalAligner.Recipe recipe) throws IOException {
        writeCorpus(500, 3);
        Path one = dir.resolve("one.links");
        Path two = dir.resolve("two.links");
        LexicalAligner.align(dir.resolve("src.txt"), dir.resolve("tgt.txt"), recipe, 1,
                Map.of(Symmetrization.GROW_DIAG_FINAL_AND, one), dir, m -> { });
        LexicalAligner.align(dir.resolve("src.txt"), dir.resolve("tgt.txt"), recipe, 2,
                Map.of(Symmetrization.GROW_DIAG_FINAL_AND, two), dir, m -> { });
        assertEquals(Files.readAllLines(one), Files.readAllLines(two));
    }

    @ParameterizedTest
    @MethodSource("recipes")
    void anEmptySideGivesAnEmptyLineAndEveryOtherPairIsAligned(LexicalAligner.Recipe recipe) throws IOException {
        Files.write(dir.resolve("src.txt"), List.of("a b", "", "b a c", "c"));
        Files.write(dir.resolve("tgt.txt"), List.of("x y", "x", "", "z"));
        Path out = dir.resolve("out.links");
        LexicalAligner.align(dir.resolve("src.txt"), dir.resolve("tgt.txt"), recipe, 2,
                Map.of(Symmetrization.INTERSECTION, out), dir, m -> { });
        List<String> lines = Files.readAllLines(out);
        assertEquals(4, lines.size());
        assertEquals("", lines.get(1));
        assertEquals("", lines.get(2));
        assertEquals("0-0", lines.get(3));
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("lexalign-")), "scratch left");
        }
    }

    @Test
    void filesOfDifferentLengthsAreAUserErrorAndNoOutputIsWritten() throws IOException {
        Files.write(dir.resolve("src.txt"), List.of("a b", "c"));
        Files.write(dir.resolve("tgt.txt"), List.of("x y"));
        Path out = dir.resolve("out.links");
        UserError e = assertThrows(UserError.class, () -> LexicalAligner.align(dir.resolve("src.txt"),
                dir.resolve("tgt.txt"), LexicalAligner.Recipe.diagonal(DiagonalModel.Settings.fastAlign()), 1,
                Map.of(Symmetrization.INTERSECTION, out), dir, m -> { }));
        assertTrue(e.getMessage().contains("tgt.txt has 1 lines"), e.getMessage());
        assertTrue(Files.notExists(out));
    }

    @Test
    void digammaMatchesKnownValues() {
        assertEquals(-0.5772156649015329, LexicalTable.digamma(1), 1e-10);
        assertEquals(-1.9635100260214235, LexicalTable.digamma(0.5), 1e-10);
        assertEquals(Math.log(100) - 1 / 200.0 - 1 / (12 * 1e4), LexicalTable.digamma(100), 1e-9);
    }
}
