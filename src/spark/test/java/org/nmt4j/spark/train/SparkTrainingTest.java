package org.nmt4j.spark.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.config.ExperimentConfig;
import org.nmt4j.model.io.ModelFolder;
import org.nmt4j.train.RecordingMonitor;
import org.nmt4j.train.Trainer;

/** Parameter averaging on Spark in local mode against single-machine training of the same config. */
class SparkTrainingTest {

    @TempDir
    Path dir;

    private static SparkSession spark;

    @BeforeAll
    static void localSpark() {
        spark = org.nmt4j.spark.LocalSpark.session();
    }

    private ExperimentConfig quickstart(String folder, String... overrides) {
        List<String> all = new ArrayList<>(List.of("training.max_minutes=0", "validation.max_sentences=100",
                "folder=" + dir.resolve(folder)));
        all.addAll(List.of(overrides));
        return ExperimentConfig.load(Path.of("configs/quickstart.yaml"), all);
    }

    private static RecordingMonitor distributed(ExperimentConfig config, long stopAt) throws IOException {
        RecordingMonitor recorder = new RecordingMonitor();
        recorder.stopAt = stopAt;
        SparkTraining.run(spark, config, 2, recorder, recorder.stop);
        return recorder;
    }

    @Test
    void twoWorkersReachTheValidationLossOfOneMachineAfterTheSameSentencesAndTheFolderTranslates() throws IOException {
        // a model small enough for its loss to stay informative (the quickstart's own reaches 0.01 in 240 steps);
        // two workers average their moves, so they train at twice the learning rate (docs/spark.md's rule)
        String[] settings = {"training.max_steps=160", "validation.every_steps=160", "model.embedding_size=24",
            "model.encoder_size=24", "model.decoder_size=24", "model.attention_size=24", "model.output_size=24"};
        RecordingMonitor single = new RecordingMonitor();
        new Trainer(quickstart("single", settings), single, single.stop).run();
        ExperimentConfig twice = quickstart("spark", settings).with(List.of("training.learning_rate=0.006"));
        RecordingMonitor averaged = distributed(twice, -1);
        assertEquals(160, averaged.losses.size(), "a loss per batch, as on one machine");
        double one = single.validations.get(single.validations.size() - 1).loss();
        double two = averaged.validations.get(averaged.validations.size() - 1).loss();
        assertTrue(two <= 1.10 * one, "validation loss: two workers " + two + ", one machine " + one);

        Path sentences = Files.write(dir.resolve("in.de"), Files.readAllLines(Path.of("data/test.de")).subList(0, 5));
        Path out = dir.resolve("out.en");
        assertEquals(0, org.nmt4j.cli.Main.run("translate", "-m", dir.resolve("spark").toString(), "-i",
                sentences.toString(), "-o", out.toString()));
        assertEquals(5, Files.readAllLines(out).size());
        assertTrue(Files.isRegularFile(dir.resolve("spark").resolve(org.nmt4j.train.TrainingLog.FILE)));
    }

    @Test
    void aStoppedDriverResumesWhereItStoppedAndEndsAsAnUninterruptedRun() throws IOException {
        String[] settings = {"training.max_steps=60", "validation.every_steps=30", "training.average_every=5",
                "model.embedding_size=16", "model.encoder_size=16", "model.decoder_size=16",
                "model.attention_size=16", "model.output_size=16", "validation.max_sentences=10"};
        RecordingMonitor straight = distributed(quickstart("straight", settings), -1);
        RecordingMonitor first = distributed(quickstart("resumed", settings), 40);
        RecordingMonitor second = distributed(quickstart("resumed", settings), -1);
        List<Double> resumed = new ArrayList<>(first.losses);
        resumed.addAll(second.losses);
        assertEquals(60, straight.losses.size());
        assertArrayEquals(straight.losses.stream().mapToDouble(Double::doubleValue).toArray(),
                resumed.stream().mapToDouble(Double::doubleValue).toArray());
        assertArrayEquals(parameters(dir.resolve("straight")), parameters(dir.resolve("resumed")));
    }

    private static float[] parameters(Path folder) {
        return ModelFolder.load(folder).model().parameters().values().toFloatVector();
    }
}
