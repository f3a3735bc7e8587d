package org.nmt4j.spark;

/**
 * The entry point {@code spark-submit} runs ({@code --class org.nmt4j.spark.Main translate|align|train ...}) and
 * {@code scripts/nmt4j spark} runs in local mode; the commands are in {@code org.nmt4j.spark.cli}.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(org.nmt4j.spark.cli.SparkCli.run(args));
    }
}
