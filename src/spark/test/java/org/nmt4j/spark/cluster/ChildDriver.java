package org.nmt4j.spark.cluster;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Spark driver in a JVM of its own, for the cluster tests: this JVM's Java and module options, the environment a
 * {@code local-cluster} master needs ({@code SPARK_HOME}, the Scala version, loopback only), its output in a log; it
 * and every process it started (the executors) are killed when it ends or outlives its time.
 */
final class ChildDriver {

    /** How a driver ended: its exit code and everything it printed. */
    record Run(int exit, String log) {
    }

    private ChildDriver() {
    }

    /** {@code java -Xmx2g <this JVM's --add-opens> jvmOptions... rest...}, run to its end (at most {@code seconds}). */
    static Run run(Path sparkHome, Path log, long seconds, List<String> jvmOptions, List<String> rest) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx2g"));
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (option.startsWith("--add-opens") || option.startsWith("-XX:+IgnoreUnrecognizedVMOptions")
                    || option.startsWith("-Djdk.reflect")) {
                command.add(option);
            }
        }
        command.addAll(jvmOptions);
        command.addAll(rest);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SPARK_HOME", sparkHome.toString());
        builder.environment().put("SPARK_SCALA_VERSION", "2.12");
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        builder.environment().put("OMP_NUM_THREADS", "1");
        Process process = builder.start();
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                throw new AssertionError("the driver ran past " + seconds + " s:\n" + Files.readString(log));
            }
            return new Run(process.exitValue(), Files.readString(log));
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    /**
     * A {@code SPARK_HOME} at {@code home} as a Spark distribution lays it out ({@code jars/} beside a {@code RELEASE}
     * file): links to the jars of the tests' class path that {@code keep} accepts (given the jar's path with '/').
     */
    static Path sparkHome(Path home, java.util.function.Predicate<String> keep) throws java.io.IOException {
        Path jars = Files.createDirectories(home.resolve("jars"));
        Files.createFile(home.resolve("RELEASE")); // says: jars/, not a build tree
        for (String entry : classPath().split(java.io.File.pathSeparator)) {
            Path jar = Path.of(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(jar)
                    && keep.test(entry.replace(java.io.File.separatorChar, '/'))
                    && !Files.exists(jars.resolve(jar.getFileName()))) {
                Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar.toAbsolutePath());
            }
        }
        return home;
    }

    /** The tests' class path (surefire's, not its booter jar's). */
    static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }
}
