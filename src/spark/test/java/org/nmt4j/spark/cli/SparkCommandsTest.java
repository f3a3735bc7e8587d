package org.nmt4j.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.QuickstartModel;

/** {@code nmt4j spark translate|align} in local mode against {@code nmt4j translate|align}, line for line. */
class SparkCommandsTest {

    @TempDir
    Path dir;

    private final String model = QuickstartModel.folder().toString();

    @BeforeAll
    static void localSpark() {
        // the commands join a running session (and leave it running); this one has two threads
        SparkSession.builder().appName("nmt4j tests").master("local[2,2]").config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
    }

    private record Run(int exitCode, String err) {
    }

    private static synchronized Run spark(String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = SparkCli.run(args);
            return new Run(code, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(old);
        }
    }

    private static List<String> nmt4j(Path output, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-o", output.toString()));
        assertEquals(0, org.nmt4j.cli.Main.run(all.toArray(new String[0])));
        return Files.readAllLines(output);
    }

    // the first differing line, not the whole files
    private static void assertSameLines(List<String> expected, List<String> actual) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            assertEquals(expected.get(i), actual.get(i), "line " + (i + 1));
        }
        assertEquals(expected.size(), actual.size(), "lines");
    }

    // the part files of a text output, in order
    private static List<String> parts(Path output) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(output)) {
            for (Path part : files.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) {
                lines.addAll(Files.readAllLines(part));
            }
        }
        return lines;
    }

    @Test
    void translationEqualsTheCommandLinesLineForLineWithAndWithoutAlignments() throws IOException {
        Path input = Path.of("data/test.de");
        List<String> expected = nmt4j(dir.resolve("cli.en"), "translate", "-m", model, "-i", input.toString(),
                "--beam", "2", "--alignment", "hard");
        Path parts = dir.resolve("spark.en");
        Run run = spark("translate", "-m", model, "-i", input.toString(), "-o", parts.toString(), "--partitions", "3",
                "--beam", "2", "--alignment", "hard");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.list(parts).filter(p -> p.getFileName().toString().startsWith("part-")).count() >= 3);
        assertSameLines(expected, parts(parts));

        List<String> plain = nmt4j(dir.resolve("cli-plain.en"), "translate", "-m", model, "-i", input.toString(),
                "--beam", "1");
        Path single = dir.resolve("single.en");
        run = spark("translate", "-m", model, "-i", input.toString(), "-o", single.toString(), "--partitions", "4",
                "--beam", "1", "--single-file");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.isRegularFile(single));
        assertSameLines(plain, Files.readAllLines(single));
        assertFalse(Files.exists(dir.resolve("single.en.nmt4j-parts")));
    }

    @Test
    void forcedAlignmentOfTwoFilesEqualsTheCommandLines() throws IOException {
        List<String> expected = nmt4j(dir.resolve("cli.links"), "align", "-m", model, "--src", "data/test.de",
                "--tgt", "data/test.en", "--word-level");
        Path out = dir.resolve("spark.links");
        Run run = spark("align", "-m", model, "--src", "data/test.de", "--tgt", "data/test.en", "--word-level",
                "-o", out.toString(), "--single-file", "--partitions", "3");
        assertEquals(0, run.exitCode(), run.err());
        assertSameLines(expected, Files.readAllLines(out));
    }

    @Test
    void twoDirectionsCombinedEqualTheCommandLines() throws IOException {
        String reverse = org.nmt4j.TinyReverseModel.folder().toString();
        List<String> expected = nmt4j(dir.resolve("cli-both.links"), "align", "-m", model, "--reverse-model", reverse,
                "--symmetrize", "grow-diag-final-and", "--src", "data/test.de", "--tgt", "data/test.en",
                "--word-level");
        Path out = dir.resolve("spark-both.links");
        Run run = spark("align", "-m", model, "--reverse-model", reverse, "--symmetrize", "grow-diag-final-and",
                "--src", "data/test.de", "--tgt", "data/test.en", "--word-level", "-o", out.toString(),
                "--single-file", "--partitions", "2");
        assertEquals(0, run.exitCode(), run.err());
        assertSameLines(expected, Files.readAllLines(out));
    }

    @Test
    void aTsvColumnBecomesParquetWithTheTranslationAndTheMatrix() throws IOException {
        List<String> sentences = Files.readAllLines(Path.of("data/test.de")).subList(0, 40);
        StringBuilder tsv = new StringBuilder("id\tsrc\n");
        for (int i = 0; i < sentences.size(); i++) {
            tsv.append(i).append('\t').append(sentences.get(i)).append('\n');
        }
        Path input = Files.writeString(dir.resolve("corpus.tsv"), tsv);
        Path out = dir.resolve("out.parquet");
        Run run = spark("translate", "-m", model, "-i", input.toString(), "-o", out.toString(), "--format", "parquet",
                "--alignment", "soft", "--attention", "--beam", "1");
        assertEquals(0, run.exitCode(), run.err());
        List<Row> rows = SparkSession.active().read().parquet(out.toString())
                .orderBy(org.apache.spark.sql.functions.col("id").cast("int")).collectAsList();
        List<String> expected = nmt4j(dir.resolve("cli.en"), "translate", "-m", model, "-i", "data/test.de",
                "--beam", "1").subList(0, 40);
        assertEquals(40, rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            assertEquals(String.valueOf(i), row.getAs("id"));
            assertEquals(sentences.get(i), row.getAs("src"));
            assertEquals(expected.get(i), row.getAs("translation"));
            List<Object> targetTokens = row.getList(row.fieldIndex("target_tokens"));
            assertEquals(targetTokens.size(), row.getList(row.fieldIndex("attention")).size(),
                    row.toString());
        }
    }

    @Test
    void badInputIsAOneLineErrorWithExitCodeOne() throws IOException {
        Path missing = dir.resolve("missing.de");
        Run run = spark("translate", "-m", model, "-i", missing.toString(), "-o", dir.resolve("o").toString());
        assertEquals(1, run.exitCode());
        assertEquals("nmt4j: error: " + missing + ": no such file or directory", run.err().strip());

        Path exists = Files.createDirectory(dir.resolve("exists"));
        run = spark("translate", "-m", model, "-i", "data/test.de", "-o", exists.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().strip().endsWith(exists + ": already exists (nmt4j does not overwrite; choose another "
                + "output)"), run.err());

        run = spark("translate", "-m", model, "-i", "data/test.de", "-o", dir.resolve("o").toString(), "--attention");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("--attention: only with --format parquet"), run.err());

        Path shorter = Files.write(dir.resolve("short.en"), List.of("The man reads."));
        run = spark("align", "-m", model, "--src", "data/test.de", "--tgt", shorter.toString(), "-o",
                dir.resolve("l").toString());
        assertEquals(1, run.exitCode());
        assertEquals("nmt4j: error: data/test.de has 300 lines but " + shorter + " has 1", run.err().strip());

        Path tsv = Files.writeString(dir.resolve("c.tsv"), "id\ttext\n1\tDer Mann.\n");
        run = spark("translate", "-m", model, "-i", tsv.toString(), "-o", dir.resolve("t").toString());
        assertEquals(1, run.exitCode());
        assertEquals("nmt4j: error: no column 'src' in the input (its columns: id, text)", run.err().strip());
        assertEquals(1, run.err().strip().lines().count());
    }
}
