package org.nmt4j.spark.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.nmt4j.io.UserError;
import org.nmt4j.spark.SparkCorpora;
import org.nmt4j.spark.SparkSessions;

import picocli.CommandLine.Option;

/** The options every {@code nmt4j spark} command shares. */
final class SparkOptions {

    @Option(names = "--master", description = "Spark master URL (default: spark-submit's, else local[*]).")
    String master;

    @Option(names = "--partitions", defaultValue = "0",
            description = "At least this many partitions (tasks) for the input (default: Spark's default "
                    + "parallelism).")
    int partitions;

    @Option(names = "--format", paramLabel = "text|parquet", defaultValue = "text",
            description = "Output format: text (the command line's lines, a directory of part files in order) or "
                    + "parquet (the input's columns and the new ones). Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--single-file", description = "Text output as one file (parts concatenated in order).")
    boolean singleFile;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "A Spark setting (repeatable).")
    Map<String, String> conf = new LinkedHashMap<>();

    SparkCorpora.Format output() {
        SparkCorpora.Format f = SparkCorpora.Format.of(format, "");
        if (f != SparkCorpora.Format.TEXT && f != SparkCorpora.Format.PARQUET) {
            throw new UserError("--format: '" + format + "' is not text or parquet");
        }
        if (singleFile && f == SparkCorpora.Format.PARQUET) {
            throw new UserError("--single-file: only for --format text");
        }
        if (partitions < 0) {
            throw new UserError("--partitions must be 0 or more, not " + partitions);
        }
        return f;
    }

    /**
     * Writes a command's result to {@code output}: every column as Parquet, or with {@code --format text} one
     * {@code line} per row, in order.
     */
    void write(SparkSession spark, Dataset<Row> result, String output, MapFunction<Row, String> line) {
        if (output() == SparkCorpora.Format.PARQUET) {
            SparkCorpora.writeParquet(spark, result, output);
        } else {
            SparkCorpora.writeText(spark, result.map(line, Encoders.STRING()), output, singleFile);
        }
    }

    SparkSessions.Session open(String command) {
        return SparkSessions.open("nmt4j " + command, master, conf);
    }
}
