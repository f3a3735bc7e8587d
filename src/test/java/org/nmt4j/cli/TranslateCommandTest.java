package org.nmt4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nmt4j.translate.Translation;
import org.nmt4j.translate.Translator;
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
        assertEquals(org.nmt4j.io.AtomicFileTest.umaskPermissions(dir), Files.getPosixFilePermissions(output));
        assertEquals(" ||| ", lines.get(1));
        for (String line : List.of(lines.get(0), lines.get(2))) {
            String links = line.substring(line.indexOf(" ||| ") + 5);
            assertTrue(links.isEmpty() || links.matches("\\d+-\\d+( \\d+-\\d+)*"), line);
        }
    }

    @Test
    void markupGoesBackAroundTheTranslationAndMalformedMarkupNamesTheLine() throws IOException {
        Path input = dir.resolve("tagged.de");
        Files.writeString(input, "Der <b>Mann</b> liest das Buch.\n\n<br/>\nDie Katze &amp; <i>der Hund</i>.\n");
        Path output = dir.resolve("tagged.en");
        CommandRun run = CommandRun.of("translate", "--model", model, "-i", input.toString(), "-o", output.toString(),
                "--markup", "xml", "--beam", "1");
        assertEquals(0, run.exitCode(), run.err());
        var marked = new org.nmt4j.markup.MarkupTranslator(Translator.load(TinyModel.folder()).with(
                Translator.load(TinyModel.folder()).decoding().withBeamSize(1), false), org.nmt4j.markup.Markup.XML,
                false).translate(Files.readAllLines(input));
        assertEquals(marked.stream().map(Translation::text).toList(), Files.readAllLines(output));
        assertEquals("<br/>", Files.readAllLines(output).get(2));

        Files.writeString(input, "Der Mann.\nDer <b>Mann.\n");
        CommandRun bad = CommandRun.of("translate", "--model", model, "-i", input.toString(), "-o", output.toString(),
                "--markup", "xml");
        assertEquals(1, bad.exitCode());
        assertEquals("nmt4j: error: " + input + ":2: column 5: <b> is not closed (--markup-lenient translates such "
                + "lines as text)", bad.err().strip());
        CommandRun lenient = CommandRun.of("translate", "--model", model, "-i", input.toString(), "-o",
                output.toString(), "--markup", "xml", "--markup-lenient");
        assertEquals(0, lenient.exitCode(), lenient.err());
        assertEquals(2, Files.readAllLines(output).size());
    }

    /** Marian's form: one log-probability per word and one for </s>, summing to the translation's log p. */
    @Test
    void wordScoresFollowEachTranslationInMariansFormAndGoIntoTheExport() throws IOException {
        Path export = dir.resolve("export");
        CommandRun run = CommandRun.of("translate", "--model", model, "--word-scores", "--beam", "2", "--alpha", "0",
                "--export", export.toString(), "--formats", "json", "Der Mann liest das Buch.");
        assertEquals(0, run.exitCode(), run.err());
        String line = run.out().strip();
        Translator translator = Translator.load(TinyModel.folder());
        Translation t = translator.with(translator.decoding().withOverrides(2, 0.0, null, null, null, 0), false)
                .translate("Der Mann liest das Buch.");
        org.nmt4j.translate.WordScores w = org.nmt4j.translate.WordScores.of(t);
        assertEquals(t.text() + " ||| " + w.marian(), line);
        assertEquals(w.words().size(), line.substring(line.indexOf("WordScores=")).split(" ").length - 1);
        String json = Files.readString(export.resolve("json/1.json"));
        assertTrue(json.contains("\"word_scores\": [{\"word\": \"" + w.words().get(0) + "\""), json);
        CommandRun nbest = CommandRun.of("translate", "--model", model, "--word-scores", "--beam", "2", "--nbest", "2",
                "Der Mann liest das Buch.");
        assertEquals(0, nbest.exitCode(), nbest.err());
        for (String l : nbest.out().strip().split("\n")) {
            assertTrue(l.matches("0 \\|\\|\\| .+ \\|\\|\\| WordScores=( -?\\d+\\.\\d{5})+ \\|\\|\\| -?\\d+\\.\\d{6}"), l);
        }
    }

    @Test
    void aGlossaryIsKeptAndAMalformedOneNamesItsLine() throws IOException {
        Path glossary = Files.writeString(dir.resolve("glossary.tsv"), "Mann\tbook\n");
        CommandRun run = CommandRun.of("translate", "--model", model, "--terminology", glossary.toString(),
                "Der Mann liest.");
        assertEquals(0, run.exitCode(), run.err());
        Translator translator = Translator.load(TinyModel.folder());
        assertEquals(translator.withTerminology(org.nmt4j.translate.Terminology.read(glossary))
                .translate("Der Mann liest.").text(), run.out().strip());
        Files.writeString(glossary, "Mann\tbook\nHund\n");
        CommandRun bad = CommandRun.of("translate", "--model", model, "--terminology", glossary.toString(), "x");
        assertEquals(1, bad.exitCode());
        assertEquals("nmt4j: error: " + glossary + ":2: expected 'source term<TAB>target term' (1 field)",
                bad.err().strip());
    }

    @Test
    void aStreamedFileComesOutInInputOrderOverManyChunks() throws IOException {
        // batches of 2 on one thread: chunks of 2 lines first, then of whole batches up to 32 lines: several chunks,
        // each sorted by length inside
        List<String> lines = Files.readAllLines(Path.of("data/test.de")).subList(0, 70);
        Path input = Files.write(dir.resolve("order.de"), lines);
        Path output = dir.resolve("order.en");
        CommandRun run = CommandRun.of("translate", "--model", model, "-i", input.toString(), "-o", output.toString(),
                "--beam", "1", "--batch-size", "2", "--threads", "1");
        assertEquals(0, run.exitCode(), run.err());
        Translator translator = Translator.load(TinyModel.folder());
        Translator greedy = translator.with(translator.decoding().withBeamSize(1), false).withThreads(1);
        List<String> expected = lines.stream().map(l -> greedy.translate(l).text()).toList();
        assertEquals(expected, Files.readAllLines(output));
    }

    @Test
    void anOverlongLineIsCroppedWithAWarningAndEveryOtherLineIsTranslated() throws IOException {
        String longLine = "der Mann liest das Buch und ".repeat(2000).strip();
        Path input = Files.writeString(dir.resolve("long.de"), "Der Mann liest.\n" + longLine + "\nDie Katze.\n");
        Path output = dir.resolve("long.en");
        CommandRun run = CommandRun.of("translate", "--model", model, "-i", input.toString(), "-o", output.toString(),
                "--max-source-length", "40", "--beam", "1");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(3, Files.readAllLines(output).size());
        List<String> warnings = run.err().lines().filter(l -> l.contains("cropped")).toList();
        assertEquals(1, warnings.size(), run.err());
        assertTrue(warnings.get(0).matches(java.util.regex.Pattern.quote("nmt4j: warning: " + input + ":2: ")
                + "[0-9,]+ pieces, cropped to the first 40 .*"), warnings.get(0));
    }

    @Test
    void aTranslationStoppedAtTheLengthLimitIsReportedWithItsLine() throws IOException {
        List<String> lines = List.of("Der Mann liest das Buch.", "Die Katze sieht den Ball.",
                "Heute liest der Lehrer.");
        Path input = Files.writeString(dir.resolve("in.de"), String.join("\n", lines) + "\n");
        // the ratio makes the limit ceil(0.0001 · length) + 5 = 6 pieces, which a model of 30 steps reaches
        CommandRun run = CommandRun.of("translate", "--model", model, "-i", input.toString(), "-o",
                dir.resolve("out.en").toString(), "--beam", "1", "--max-length-ratio", "0.0001");
        assertEquals(0, run.exitCode(), run.err());
        int stopped = 0;
        for (int i = 0; i < lines.size(); i++) {
            boolean atLimit = translationAtSix(lines.get(i)).stoppedAtLengthLimit();
            stopped += atLimit ? 1 : 0;
            assertEquals(atLimit, run.err().contains(input + ":" + (i + 1) + ": the translation stopped at the "
                    + "length limit (6 pieces"), run.err());
        }
        assertTrue(stopped > 0, "no line reached the limit: " + run.err());
    }

    @Test
    void manyLinesAtTheLimitNameTheFirstTwentyAndCountTheRest() throws IOException {
        String line = java.util.stream.Stream.of("Der Mann liest das Buch.", "Die Katze sieht den Ball.",
                "Heute liest der Lehrer.").filter(l -> translationAtSix(l).stoppedAtLengthLimit()).findFirst()
                .orElseThrow();
        Path input = Files.writeString(dir.resolve("many.de"), (line + "\n").repeat(25));
        CommandRun run = CommandRun.of("translate", "--model", model, "-i", input.toString(), "-o",
                dir.resolve("many.en").toString(), "--beam", "1", "--max-length-ratio", "0.0001");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(org.nmt4j.translate.TranslationWarnings.SHOWN, run.err().lines().filter(l -> l.contains(": the translation "
                + "stopped at the length limit")).count(), run.err());
        assertTrue(run.err().contains(input + ":20: the translation stopped"), run.err());
        assertTrue(run.err().contains("nmt4j: warning: 25 translations in all stopped at the length limit (the first "
                + "20 named above)"), run.err());
        assertEquals(25, Files.readAllLines(dir.resolve("many.en")).size());
    }

    private static Translation translationAtSix(String line) {
        Translator translator = Translator.load(TinyModel.folder());
        return translator.with(translator.decoding().withBeamSize(1).withMaxLength(6, 0), false).translate(line);
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
    void anUnknownPrecisionIsAUsageError() {
        CommandRun run = CommandRun.of("translate", "--model", model, "--precision", "fp8", "Der Mann liest.");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("unknown precision 'fp8' (expected fp32, bf16 or int8)"), run.err());
        assertFalse(run.err().contains("internal error"), run.err());
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
    void alignStreamsChunksOfPairsAndTheExportHoldsEverySentence() throws IOException {
        List<String> sources = Files.readAllLines(Path.of("data/test.de")).subList(0, 40);
        List<String> targets = Files.readAllLines(Path.of("data/test.en")).subList(0, 40);
        Path src = Files.write(dir.resolve("many.de"), sources);
        Path tgt = Files.write(dir.resolve("many.en"), targets);
        Path links = dir.resolve("many.links");
        Path export = dir.resolve("many-export");
        // batches of 1 on one thread: chunks of one pair, then as many as half a second takes (up to 16): several
        CommandRun run = CommandRun.of("align", "--model", model, "--src", src.toString(), "--tgt", tgt.toString(),
                "--batch-size", "1", "--threads", "1", "-o", links.toString(), "--export", export.toString(),
                "--formats", "csv,json,html");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(40, Files.readAllLines(links).size());
        assertTrue(Files.isRegularFile(export.resolve("json/40.json")));
        assertTrue(!Files.exists(export.resolve("json/41.json")));
        List<String> csv = Files.readAllLines(export.resolve("alignments.csv"));
        assertTrue(csv.get(0).startsWith("sentence,target_index"), csv.get(0));
        assertTrue(csv.get(csv.size() - 1).startsWith("40,"), csv.get(csv.size() - 1));
        String html = Files.readString(export.resolve("index.html"));
        assertEquals(40, html.split("<figure ", -1).length - 1);
        assertTrue(html.endsWith("</body></html>\n"));
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
