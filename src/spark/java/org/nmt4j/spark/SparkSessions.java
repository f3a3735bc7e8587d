package org.nmt4j.spark;

import java.util.Map;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.nmt4j.io.UserError;

/**
 * The Spark session of an nmt4j job: the master spark-submit set, or {@code --master}, or without either local mode
 * on every core. In local mode the web UI is off unless asked for; on a terminal Spark shows its progress bar. On a
 * cluster ({@code local-cluster[...]}, {@code spark://}, YARN, Kubernetes) the executors are other JVMs, which need
 * nmt4j's classes: unless {@code spark.jars} says what to ship (spark-submit sets it to its application jar), the jar
 * the system property {@value #JAR_PROPERTY} names ({@code scripts/nmt4j spark} names {@code target/nmt4j-spark.jar})
 * is shipped to them.
 */
public final class SparkSessions {

    /** The jar shipped to a cluster's executors when {@code spark.jars} is not set. */
    public static final String JAR_PROPERTY = "nmt4j.spark.jar";

    private SparkSessions() {
    }

    /** An open session; {@link #close} stops it only if this job started it. */
    public record Session(SparkSession spark, boolean owned) implements AutoCloseable {
        @Override
        public void close() {
            if (owned) {
                spark.stop();
            }
        }
    }

    /** The session running in this JVM (code that calls the commands), or a new one. */
    public static Session open(String appName, String master, Map<String, String> conf) {
        if (SparkSession.getActiveSession().isDefined()) {
            return new Session(SparkSession.getActiveSession().get(), false);
        }
        if (SparkSession.getDefaultSession().isDefined()) {
            return new Session(SparkSession.getDefaultSession().get(), false);
        }
        SparkConf given = new SparkConf();
        String chosen = master != null ? master : given.contains("spark.master") ? given.get("spark.master")
                : "local[*]";
        if (!chosen.startsWith("local") && !chosen.contains("://") && !chosen.equals("yarn")) {
            throw new UserError("--master: '" + chosen + "' is not a Spark master URL (local[N], spark://HOST:PORT, "
                    + "yarn, k8s://...)");
        }
        SparkSession.Builder builder = SparkSession.builder().appName(appName).master(chosen);
        boolean local = chosen.equals("local") || chosen.startsWith("local[");
        if (!local && !conf.containsKey("spark.jars") && !given.contains("spark.jars")) {
            builder.config("spark.jars", shippedJar(chosen));
        }
        if (chosen.startsWith("local") && !conf.containsKey("spark.ui.enabled") && !given.contains("spark.ui.enabled")) {
            builder.config("spark.ui.enabled", "false");
        }
        if (System.console() != null && !given.contains("spark.ui.showConsoleProgress")) {
            builder.config("spark.ui.showConsoleProgress", "true");
        }
        conf.forEach(builder::config);
        return new Session(builder.getOrCreate(), true);
    }

    // the jar of nmt4j and its dependencies for the executors of a cluster
    private static String shippedJar(String master) {
        String jar = System.getProperty(JAR_PROPERTY);
        if (jar == null || !java.nio.file.Files.isRegularFile(java.nio.file.Path.of(jar))) {
            throw new UserError("--master " + master + ": the executors need nmt4j's classes"
                    + (jar == null ? "" : " and " + jar + " is not there") + ": build target/nmt4j-spark.jar (mvn "
                    + "-Pspark -DskipTests package; scripts/nmt4j spark does), spark-submit it, or name a jar with "
                    + "--conf spark.jars=JAR");
        }
        return jar;
    }
}
