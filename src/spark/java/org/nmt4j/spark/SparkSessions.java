package org.nmt4j.spark;

import java.util.Map;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.nmt4j.io.UserError;

/**
 * The Spark session of an nmt4j job: the master spark-submit set, or {@code --master}, or without either local mode
 * on every core. In local mode the web UI is off unless asked for; on a terminal Spark shows its progress bar.
 */
public final class SparkSessions {

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
        if (chosen.startsWith("local") && !conf.containsKey("spark.ui.enabled") && !given.contains("spark.ui.enabled")) {
            builder.config("spark.ui.enabled", "false");
        }
        if (System.console() != null && !given.contains("spark.ui.showConsoleProgress")) {
            builder.config("spark.ui.showConsoleProgress", "true");
        }
        conf.forEach(builder::config);
        return new Session(builder.getOrCreate(), true);
    }
}
