package org.nmt4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.TinyModel;

class TranslateCommandTest {

    @TempDir
    Path dir;

    private final String model = TinyModel.folder().toString();

    @Test
    void fileInFileOutKeepsEveryLineWithAlignments() throws IOException {
        Path input = dir.resolve("in.de");
        Files.writeString(input, "Der Mann liest das Buch.\n\nDie Katze sieht den Ball.\n");
        Path output = dir.resolve("out.en");
        CommandRun run = CommandRun.of("translate", "--model", model, "--input", input.toString(), "--output",
                output.toString(), "--alignment", "hard", "--beam", "2");
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = Files.readAllLines(output);
        assertEquals(3, lines.size());
        assertEquals(org.nmt4j.AtomicFileTest.umaskPermissions(dir), Files.getPosixFilePermissions(output));
        assertEquals(" ||| ", lines.get(1));
        for (String line : List.of(lines.get(0), lines.get(2))) {
            String links = line.substring(line.indexOf(" ||| ") + 5);
            assertTrue(links.isEmpty() || links.matches("\\d+-\\d+( \\d+-\\d+)*"), line);
        }
    }

    @Test
    void aThreadCountBelowZeroIsAUsageError() {
        for (String command : new String[] {"translate", "align"}) {
            CommandRun run = command.equals("translate")
                    ? CommandRun.of("translate", "--model", model, "--threads", "-1", "Der Mann liest.")
                    : CommandRun.of("align", "--model", model, "--threads", "-1", "--src", "x", "--tgt", "y");
            assertEquals(2, run.exitCode(), command + ": " + run.err());
            assertTrue(run.err().contains("must be at least 1"), run.err());
        }
    }

    @Test
    void nBestIsMosesForm() {
        CommandRun run = CommandRun.of("translate", "--model", model, "--beam", "3", "--nbest", "3",
                "Der Hund findet den Ball.");
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertTrue(!lines.isEmpty() && lines.size() <= 3);
        for (String line : lines) {
            assertTrue(line.matches("0 \\|\\|\\| .* \\|\\|\\| -?\\d+\\.\\d{6}"), line);
        }
    }

    @Test
    void exportWritesEveryFormat() {
        Path export = dir.resolve("export");
        CommandRun run = CommandRun.of("translate", "--model", model, "--export", export.toString(),
                "Der Mann liest das Buch.", "Heute isst die Katze einen Apfel.");
        assertEquals(0, run.exitCode(), run.err());
        for (String file : List.of("alignments.csv", "index.html", "json/1.json", "json/2.json", "png/1.png",
                "svg/2.svg")) {
            assertTrue(Files.isRegularFile(export.resolve(file)), file);
        }
    }

    @Test
    void alignCommandAlignsGivenPairsAndAerScoresThem() throws IOException {
        Path src = dir.resolve("a.de");
        Path tgt = dir.resolve("a.en");
        Files.writeString(src, "Der Mann liest das Buch.\nDie Katze sieht den Ball.\n");
        Files.writeString(tgt, "The man reads the book.\nThe cat sees the ball.\n");
        Path links = dir.resolve("links.txt");
        CommandRun run = CommandRun.of("align", "--model", model, "--src", src.toString(), "--tgt", tgt.toString(),
                "--word-level", "-o", links.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = Files.readAllLines(links);
        assertEquals(2, lines.size());
        // word level: each of the 6 target words (5 words and the full stop) gets one link
        assertEquals(6, lines.get(0).split(" ").length, lines.get(0));
        CommandRun aer = CommandRun.of("evaluate-alignment", "--gold", links.toString(), "--test", links.toString());
        assertEquals(0, aer.exitCode(), aer.err());
        assertTrue(aer.out().startsWith("AER 0.0000 precision 1.0000 recall 1.0000"), aer.out());
    }

    @Test
    void userMistakesAreOneLineErrors() throws IOException {
        CommandRun missing = CommandRun.of("translate", "--model", dir.resolve("nope").toString(), "x");
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().matches("nmt4j: error: .*nope: no such model folder\\R"), missing.err());
        CommandRun badAlignment = CommandRun.of("translate", "--model", model, "--alignment", "strong", "x");
        assertEquals(1, badAlignment.exitCode());
        assertTrue(badAlignment.err().contains("--alignment: 'strong' is not hard, soft or a weight in (0, 1]"));
        Files.writeString(dir.resolve("one.de"), "a\nb\n");
        Files.writeString(dir.resolve("one.en"), "a\n");
        CommandRun mismatch = CommandRun.of("align", "--model", model, "--src", dir.resolve("one.de").toString(),
                "--tgt", dir.resolve("one.en").toString());
        assertEquals(1, mismatch.exitCode());
        assertTrue(mismatch.err().contains("has 2 lines but"), mismatch.err());
    }

    @Test
    void trainCommandReportsConfigErrorsInOneLine() throws IOException {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, "name: x\ndata: {train_source: a, trian_target: b}\n");
        CommandRun run = CommandRun.of("train", "--config", config.toString());
        assertEquals(1, run.exitCode());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains("unknown key 'data.trian_target' (did you mean 'data.train_target'?)"),
                run.err());
    }
}
