package org.nmt4j.spark.cli;

import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.nmt4j.io.UserError;
import org.nmt4j.spark.AlignmentColumns;
import org.nmt4j.spark.NmtSpark;
import org.nmt4j.spark.SparkCorpora;
import org.nmt4j.spark.SparkSessions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "align", mixinStandardHelpOptions = true,
        description = {"Aligns sentence pairs by forced decoding across the cluster: two text files aligned by line "
                + "(--src, --tgt; a line of links per pair, in order, as 'nmt4j align' writes them), or two columns "
                + "of a TSV, CSV or Parquet input (--input)."})
final class SparkAlignCommand implements Runnable {

    @Option(names = {"-m", "--model"}, required = true,
            description = "The model folder (a path or a URI); several times: an ensemble of those models.")
    List<String> model;

    @Option(names = "--src", description = "Source sentences, one a line.")
    String source;

    @Option(names = "--tgt", description = "Their translations, line by line.")
    String target;

    @Option(names = {"-i", "--input"}, description = "Instead of --src/--tgt: a TSV, CSV or Parquet input.")
    String input;

    @Option(names = "--input-format", paramLabel = "tsv|csv|parquet", description = "Input format (default: from "
            + "the input's name).")
    String inputFormat;

    @Option(names = "--src-column", defaultValue = "src", description = "Source column (default: ${DEFAULT-VALUE}).")
    String sourceColumn;

    @Option(names = "--tgt-column", defaultValue = "tgt", description = "Target column (default: ${DEFAULT-VALUE}).")
    String targetColumn;

    @Option(names = {"-o", "--output"}, required = true, description = "Output (must not exist).")
    String output;

    @Option(names = "--batch-size", defaultValue = "64", description = "Pairs per batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Mixin
    SparkAlignmentOptions alignment;

    @Mixin
    SparkOptions spark;

    @Option(names = "--reverse-model", paramLabel = "DIR", description = "A target→source model whose alignment of "
            + "each pair is combined with the model's (see nmt4j align). Needs --word-level.")
    String reverseModel;

    @Option(names = "--symmetrize", defaultValue = "intersection", description = "With --reverse-model: forward, "
            + "reverse, intersection, union, grow-diag, grow-diag-final or grow-diag-final-and (default: "
            + "${DEFAULT-VALUE}).")
    String symmetrize;

    @Option(names = "--link-threshold", defaultValue = "0", paramLabel = "T", description = "With --reverse-model: "
            + "each model links a word to its most attended word only if that weight reaches T (0 to 1; default "
            + "${DEFAULT-VALUE}: always).")
    double linkThreshold;

    @Override
    public void run() {
        SparkCorpora.Format out = spark.output();
        AlignmentColumns columns = alignment.columns("hard", out);
        if ((input == null) == (source == null || target == null) || (input != null && (source != null
                || target != null))) {
            throw new UserError("give either --src and --tgt (text files) or --input (TSV, CSV or Parquet)");
        }
        try (SparkSessions.Session session = spark.open("align")) {
            SparkSession s = session.spark();
            Dataset<Row> pairs;
            if (input != null) {
                SparkCorpora.Format format = SparkCorpora.Format.of(inputFormat, input);
                if (format == SparkCorpora.Format.TEXT) {
                    throw new UserError("--input: " + input + " is not TSV, CSV or Parquet (for text files use --src "
                            + "and --tgt)");
                }
                pairs = SparkCorpora.read(s, input, format, sourceColumn, spark.partitions);
            } else {
                pairs = SparkCorpora.readPairs(s, source, target, sourceColumn, targetColumn, spark.partitions);
            }
            Dataset<Row> aligned = NmtSpark.align(pairs, sourceColumn, targetColumn, model, reverseModel, symmetrize,
                    linkThreshold, batchSize, columns);
            int i = aligned.schema().fieldIndex(AlignmentColumns.ALIGNMENT);
            spark.write(s, aligned, output, row -> row.isNullAt(i) ? "" : row.getString(i));
        }
    }
}
