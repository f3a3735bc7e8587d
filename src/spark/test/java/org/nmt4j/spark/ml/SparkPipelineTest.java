package org.nmt4j.spark.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.QuickstartModel;
import org.nmt4j.cli.Main;
import org.nmt4j.config.ExperimentConfig;
import org.nmt4j.model.io.ModelFolder;
import org.nmt4j.spark.LocalSpark;
import org.nmt4j.spark.SparkCorpora;
import org.nmt4j.spark.train.SparkTraining;
import org.nmt4j.train.RecordingMonitor;

/** The stages in a pipeline as docs/spark.md shows it: fitted, saved, loaded, applied; the estimator's training. */
class SparkPipelineTest {

    @TempDir
    Path dir;

    private final SparkSession spark = LocalSpark.session();
    private final String model = QuickstartModel.folder().toString();

    private Dataset<Row> sentences(List<String> texts) {
        StructType schema = new StructType().add("id", DataTypes.IntegerType).add("de", DataTypes.StringType);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            rows.add(RowFactory.create(i, texts.get(i)));
        }
        return spark.createDataFrame(rows, schema).repartition(3);
    }

    /** The documented pipeline: cleaning, translation, alignment; its output is the command line's. */
    @Test
    void aSavedAndLoadedPipelineTranslatesAndAlignsAsTheCommandLineDoes() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("data/test.de")).subList(0, 40);
        List<String> padded = lines.stream().map(l -> "  " + l + " ").toList();
        Dataset<Row> input = sentences(padded);

        SQLTransformer clean = new SQLTransformer().setStatement("SELECT id, trim(de) AS de FROM __THIS__");
        NmtTranslator translate = new NmtTranslator().setModelPath(model).setInputCol("de").setOutputCol("en")
                .setScoreCol("score").setBeamSize(2);
        NmtAligner align = new NmtAligner().setModelPath(model).setSourceCol("de").setTargetCol("en")
                .setAlignmentCol("links").setWordLevel(true);
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {clean, translate, align});
        PipelineModel fitted = pipeline.fit(input);
        String saved = dir.resolve("pipeline").toString();
        fitted.write().overwrite().save(saved);
        PipelineModel loaded = PipelineModel.load(saved);
        assertEquals(3, loaded.stages().length);
        NmtTranslator back = (NmtTranslator) loaded.stages()[1];
        assertEquals(translate.uid(), back.uid());
        assertEquals(2, (Integer) back.getOrDefault(back.beamSize()));
        assertArrayEquals(new String[] {model}, back.getOrDefault(back.modelPaths()));

        Dataset<Row> out = loaded.transform(input);
        assertEquals(List.of("id", "de", "en", "score", "links"), List.of(out.schema().fieldNames()));
        List<Row> rows = out.orderBy("id").collectAsList();

        Path src = Files.write(dir.resolve("in.de"), lines);
        Path translated = dir.resolve("out.en");
        assertEquals(0, Main.run("translate", "-m", model, "-b", "2", "-i", src.toString(), "-o",
                translated.toString()));
        List<String> expected = Files.readAllLines(translated);
        Path links = dir.resolve("links.txt");
        assertEquals(0, Main.run("align", "-m", model, "--src", src.toString(), "--tgt", translated.toString(),
                "--word-level", "--alignment", "hard", "-o", links.toString()));
        List<String> expectedLinks = Files.readAllLines(links);
        for (int i = 0; i < lines.size(); i++) {
            assertEquals(lines.get(i), rows.get(i).getString(1), "cleaned");
            assertEquals(expected.get(i), rows.get(i).getString(2), "line " + i);
            assertEquals(expectedLinks.get(i), rows.get(i).getString(4), "links of line " + i);
        }
    }

    @Test
    void theSchemaIsCheckedBeforeAnythingRuns() {
        Dataset<Row> numbers = spark.range(3).toDF("de");
        IllegalArgumentException notText = assertThrows(IllegalArgumentException.class,
                () -> new NmtTranslator().setModelPath(model).setInputCol("de").transform(numbers));
        assertEquals("NmtTranslator: inputCol 'de' must be a string column, not bigint", notText.getMessage());
        Dataset<Row> text = sentences(List.of("Der Hund"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new NmtTranslator().setModelPath(model)
                .setInputCol("fr").transformSchema(text.schema())).getMessage().contains("'fr' is not a column"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new NmtTranslator().setModelPath(model)
                .setInputCol("de").setOutputCol("id").transformSchema(text.schema())).getMessage()
                .contains("outputCol 'id' is already a column"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new NmtTranslator().setInputCol("de")
                .transformSchema(text.schema())).getMessage().contains("modelPaths is not set"));
        assertThrows(IllegalArgumentException.class, () -> new NmtTranslator().setBeamSize(0));
    }

    /** Input columns named as the static API names its own keep their values; the attention is one struct column. */
    @Test
    void inputColumnsNamedLikeTheAddedOnesAndTheAttentionStruct() {
        StructType schema = new StructType().add("de", DataTypes.StringType).add("translation", DataTypes.StringType)
                .add("score", DataTypes.IntegerType);
        Dataset<Row> input = spark.createDataFrame(List.of(RowFactory.create("Der Hund", "kept", 7),
                RowFactory.create(null, "null text", 8)), schema);
        List<Row> rows = new NmtTranslator().setModelPath(model).setInputCol("de").setOutputCol("en")
                .setAttentionCol("matrix").transform(input).collectAsList();
        assertEquals("kept", rows.get(0).getString(1));
        assertEquals(7, rows.get(0).getInt(2));
        Row matrix = rows.get(0).getStruct(4);
        assertEquals(List.of("Der", "Hund"), matrix.getList(0));
        assertEquals(matrix.getList(1).size(), matrix.getList(2).size(), "a row of weights per target token");
        assertNull(rows.get(1).get(3));
        assertNull(rows.get(1).get(4));
    }

    /** n best translations per row, best first, as the Java API finds them; the best is also the translation. */
    @Test
    void nBestListsComeAsAnArrayOfTextsAndScores() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("data/test.de")).subList(0, 20);
        List<Row> rows = new NmtTranslator().setModelPath(model).setInputCol("de").setOutputCol("en")
                .setBeamSize(4).setNBest(3).setNBestCol("alternatives").transform(sentences(lines)).orderBy("id")
                .collectAsList();
        org.nmt4j.translate.Translator reference = org.nmt4j.translate.Translator.load(Path.of(model));
        reference = reference.with(reference.decoding().withBeamSize(4), false);
        List<List<org.nmt4j.translate.Translation>> expected = reference.translateNBest(lines, 3);
        for (int i = 0; i < lines.size(); i++) {
            List<Row> alternatives = rows.get(i).getList(3);
            assertEquals(expected.get(i).size(), alternatives.size(), "line " + i);
            assertEquals(alternatives.get(0).getString(0), rows.get(i).getString(2), "the best is the translation");
            for (int k = 0; k < alternatives.size(); k++) {
                assertEquals(expected.get(i).get(k).text(), alternatives.get(k).getString(0), "line " + i + ", " + k);
                assertEquals(expected.get(i).get(k).score(), alternatives.get(k).getDouble(1), 1e-5);
            }
        }
        assertThrows(org.nmt4j.io.UserError.class, () -> new NmtTranslator().setModelPath(model).setInputCol("de")
                .setBeamSize(2).setNBest(3).transform(sentences(lines)));
    }

    /** fit writes the dataset's pairs and trains as nmt4j spark train does on the same pairs from files. */
    @Test
    void theEstimatorTrainsAsSparkTrainingOnTheSamePairs() throws IOException {
        String[] settings = {"training.max_steps=12", "training.average_every=4", "validation.every_steps=12",
            "training.max_minutes=0"};
        Dataset<Row> pairs = SparkCorpora.readPairs(spark, "data/train.de", "data/train.en", "de", "en", 3);
        NmtEstimator estimator = new NmtEstimator().setConfigPath("configs/tiny.yaml").setOverrides(settings)
                .setModelDir(dir.resolve("fitted").toString()).setSourceCol("de").setTargetCol("en").setWorkers(2);
        NmtTranslator fitted = estimator.fit(pairs);
        assertSame(estimator, fitted.parent());
        assertArrayEquals(new String[] {dir.resolve("fitted").toString()}, fitted.getOrDefault(fitted.modelPaths()));

        List<String> direct = new ArrayList<>(List.of(settings));
        direct.add("folder=" + dir.resolve("direct"));
        SparkTraining.run(spark, ExperimentConfig.load(Path.of("configs/tiny.yaml"), direct), 2,
                new RecordingMonitor(), new org.nmt4j.train.StopRequest());
        assertArrayEquals(parameters(dir.resolve("direct")), parameters(dir.resolve("fitted")),
                "the same pairs in the same order, the same training");
        List<Row> translated = fitted.transform(pairs.limit(3)).collectAsList();
        assertEquals(3, translated.size());
    }

    private static float[] parameters(Path folder) {
        return ModelFolder.load(folder).model().parameters().values().toFloatVector();
    }
}
