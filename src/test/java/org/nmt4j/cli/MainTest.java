package org.nmt4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    @TempDir
    Path dir;

    @Test
    void versionAndHelpExitZero() {
        CommandRun version = CommandRun.of("--version");
        assertEquals(0, version.exitCode());
        assertTrue(version.out().startsWith("nmt4j "), version.out());
        CommandRun help = CommandRun.of("--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("tokenize") && help.out().contains("bpe"), help.out());
        CommandRun subHelp = CommandRun.of("bpe", "learn", "--help");
        assertEquals(0, subHelp.exitCode());
        assertTrue(subHelp.out().contains("--merges"), subHelp.out());
    }

    @Test
    void usageMistakeExitsTwoWithOneLine() {
        CommandRun run = CommandRun.of("tokenize", "--lang", "de", "--no-such-option");
        assertEquals(2, run.exitCode());
        assertEquals("nmt4j tokenize: Unknown option: '--no-such-option' (see 'nmt4j tokenize --help')\n", run.err());
        CommandRun missing = CommandRun.of("tokenize");
        assertEquals(2, missing.exitCode());
        assertEquals(1, missing.err().lines().count(), missing.err());
        assertEquals(2, CommandRun.of().exitCode());
    }

    @Test
    void badInputExitsOneWithOneLineNamingTheFileAndLine() throws IOException {
        Path bad = dir.resolve("bad.txt");
        Files.write(bad, new byte[] {'o', 'k', '\n', 'b', (byte) 0xC3, '\n'});
        CommandRun run = CommandRun.of("tokenize", "--lang", "en", "-i", bad.toString());
        assertEquals(1, run.exitCode());
        assertEquals("nmt4j: error: " + bad + ":2: invalid UTF-8 (byte 0xC3 at byte 2 of the line); convert the "
                + "file to UTF-8\n", run.err());
        CommandRun unknownLanguage = CommandRun.of("tokenize", "--lang", "xx", "-i", bad.toString());
        assertEquals(1, unknownLanguage.exitCode());
        assertTrue(unknownLanguage.err().startsWith("nmt4j: error: unknown language code 'xx'"));
    }

    @Test
    void tokenizeThenDetokenizeRestoresTheText() throws IOException {
        Path text = Files.writeString(dir.resolve("in.de"), "Ein Mann, der \u201el\u00e4chelt\u201c.\n\nZwei Hunde (braun).\n");
        Path tokens = dir.resolve("tokens.de");
        Path back = dir.resolve("back.de");
        assertEquals(0, CommandRun.of("tokenize", "--lang", "de", "-i", text.toString(), "-o", tokens.toString())
                .exitCode());
        assertEquals("Ein Mann \uFFED, der \u201e \uFFEDl\u00e4chelt \uFFED\u201c \uFFED.\n\nZwei Hunde ( \uFFEDbraun \uFFED) \uFFED.\n",
                Files.readString(tokens));
        assertEquals(0, CommandRun.of("detokenize", "-i", tokens.toString(), "-o", back.toString()).exitCode());
        assertEquals(Files.readString(text), Files.readString(back));
    }

    @Test
    void bpeLearnApplyAndVocabWorkTogether() throws IOException {
        StringBuilder corpus = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            corpus.append("the lowest newest widest lower low tower\n");
        }
        Path text = Files.writeString(dir.resolve("train.en"), corpus);
        Path codes = dir.resolve("codes.bpe");
        CommandRun learn = CommandRun.of("bpe", "learn", "-i", text.toString(), "--lang", "en", "--merges", "10",
                "-o", codes.toString());
        assertEquals(0, learn.exitCode(), learn.err());
        assertEquals(11, Files.readAllLines(codes).size());

        Path unseen = Files.writeString(dir.resolve("test.en"), "the slowest towers\n");
        Path pieces = dir.resolve("test.bpe");
        assertEquals(0, CommandRun.of("bpe", "apply", "--codes", codes.toString(), "--lang", "en", "-i",
                unseen.toString(), "-o", pieces.toString()).exitCode());
        String segmented = Files.readString(pieces);
        assertTrue(segmented.contains("@@"), segmented);
        Path restored = dir.resolve("restored.en");
        assertEquals(0, CommandRun.of("detokenize", "-i", pieces.toString(), "-o", restored.toString()).exitCode());
        assertEquals("the slowest towers\n", Files.readString(restored));

        Path vocabulary = dir.resolve("vocab.txt");
        CommandRun vocab = CommandRun.of("vocab", "-i", text.toString(), "--lang", "en", "--codes", codes.toString(),
                "-o", vocabulary.toString());
        assertEquals(0, vocab.exitCode(), vocab.err());
        assertEquals("<pad>", Files.readAllLines(vocabulary).get(0));
    }

    @Test
    void theTextCommandsTakeAnyLanguageWithTokenizerNone() throws IOException {
        StringBuilder corpus = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            corpus.append("Москва — столица России.  Река течёт через город.\n北京是首都。\n");
        }
        Path text = Files.writeString(dir.resolve("train.xx"), corpus);
        Path codes = dir.resolve("codes.bpe");
        CommandRun learn = CommandRun.of("bpe", "learn", "--tokenizer", "none", "-i", text.toString(), "--merges",
                "40", "-o", codes.toString());
        assertEquals(0, learn.exitCode(), learn.err());
        Path pieces = dir.resolve("train.bpe");
        assertEquals(0, CommandRun.of("bpe", "apply", "--tokenizer", "none", "--codes", codes.toString(), "-i",
                text.toString(), "-o", pieces.toString()).exitCode());
        assertTrue(Files.readString(pieces).startsWith("\u2581"), Files.readString(pieces));
        Path restored = dir.resolve("restored.xx");
        assertEquals(0, CommandRun.of("detokenize", "--tokenizer", "none", "-i", pieces.toString(), "-o",
                restored.toString()).exitCode());
        assertEquals(corpus.toString().replace("  ", " "), Files.readString(restored));
        Path vocabulary = dir.resolve("vocab.xx");
        assertEquals(0, CommandRun.of("vocab", "--tokenizer", "none", "-i", text.toString(), "--codes",
                codes.toString(), "-o", vocabulary.toString()).exitCode());
        CommandRun noLanguage = CommandRun.of("tokenize", "-i", text.toString());
        assertEquals(2, noLanguage.exitCode());
        assertTrue(noLanguage.err().contains("--tokenizer unicode or none"), noLanguage.err());
    }
}
