package org.nmt4j.spark.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.QuickstartModel;
import org.nmt4j.cli.Main;
import org.nmt4j.config.ExperimentConfig;
import org.nmt4j.model.io.ModelFolder;
import org.nmt4j.spark.LocalSpark;
import org.nmt4j.spark.SparkSessions;
import org.nmt4j.spark.train.SparkTraining;
import org.nmt4j.train.RecordingMonitor;

/**
 * nmt4j on a cluster of separate JVMs, on loopback: Spark's {@code local-cluster[2,1,1024]} (a master and two workers
 * in the driver's JVM, each executor a JVM of its own, launched from a {@code SPARK_HOME} this test lays out). The
 * executors' class path is the third-party jars only; nmt4j's classes reach them as the jar nmt4j ships
 * ({@code nmt4j.spark.jar}, here a jar of the build's classes). Translation, alignment, the ML pipeline and training
 * equal their single-machine and {@code local[2]} results, also when an executor is killed in the middle of a job
 * (the kill fails the task it was running, which Spark runs again elsewhere; Spark does not count such a loss against
 * the task, so {@code spark.task.maxFailures=1} still reruns it). Every driver runs in a child JVM, stopped whatever
 * happens.
 */
class ClusterTest {

    private static final String MASTER = "local-cluster[2,1,1024]";
    private static final long TIMEOUT_SECONDS = 240;

    @TempDir
    static Path shared;

    private static Path sparkHome;
    private static Path nmt4jJar;
    private static String model;

    @TempDir
    Path dir;

    @BeforeAll
    static void layOut() throws IOException {
        sparkHome = ChildDriver.sparkHome(shared.resolve("spark-home"), jar -> true);
        nmt4jJar = jarOf(Path.of("target/classes"), shared.resolve("nmt4j-classes.jar"));
        model = QuickstartModel.folder().toAbsolutePath().toString();
    }

    @Test
    void jobsOnSeparateExecutorJvmsEqualTheSingleMachineOnes() throws Exception {
        Path out = dir.resolve("out");
        ChildDriver.Run run = driver(List.of(), ClusterJobs.class.getName(), MASTER, model, out.toString(),
                "data/test.de", "translate", "align", "pipeline", "train");
        assertEquals(0, run.exit(), run.log());
        assertTrue(executorLogs().stream().anyMatch(log -> log.contains("CoarseGrainedExecutorBackend")),
                "executors ran in JVMs of their own");
        assertEquals(expectedTranslations(1), Files.readAllLines(out.resolve("translate.txt")));
        assertEquals(expectedLinks("data/test.en"), Files.readAllLines(out.resolve("align.txt")));
        List<String> pipeline = new ArrayList<>();
        List<String> beam2 = expectedTranslations(2);
        Path translated = Files.write(dir.resolve("beam2.en"), beam2);
        List<String> links = expectedLinks(translated.toString());
        for (int i = 0; i < beam2.size(); i++) {
            pipeline.add(beam2.get(i) + " ||| " + links.get(i));
        }
        assertEquals(pipeline, Files.readAllLines(out.resolve("pipeline.txt")), "the saved and loaded pipeline");
        assertArrayEquals(localTraining(), parameters(out.resolve("model")), "training as in local[2]");
    }

    @Test
    void anExecutorKilledInTheMiddleOfATranslationOrATrainingRoundChangesNothing() throws Exception {
        Path out = dir.resolve("out");
        Path big = bigInput();
        ChildDriver.Run run = driver(List.of(), ClusterJobs.class.getName(), MASTER, model, out.toString(), big.toString(), "kill",
                "translate", "kill", "train");
        assertEquals(0, run.exit(), run.log());
        assertEquals(2, count(run.log(), "cluster test: killing executor"), run.log());
        assertEquals(2, count(run.log(), "failed: ExecutorLostFailure"), "each kill failed a running task:\n"
                + run.log());
        assertEquals(expectedTranslations(1, big), Files.readAllLines(out.resolve("translate.txt")));
        assertArrayEquals(localTraining(), parameters(out.resolve("model")));
    }

    /** The command line on a cluster: nmt4j ships itself to the executors, the output is nmt4j translate's. */
    @Test
    void theSparkCommandLineShipsNmt4jToTheExecutors() throws Exception {
        Path out = dir.resolve("out.en");
        ChildDriver.Run run = driver(List.of(), "org.nmt4j.spark.Main", "translate", "--master", MASTER, "-m", model, "-i",
                "data/test.de", "-o", out.toString(), "--beam", "1", "--single-file", "--conf",
                "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1");
        assertEquals(0, run.exit(), run.log());
        assertEquals(expectedTranslations(1), Files.readAllLines(out));
    }

    // a driver in a child JVM: this JVM's class path and module options, the cluster's environment; killed with its
    // executors if it outlives the timeout
    private ChildDriver.Run driver(List<String> jvmOptions, String mainClass, String... args) throws Exception {
        List<String> options = new ArrayList<>(List.of("-D" + SparkSessions.JAR_PROPERTY + "=" + nmt4jJar));
        options.addAll(jvmOptions);
        List<String> rest = new ArrayList<>(List.of("-cp", ChildDriver.classPath(), mainClass));
        rest.addAll(List.of(args));
        return ChildDriver.run(sparkHome, dir.resolve("driver.log"), TIMEOUT_SECONDS, options, rest);
    }

    private List<String> executorLogs() throws IOException {
        List<String> logs = new ArrayList<>();
        Path work = sparkHome.resolve("work");
        if (Files.isDirectory(work)) {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path f : files.filter(p -> p.getFileName().toString().equals("stderr")).toList()) {
                    logs.add(Files.readString(f));
                }
            }
        }
        return logs;
    }

    private List<String> expectedTranslations(int beam) throws IOException {
        return expectedTranslations(beam, Path.of("data/test.de"));
    }

    private List<String> expectedTranslations(int beam, Path input) throws IOException {
        Path out = dir.resolve("expected-beam" + beam + ".en");
        assertEquals(0, Main.run("translate", "-m", model, "-b", Integer.toString(beam), "-i", input.toString(), "-o",
                out.toString()));
        return Files.readAllLines(out);
    }

    // data/test.de eight times: tasks long enough for a kill to land while they run
    private Path bigInput() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("data/test.de"));
        List<String> big = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            big.addAll(lines);
        }
        return Files.write(dir.resolve("big.de"), big);
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    private List<String> expectedLinks(String target) throws IOException {
        Path out = dir.resolve("expected-links-" + Path.of(target).getFileName());
        assertEquals(0, Main.run("align", "-m", model, "--src", "data/test.de", "--tgt", target, "--word-level",
                "--alignment", "hard", "-o", out.toString()));
        return Files.readAllLines(out);
    }

    private float[] localTraining() throws IOException {
        List<String> settings = new ArrayList<>(ClusterJobs.TRAINING);
        settings.add("folder=" + dir.resolve("local"));
        SparkTraining.run(LocalSpark.session(), ExperimentConfig.load(Path.of(ClusterJobs.CONFIG), settings), 2,
                new RecordingMonitor(), new org.nmt4j.train.StopRequest());
        return parameters(dir.resolve("local"));
    }

    private static float[] parameters(Path folder) {
        return ModelFolder.load(folder).model().parameters().values().toFloatVector();
    }

    // a jar of a folder of classes
    private static Path jarOf(Path classes, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        return jar;
    }
}
