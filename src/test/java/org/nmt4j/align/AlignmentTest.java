package org.nmt4j.align;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.TinyModel;
import org.nmt4j.io.UserError;
import org.nmt4j.translate.Translator;

class AlignmentTest {

    @TempDir
    Path dir;

    /** "das Haus </s>" → "the house </s>" with known weights. */
    private static final AlignmentMatrix KNOWN = new AlignmentMatrix(List.of("das", "Haus", "</s>"),
            List.of("the", "house", "</s>"), new float[][] {{0.7f, 0.2f, 0.1f}, {0.35f, 0.6f, 0.05f},
                {0.1f, 0.1f, 0.8f}});

    @Test
    void hardLinksAreTheArgmaxWithoutEos() {
        assertEquals("0-0 1-1", Links.pharaoh(Links.argmax(KNOWN, false)));
        assertEquals("0-0 1-1 2-2", Links.pharaoh(Links.argmax(KNOWN, true)));
    }

    @Test
    void thresholdKeepsEveryLinkAtOrAboveIt() {
        assertEquals("0-0 0-1 1-1", Links.pharaoh(Links.threshold(KNOWN, 0.3, false)));
    }

    @Test
    void softMatrixIsMarianForm() {
        assertEquals("0.700000,0.200000 0.350000,0.600000", Links.soft(KNOWN.withoutEos()));
    }

    @Test
    void wordLevelSumsSourcePiecesAndAveragesTargetPieces() {
        // Ein@@ und@@ zwanzig Hunde </s> → twenty@@ -@@ one dogs </s>
        AlignmentMatrix pieces = new AlignmentMatrix(List.of("ein@@", "und@@", "zwanzig", "Hunde", "</s>"),
                List.of("twenty@@", "-@@", "one", "dogs", "</s>"), new float[][] {
                    {0.1f, 0.1f, 0.7f, 0.1f, 0f}, {0.2f, 0.6f, 0.1f, 0.1f, 0f}, {0.8f, 0.1f, 0f, 0.1f, 0f},
                    {0f, 0f, 0.1f, 0.9f, 0f}, {0f, 0f, 0f, 0.2f, 0.8f}});
        AlignmentMatrix words = WordLevel.merge(pieces);
        assertEquals(List.of("einundzwanzig", "Hunde", "</s>"), words.sourceTokens());
        assertEquals(List.of("twenty-one", "dogs", "</s>"), words.targetTokens());
        assertArrayEquals(new float[] {0.9f, 0.1f, 0f}, words.weights()[0], 1e-6f);
        assertArrayEquals(new float[] {0.1f, 0.9f, 0f}, words.weights()[1], 1e-6f);
        assertEquals("0-0 1-1", Links.pharaoh(Links.argmax(words, false)));
    }

    @Test
    void wordLevelWordsOfTokenizerNoneLoseTheirVisibleSpace() {
        AlignmentMatrix pieces = new AlignmentMatrix(List.of("\u2581Hun@@", "de", "</s>"),
                List.of("\u2581dogs", "</s>"), new float[][] {{0.5f, 0.4f, 0.1f}, {0f, 0.1f, 0.9f}});
        AlignmentMatrix words = WordLevel.merge(pieces);
        assertEquals(List.of("Hunde", "</s>"), words.sourceTokens());
        assertEquals(List.of("dogs", "</s>"), words.targetTokens());
        assertArrayEquals(new float[] {0.9f, 0.1f}, words.weights()[0], 1e-6f);
    }

    @Test
    void aerMatchesAHandComputation() throws IOException {
        Path gold = dir.resolve("gold.txt");
        Path test = dir.resolve("test.txt");
        Files.writeString(gold, "0-0 1?1 2-2\n0-0 1-1\n");
        Files.writeString(test, "0-0 1-1 2-1\n1-1\n");
        // A = 4, S = 4 (0-0, 2-2, 0-0, 1-1), P = 5; A∩S = 2 (0-0, 1-1 of line 2), A∩P = 3 (adds 1?1)
        AlignmentErrorRate r = AlignmentErrorRate.of(gold, test);
        assertEquals(1 - 5.0 / 8, r.aer(), 1e-12);
        assertEquals(3.0 / 4, r.precision(), 1e-12);
        assertEquals(2.0 / 4, r.recall(), 1e-12);
        Files.writeString(test, "0-0 x\n\n");
        assertTrue(assertThrows(UserError.class, () -> AlignmentErrorRate.of(gold, test)).getMessage()
                .endsWith("test.txt:1: 'x' is not a link (expected i-j, or i?j in gold files)"));
    }

    @Test
    void everyFormatCarriesTheSameNumbers() throws IOException {
        AlignmentExport.write(dir, List.of(KNOWN), Set.of("csv", "json", "png", "svg", "html"));
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(Files.newBufferedReader(dir.resolve("alignments.csv"))).getRecords();
        assertEquals(9, rows.size());
        assertEquals(List.of("1", "1", "house", "1", "Haus", "0.600000"), rows.get(4).toList());
        String json = Files.readString(dir.resolve("json/1.json"));
        assertTrue(json.contains("[0.350000, 0.600000, 0.0500000]"), json);
        String svg = Files.readString(dir.resolve("svg/1.svg"));
        assertTrue(svg.contains("<title>Haus → house: 0.600</title>"));
        assertEquals(Heatmap.colour(0.6).getRGB(),
                javax.imageio.ImageIO.read(dir.resolve("png/1.png").toFile()).getRGB(
                        svgX(svg, "Haus → house") + 5, svgY(svg, "Haus → house") + 5));
        assertTrue(Files.readString(dir.resolve("index.html")).contains("<img src=\"svg/1.svg\""));
    }

    private static int svgX(String svg, String title) {
        return attribute(svg, title, "x");
    }

    private static int svgY(String svg, String title) {
        return attribute(svg, title, "y");
    }

    private static int attribute(String svg, String title, String name) {
        String rect = svg.lines().filter(l -> l.contains("<title>" + title)).findFirst().orElseThrow();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(" " + name + "=\"(\\d+)\"").matcher(rect);
        assertTrue(m.find());
        return Integer.parseInt(m.group(1));
    }

    @Test
    void forcedAlignmentGivesARowPerReferencePieceSummingToOne() {
        Translator translator = Translator.load(TinyModel.folder());
        List<AlignmentMatrix> matrices = new ForcedAligner(translator, 2).align(
                List.of("Der Mann liest das Buch.", "", "Heute isst die Katze einen Apfel."),
                List.of("The man reads the book.", "", "Today the cat eats an apple."));
        assertEquals(3, matrices.size());
        assertTrue(matrices.get(1).targetTokens().isEmpty());
        for (AlignmentMatrix m : List.of(matrices.get(0), matrices.get(2))) {
            assertEquals(m.targetTokens().size(), m.weights().length);
            assertEquals("</s>", m.targetTokens().get(m.targetTokens().size() - 1));
            for (float[] row : m.weights()) {
                assertEquals(m.sourceTokens().size(), row.length);
                double sum = 0;
                for (float w : row) {
                    sum += w;
                }
                assertEquals(1.0, sum, 1e-4);
            }
        }
        assertEquals(translator.targetPreprocessor().pieces("The man reads the book.").size() + 1,
                matrices.get(0).targetTokens().size());
    }
}
