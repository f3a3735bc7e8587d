package org.nmt4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.TinyModel;
import org.nmt4j.TinyReverseModel;

/** {@code align --reverse-model}: two directions' attention links combined as statistical aligners combine theirs. */
class ReverseModelAlignTest {

    @TempDir
    Path dir;

    private static Path reverse() {
        return TinyReverseModel.folder();
    }

    private List<Set<String>> links(String... args) throws IOException {
        Path out = dir.resolve("links-" + Math.abs(String.join(" ", args).hashCode()) + ".txt");
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--word-level", "-o", out.toString()));
        CommandRun run = CommandRun.of(all.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        return Files.readAllLines(out).stream().map(l -> l.isBlank() ? Set.<String>of()
                : new HashSet<>(List.of(l.split(" ")))).toList();
    }

    // the first 40 lines of a file, copied into the test's folder
    private String firstLines(String file, String name) throws IOException {
        Path copy = dir.resolve(name);
        Files.write(copy, Files.readAllLines(Path.of(file)).subList(0, 40));
        return copy.toString();
    }

    @Test
    void intersectionAndUnionAreThoseOfTheTwoModelsOwnLinks() throws IOException {
        String src = firstLines("data/test.de", "src.de");
        String tgt = firstLines("data/test.en", "tgt.en");
        String forward = TinyModel.folder().toString();
        List<Set<String>> f = links("align", "-m", forward, "--src", src, "--tgt", tgt);
        List<Set<String>> r = links("align", "-m", reverse().toString(), "--src", tgt, "--tgt", src);
        List<Set<String>> intersection = links("align", "-m", forward, "--reverse-model", reverse().toString(),
                "--src", src, "--tgt", tgt, "--symmetrize", "intersection");
        List<Set<String>> union = links("align", "-m", forward, "--reverse-model", reverse().toString(),
                "--src", src, "--tgt", tgt, "--symmetrize", "union");
        List<Set<String>> gdfa = links("align", "-m", forward, "--reverse-model", reverse().toString(),
                "--src", src, "--tgt", tgt, "--symmetrize", "grow-diag-final-and");
        int nonEmpty = 0;
        for (int k = 0; k < f.size(); k++) {
            Set<String> swapped = new HashSet<>();
            for (String link : r.get(k)) {
                String[] st = link.split("-");
                swapped.add(st[1] + "-" + st[0]);
            }
            Set<String> both = new HashSet<>(f.get(k));
            both.retainAll(swapped);
            Set<String> either = new HashSet<>(f.get(k));
            either.addAll(swapped);
            assertEquals(both, intersection.get(k), "pair " + k);
            assertEquals(either, union.get(k), "pair " + k);
            assertTrue(either.containsAll(gdfa.get(k)) && gdfa.get(k).containsAll(both), "pair " + k);
            nonEmpty += both.isEmpty() ? 0 : 1;
        }
        assertTrue(nonEmpty > 20, "the two models agree on too few pairs for the test to mean much: " + nonEmpty);
    }

    @Test
    void translationsGetTheCombinedLinksAndTheForwardHeuristicIsTheModelsOwn() throws IOException {
        Files.write(dir.resolve("in.de"), Files.readAllLines(Path.of("data/test.de")).subList(0, 20));
        String in = dir.resolve("in.de").toString();
        String forward = TinyModel.folder().toString();
        CommandRun plain = CommandRun.of("translate", "-m", forward, "-i", in, "--alignment", "hard", "--word-level");
        CommandRun own = CommandRun.of("translate", "-m", forward, "-i", in, "--alignment", "hard", "--word-level",
                "--reverse-model", reverse().toString(), "--symmetrize", "forward");
        CommandRun both = CommandRun.of("translate", "-m", forward, "-i", in, "--alignment", "hard", "--word-level",
                "--reverse-model", reverse().toString(), "--symmetrize", "intersection", "--beam", "2", "--nbest", "2");
        assertEquals(0, own.exitCode(), own.err());
        assertEquals(plain.out(), own.out());
        assertEquals(0, both.exitCode(), both.err());
        CommandRun nbest = CommandRun.of("translate", "-m", forward, "-i", in, "--beam", "2", "--nbest", "2");
        assertEquals(nbest.out().lines().toList(), both.out().lines().map(l -> l.substring(0, l.lastIndexOf(" ||| ")))
                .toList()); // the same n-best lists, each with its links
        CommandRun noAlignment = CommandRun.of("translate", "-m", forward, "-i", in, "--word-level",
                "--reverse-model", reverse().toString());
        assertEquals(1, noAlignment.exitCode());
        assertTrue(noAlignment.err().contains("give --alignment or --export"), noAlignment.err());
    }

    @Test
    void aLinkThresholdKeepsTheLinksWhoseWeightReachesIt() throws IOException {
        String src = firstLines("data/test.de", "src.de");
        String tgt = firstLines("data/test.en", "tgt.en");
        String forward = TinyModel.folder().toString();
        double threshold = 0.4;
        List<Set<String>> all = links("align", "-m", forward, "--src", src, "--tgt", tgt);
        List<Set<String>> kept = links("align", "-m", forward, "--reverse-model", reverse().toString(),
                "--src", src, "--tgt", tgt, "--symmetrize", "forward", "--link-threshold", String.valueOf(threshold));
        Path soft = dir.resolve("soft.txt");
        CommandRun run = CommandRun.of("align", "-m", forward, "--src", src, "--tgt", tgt, "--word-level",
                "--alignment", "soft", "-o", soft.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<String> matrices = Files.readAllLines(soft);
        int dropped = 0;
        for (int k = 0; k < all.size(); k++) {
            String[] rows = matrices.get(k).split(" ");
            Set<String> expected = new HashSet<>();
            for (String link : all.get(k)) {
                String[] st = link.split("-");
                double weight = Double.parseDouble(rows[Integer.parseInt(st[1])].split(",")[Integer.parseInt(st[0])]);
                if (weight >= threshold) {
                    expected.add(link);
                }
            }
            dropped += all.get(k).size() - expected.size();
            assertEquals(expected, kept.get(k), "pair " + k);
        }
        assertTrue(dropped > 10, "the threshold dropped too few links for the test to mean much: " + dropped);
        CommandRun outside = CommandRun.of("align", "-m", forward, "--reverse-model", reverse().toString(),
                "--src", src, "--tgt", tgt, "--word-level", "--link-threshold", "1.5");
        assertEquals(1, outside.exitCode());
        assertTrue(outside.err().contains("the link threshold must be between 0 and 1, not 1.5"), outside.err());
    }

    @Test
    void twoModelsNeedWordLevelAndAKnownHeuristic() {
        CommandRun pieces = CommandRun.of("align", "-m", TinyModel.folder().toString(), "--reverse-model",
                reverse().toString(), "--src", "data/test.de", "--tgt", "data/test.en");
        assertEquals(1, pieces.exitCode());
        assertTrue(pieces.err().contains("add --word-level"), pieces.err());
        CommandRun unknown = CommandRun.of("align", "-m", TinyModel.folder().toString(), "--reverse-model",
                reverse().toString(), "--src", "data/test.de", "--tgt", "data/test.en", "--word-level",
                "--symmetrize", "gdfa");
        assertEquals(1, unknown.exitCode());
        assertTrue(unknown.err().contains("unknown symmetrization 'gdfa'"), unknown.err());
    }
}
