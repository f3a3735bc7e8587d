package org.nmt4j.spark.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.QuickstartModel;
import org.nmt4j.cli.Main;
import org.nmt4j.config.ExperimentConfig;
import org.nmt4j.model.io.ModelFolder;
import org.nmt4j.spark.LocalSpark;
import org.nmt4j.spark.train.SparkTraining;
import org.nmt4j.train.RecordingMonitor;

/**
 * The jar {@code mvn -Pspark package} builds, {@code target/nmt4j-spark.jar}, submitted as a user submits it: Spark's
 * {@code SparkSubmit} (what {@code bin/spark-submit} runs) with only Spark's jars on its class path and on the
 * executors' ({@code local-cluster[2,1,1024]}, each executor a JVM of its own), the application jar bringing nmt4j,
 * ND4J with its native libraries, CoreNLP and the rest. Its translation equals {@code nmt4j translate}'s, its training
 * the same training on {@code local[2]}. Runs in {@code mvn verify}, after the jar is built.
 */
class ShadedJarIT {

    /** The jars of nmt4j's own dependencies, which the shaded jar must bring (never on Spark's class path here). */
    private static final List<String> NMT4J_ONLY = List.of("/org/nd4j/", "/org/bytedeco/", "/edu/stanford/",
            "/info/picocli/", "/org/eclipse/jetty/", "/org/yaml/", "/org/apache/commons/commons-csv/",
            "/com/fasterxml/jackson/dataformat/", "/com/github/oshi/", "/net/java/dev/jna/", "/org/threeten/threetenbp/",
            "/net/ericaro/", "/com/jakewharton/", "/org/slf4j/slf4j-simple/");
    private static final Path JAR = Path.of("target/nmt4j-spark.jar");

    @TempDir
    Path dir;

    @Test
    void sparkSubmitOfTheShadedJarTranslatesAndTrainsOnAClusterOfSeparateJvms() throws Exception {
        assertTrue(Files.isRegularFile(JAR), JAR + " is built by mvn -Pspark package (this test runs in verify)");
        Path sparkHome = sparkHome();
        String model = QuickstartModel.folder().toAbsolutePath().toString();

        Path out = dir.resolve("out.en");
        String log = submit(sparkHome, "translate", "-m", model, "-i", "data/test.de", "-o", out.toString(), "--beam",
                "1", "--single-file");
        Path expected = dir.resolve("expected.en");
        assertEquals(0, Main.run("translate", "-m", model, "-b", "1", "-i", "data/test.de", "-o",
                expected.toString()));
        assertEquals(Files.readAllLines(expected), Files.readAllLines(out), log);

        List<String> settings = new ArrayList<>(ClusterJobs.TRAINING);
        List<String> args = new ArrayList<>(List.of("train", "-c", ClusterJobs.CONFIG, "--workers", "2"));
        for (String s : settings) {
            args.addAll(List.of("--set", s));
        }
        args.addAll(List.of("--set", "folder=" + dir.resolve("cluster")));
        log = submit(sparkHome, args.toArray(new String[0]));
        settings.add("folder=" + dir.resolve("local"));
        SparkTraining.run(LocalSpark.session(), ExperimentConfig.load(Path.of(ClusterJobs.CONFIG), settings), 2,
                new RecordingMonitor(), new org.nmt4j.train.StopRequest());
        assertArrayEquals(parameters(dir.resolve("local")), parameters(dir.resolve("cluster")), log);
    }

    // Spark's jars: the test class path's, without nmt4j's own dependencies
    private Path sparkHome() throws IOException {
        return ChildDriver.sparkHome(dir.resolve("spark-home"), jar -> NMT4J_ONLY.stream().noneMatch(jar::contains));
    }

    // spark-submit --master local-cluster[2,1,1024] --class org.nmt4j.spark.Main target/nmt4j-spark.jar ARGS
    private String submit(Path sparkHome, String... args) throws Exception {
        List<String> rest = new ArrayList<>(List.of("-cp", sparkHome.resolve("jars") + File.separator + "*",
                "org.apache.spark.deploy.SparkSubmit", "--master", "local-cluster[2,1,1024]",
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--class", "org.nmt4j.spark.Main", JAR.toAbsolutePath().toString()));
        rest.addAll(List.of(args));
        ChildDriver.Run run = ChildDriver.run(sparkHome, dir.resolve("submit.log"), 240, List.of(), rest);
        assertEquals(0, run.exit(), run.log());
        return run.log();
    }

    private static float[] parameters(Path folder) {
        return ModelFolder.load(folder).model().parameters().values().toFloatVector();
    }
}
