package org.nmt4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.QuickstartModel;
import org.nmt4j.io.UserError;
import org.nmt4j.align.AlignmentMatrix;
import org.nmt4j.align.ForcedAligner;
import org.nmt4j.align.LinkFormat;
import org.nmt4j.translate.Translation;
import org.nmt4j.translate.Translator;

class NmtSparkTest {

    @TempDir
    Path dir;

    private final SparkSession spark = LocalSpark.session();
    private final String model = QuickstartModel.folder().toString();

    private Dataset<Row> lines(List<String> texts, int partitions) {
        StructType schema = new StructType().add("id", DataTypes.IntegerType).add("de", DataTypes.StringType);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            rows.add(RowFactory.create(i, texts.get(i)));
        }
        return spark.createDataFrame(rows, schema).repartition(1).coalesce(1).repartition(partitions, org.apache.spark
                .sql.functions.col("id")).sortWithinPartitions("id");
    }

    private static List<String> testSentences() throws IOException {
        return Files.readAllLines(Path.of("data/test.de")).subList(0, 120);
    }

    @Test
    void translationsAndSoftMatricesAreThoseOfTheTranslatorWithTheInputColumnsKept() throws IOException {
        List<String> texts = new ArrayList<>(testSentences());
        texts.set(5, "");
        texts.set(7, null);
        Dataset<Row> out = NmtSpark.translate(lines(texts, 3), "de", model, TranslateOptions.defaults().withBeam(2)
                .withAlignment(new AlignmentColumns("hard", false, false, true)).withChunk(16));
        List<Row> rows = out.orderBy("id").collectAsList();
        assertEquals(List.of("id", "de", "translation", "score", "alignment", "source_tokens", "target_tokens",
                "attention"), List.of(out.schema().fieldNames()));
        Translator reference = Translator.load(Path.of(model));
        reference = reference.with(reference.decoding().withOverrides(2, null, null, null, null, 0), false);
        List<String> given = new ArrayList<>(texts);
        given.set(7, "");
        List<Translation> expected = reference.translate(given);
        assertEquals(texts.size(), rows.size());
        for (int i = 0; i < texts.size(); i++) {
            Row row = rows.get(i);
            assertEquals(i, row.getInt(0));
            assertEquals(texts.get(i), row.getString(1));
            if (i == 7) {
                for (int c = 2; c < row.length(); c++) {
                    assertNull(row.get(c), "null text, null column " + c);
                }
                continue;
            }
            Translation t = expected.get(i);
            assertEquals(t.text(), row.getString(2), "line " + i);
            assertEquals(t.score(), row.getDouble(3), 1e-5); // batches of other sentences: float rounding
            AlignmentMatrix m = AlignmentMatrix.of(t);
            assertEquals(new LinkFormat.Hard().format(m, false), row.getString(4));
            AlignmentMatrix shown = m.withoutEos();
            assertEquals(shown.sourceTokens(), row.getList(5));
            assertEquals(shown.targetTokens(), row.getList(6));
            List<scala.collection.Seq<Float>> attention = row.getList(7);
            assertEquals(shown.weights().length, attention.size());
            for (int r = 0; r < attention.size(); r++) {
                float[] got = new float[attention.get(r).size()];
                for (int s = 0; s < got.length; s++) {
                    got[s] = attention.get(r).apply(s);
                }
                assertArrayEquals(shown.weights()[r], got, 1e-5f, "line " + i + " row " + r);
            }
        }
        assertEquals("", rows.get(5).getString(2));
    }

    /** The markup option gives the Java API's markup translations; a row with malformed markup comes out as text. */
    @Test
    void aColumnWithMarkupGetsItsTagsBackAsTheJavaApiPutsThem() {
        List<String> texts = List.of("Der <b>Mann</b> liest das <i>Buch</i>.", "<x id=\"1\"/>",
                "Die Katze &amp; der Hund.", "Der <b>Hund");
        List<Row> rows = NmtSpark.translate(lines(texts, 2), "de", model, TranslateOptions.defaults().withBeam(2)
                .withMarkup("xml")).orderBy("id").collectAsList();
        Translator reference = Translator.load(Path.of(model));
        reference = reference.with(reference.decoding().withOverrides(2, null, null, null, null, 0), false);
        List<Translation> expected = new org.nmt4j.markup.MarkupTranslator(reference, org.nmt4j.markup.Markup.XML,
                true).translate(texts);
        for (int i = 0; i < texts.size(); i++) {
            assertEquals(expected.get(i).text(), rows.get(i).getString(2), "line " + i);
        }
        assertEquals("<x id=\"1\"/>", rows.get(1).getString(2));
    }

    /** bf16 search on the executors gives the Java API's bf16 translations; the stage's param does the same. */
    @Test
    void bf16SearchOnExecutorsTranslatesAsTheJavaApiDoes() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(org.nmt4j.compute.CpuFeatures.hasBf16(),
                "no bfloat16 instructions on this processor");
        List<String> texts = testSentences();
        List<Row> rows = NmtSpark.translate(lines(texts, 3), "de", model, TranslateOptions.defaults().withBeam(2)
                .withPrecision("bf16")).orderBy("id").collectAsList();
        Translator reference = Translator.load(Path.of(model)).withPrecision(org.nmt4j.compute.Precision.BF16);
        reference = reference.with(reference.decoding().withOverrides(2, null, null, null, null, 0), false);
        List<Translation> expected = reference.translate(texts);
        List<Row> staged = new org.nmt4j.spark.ml.NmtTranslator().setModelPath(model).setInputCol("de")
                .setBeamSize(2).setPrecision("bf16").transform(lines(texts, 3)).orderBy("id").collectAsList();
        for (int i = 0; i < texts.size(); i++) {
            assertEquals(expected.get(i).text(), rows.get(i).getString(2), "line " + i);
            assertEquals(expected.get(i).text(), staged.get(i).getString(2), "stage, line " + i);
        }
        UserError unknown = assertThrows(UserError.class, () -> TranslateOptions.defaults().withPrecision("fp8"));
        assertTrue(unknown.getMessage().startsWith("--precision: unknown precision 'fp8'"), unknown.getMessage());
    }

    /** A shortlist scores the listed target pieces only, on every executor as in the Java API. */
    @Test
    void aShortlistIsBroadcastWithTheModelAndSearchedAsTheJavaApiSearchesIt() throws IOException {
        Path folder = dir.resolve("with-shortlist");
        Files.createDirectories(folder);
        try (var files = Files.list(Path.of(model))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, folder.resolve(f.getFileName()));
            }
        }
        org.nmt4j.translate.Shortlist.learn(folder, 20, 5, 200_000); // 20 frequent pieces, 5 per source piece
        List<String> texts = testSentences();
        List<Row> rows = NmtSpark.translate(lines(texts, 3), "de", folder.toString(), TranslateOptions.defaults()
                .withBeam(2).withShortlist(true)).orderBy("id").collectAsList();
        Translator reference = Translator.load(folder).withShortlist(folder.resolve(
                org.nmt4j.translate.Shortlist.FILE));
        reference = reference.with(reference.decoding().withOverrides(2, null, null, null, null, 0), false);
        List<Translation> expected = reference.translate(texts);
        for (int i = 0; i < texts.size(); i++) {
            assertEquals(expected.get(i).text(), rows.get(i).getString(2), "line " + i);
        }
        List<Row> staged = new org.nmt4j.spark.ml.NmtTranslator().setModelPath(folder.toString()).setInputCol("de")
                .setBeamSize(2).setShortlist(true).transform(lines(texts, 3)).orderBy("id").collectAsList();
        for (int i = 0; i < texts.size(); i++) {
            assertEquals(expected.get(i).text(), staged.get(i).getString(2), "stage, line " + i);
        }
        UserError none = assertThrows(UserError.class, () -> NmtSpark.translate(lines(texts, 1), "de", model,
                TranslateOptions.defaults().withShortlist(true)));
        assertTrue(none.getMessage().contains("has no shortlist.tsv"), none.getMessage());
    }

    @Test
    void anRddOfRowsGetsTheSameRowsAsTheDatasetForm() throws IOException {
        List<String> texts = new ArrayList<>(testSentences());
        texts.set(3, null);
        TranslateOptions options = TranslateOptions.defaults().withAlignment(new AlignmentColumns("hard", false, false,
                false)).withChunk(16);
        Dataset<Row> input = lines(texts, 3);
        List<Row> fromDataset = NmtSpark.translate(input, "de", model, options).orderBy("id").collectAsList();
        List<Row> inputRows = input.javaRDD().collect();
        List<Row> fromRdd = NmtSpark.translate(spark, input.javaRDD(), 1, List.of(model), options, null).collect();
        StructType schema = NmtSpark.translatedSchema(input.schema(), options);
        assertEquals(List.of("id", "de", "translation", "score", "alignment"), List.of(schema.fieldNames()));
        assertEquals(texts.size(), fromRdd.size());
        for (int i = 0; i < texts.size(); i++) {
            Row row = fromRdd.get(i);
            int id = row.getInt(0);
            assertEquals(inputRows.get(i).getInt(0), id, "rows in the input's order");
            assertEquals(schema.size(), row.length());
            for (int c = 0; c < row.length(); c++) {
                assertEquals(fromDataset.get(id).get(c), row.get(c), "row " + id + ", " + schema.fieldNames()[c]);
            }
            if (id == 3) {
                assertNull(row.get(2), "null text, null translation");
            }
        }
    }

    @Test
    void forcedAlignmentIsTheAlignersAtTheWordLevel() throws IOException {
        List<String> sources = testSentences();
        List<String> targets = Files.readAllLines(Path.of("data/test.en")).subList(0, sources.size());
        StructType schema = new StructType().add("de", DataTypes.StringType).add("en", DataTypes.StringType);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            rows.add(RowFactory.create(sources.get(i), targets.get(i)));
        }
        Dataset<Row> input = spark.createDataFrame(rows, schema).repartition(1).coalesce(1);
        List<String> links = NmtSpark.align(input, "de", "en", model, 8, new AlignmentColumns("hard", true, false,
                false)).select("alignment").as(Encoders.STRING()).collectAsList();
        List<AlignmentMatrix> expected = new ForcedAligner(Translator.load(Path.of(model)), 8).align(sources, targets);
        for (int i = 0; i < sources.size(); i++) {
            assertEquals(new LinkFormat.Hard().format(org.nmt4j.align.WordLevel.merge(expected.get(i)), false),
                    links.get(i), "pair " + i);
        }
    }

    @Test
    void aModelIsLoadedOncePerExecutorNotOncePerPartition() throws IOException {
        ExecutorModels.forget();
        int before = ExecutorModels.loads();
        long rows = NmtSpark.translate(lines(testSentences(), 4), "de", model,
                TranslateOptions.defaults().withBeam(1)).count();
        assertEquals(120, rows);
        // count() alone may skip the new columns: make the tasks translate
        List<Row> all = NmtSpark.translate(lines(testSentences(), 4), "de", model,
                TranslateOptions.defaults().withBeam(1)).collectAsList();
        assertEquals(120, all.size());
        assertEquals(1, ExecutorModels.loads() - before, "local mode: one executor JVM, four partitions");
    }

    @Test
    void aTaskThatFailsOnceIsRetriedAndTheOutputIsCompleteAndIdentical() throws IOException {
        TranslateOptions options = TranslateOptions.defaults().withBeam(1).withChunk(8);
        List<Row> clean = NmtSpark.translate(lines(testSentences(), 3), "de", model, options).collectAsList();
        int failedBefore = ChunkedPartition.injectedFailures.get();
        ChunkedPartition.failFirstAttemptOfPartition = 1;
        List<Row> retried;
        try {
            retried = NmtSpark.translate(lines(testSentences(), 3), "de", model, options).collectAsList();
        } finally {
            ChunkedPartition.failFirstAttemptOfPartition = -1;
        }
        assertEquals(1, ChunkedPartition.injectedFailures.get() - failedBefore, "the hook failed one task");
        assertEquals(clean, retried);
    }

    @Test
    void anEnsembleTranslatesAsTheTranslatorsEnsembleAndMembersMustShareVocabularies() throws IOException {
        String other = org.nmt4j.TinyModel.folder().toString();
        List<String> texts = testSentences().subList(0, 40);
        Translator reference = Translator.load(List.of(Path.of(model), Path.of(model)), new double[] {1, 1});
        List<Row> rows = NmtSpark.translate(lines(texts, 2), "de", List.of(model, model),
                TranslateOptions.defaults().withAlignment(new AlignmentColumns("hard", false, false, false)), null)
                .orderBy("id").collectAsList();
        List<Translation> expected = reference.translate(texts);
        for (int i = 0; i < texts.size(); i++) {
            assertEquals(expected.get(i).text(), rows.get(i).getString(2), "line " + i);
        }
        UserError mismatch = assertThrows(UserError.class, () -> NmtSpark.translate(lines(texts, 1), "de",
                List.of(model, other), TranslateOptions.defaults(), null));
        assertEquals(other + ": its vocab.src.txt differs from " + model + "'s; the models of an ensemble share "
                + "vocabularies, preprocessing and BPE codes", mismatch.getMessage());
    }

    @Test
    void aMissingColumnOrModelIsAOneLineError() {
        Dataset<Row> input = lines(List.of("Der Mann liest."), 1);
        UserError column = assertThrows(UserError.class, () -> NmtSpark.translate(input, "fr", model,
                TranslateOptions.defaults()));
        assertEquals("no column 'fr' in the input (its columns: id, de)", column.getMessage());
        UserError notText = assertThrows(UserError.class, () -> NmtSpark.translate(input, "id", model,
                TranslateOptions.defaults()));
        assertEquals("column 'id' holds int, not text", notText.getMessage());
        String missing = dir.resolve("nothing").toString();
        UserError folder = assertThrows(UserError.class, () -> NmtSpark.translate(input, "de", missing,
                TranslateOptions.defaults()));
        assertEquals(missing + ": no such model folder", folder.getMessage());
        assertThrows(UserError.class, () -> TranslateOptions.defaults().withBeam(0));
        assertTrue(assertThrows(UserError.class, () -> new AlignmentColumns("sideways", false, false, false))
                .getMessage().contains("'sideways' is not hard, soft or a weight"));
    }
}
