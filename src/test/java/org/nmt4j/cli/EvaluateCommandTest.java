package org.nmt4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {

    @TempDir
    Path dir;

    @Test
    void printsSacrebleuLinesForEachMetricReadingGzip() throws IOException {
        Path hyp = Files.writeString(dir.resolve("hyp.en"), "The cat sat on the mat.\nA dog runs.\n");
        Path ref = dir.resolve("ref.en.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(ref))) {
            out.write("The cat sat on the mat.\nA dog runs.\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        CommandRun run = CommandRun.of("evaluate", "--hyp", hyp.toString(), "--ref", ref.toString(), "-m",
                "bleu,chrf,chrf++");
        assertEquals(0, run.exitCode(), run.err());
        String[] lines = run.out().split("\n");
        assertEquals(3, lines.length);
        assertTrue(lines[0].startsWith("BLEU|nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0 = 100.00 "));
        assertEquals("chrF2|nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0 = 100.00", lines[1]);
        assertEquals("chrF2++|nrefs:1|case:mixed|eff:yes|nc:6|nw:2|space:no|version:2.6.0 = 100.00", lines[2]);
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 20, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void readsHypothesesFromAPipe() throws Exception {
        Path hyp = org.nmt4j.data.NamedPipes.feeding(dir.resolve("hyp-pipe"),
                "The cat sat on the mat.\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Path ref = Files.writeString(dir.resolve("ref.en"), "The cat sat on the mat.\n");
        CommandRun run = CommandRun.of("evaluate", "--hyp", hyp.toString(), "--ref", ref.toString(), "-m", "bleu");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains(" = 100.00 "), run.out());
    }

    @Test
    void jsonOutputCarriesScoreAndSignature() throws IOException {
        Path hyp = Files.writeString(dir.resolve("hyp.en"), "the cat sat on the mat\n");
        Path ref = Files.writeString(dir.resolve("ref.en"), "The cat sat on the mat\n");
        CommandRun run = CommandRun.of("evaluate", "--hyp", hyp.toString(), "--ref", ref.toString(), "-m", "bleu",
                "-lc", "--json");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("{\"name\": \"BLEU\", \"score\": 100.0000, \"signature\": \"nrefs:1|case:lc|"),
                run.out());
    }

    @Test
    void lineCountMismatchNamesBothFilesAndCounts() throws IOException {
        Path hyp = Files.writeString(dir.resolve("hyp.en"), "a\nb\nc\n");
        Path ref = Files.writeString(dir.resolve("ref.en"), "a\nb\n");
        CommandRun run = CommandRun.of("evaluate", "--hyp", hyp.toString(), "--ref", ref.toString());
        assertEquals(1, run.exitCode());
        assertEquals("nmt4j: error: line counts differ: " + hyp + " has 3 lines, " + ref + " has 2 lines\n", run.err());
    }

    @Test
    void unknownMetricOrTokenizerIsAOneLineError() throws IOException {
        Path hyp = Files.writeString(dir.resolve("hyp.en"), "a\n");
        CommandRun metric = CommandRun.of("evaluate", "--hyp", hyp.toString(), "--ref", hyp.toString(), "-m", "ter");
        assertEquals(1, metric.exitCode());
        assertEquals("nmt4j: error: unknown metric 'ter': use bleu, chrf or chrf++\n", metric.err());
        CommandRun tokenizer = CommandRun.of("evaluate", "--hyp", hyp.toString(), "--ref", hyp.toString(), "-tok", "zh");
        assertEquals("nmt4j: error: unknown BLEU tokenizer 'zh': use 13a, intl or none\n", tokenizer.err());
    }
}
