package org.nmt4j.spark.cli;

import java.util.List;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.nmt4j.spark.AlignmentColumns;
import org.nmt4j.spark.NmtSpark;
import org.nmt4j.spark.SparkCorpora;
import org.nmt4j.spark.SparkSessions;
import org.nmt4j.spark.TranslateOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "translate", mixinStandardHelpOptions = true,
        description = {"Translates a corpus across the cluster: text lines (a line out per line in, in order, as "
                + "'nmt4j translate' writes them), a TSV/CSV column or a Parquet column."})
final class SparkTranslateCommand implements Runnable {

    @Option(names = {"-m", "--model"}, required = true,
            description = "The model folder (a path or a URI); several times: an ensemble of those models.")
    List<String> model;

    @Option(names = {"-i", "--input"}, required = true, description = "Input file or directory (path or URI).")
    String input;

    @Option(names = {"-o", "--output"}, required = true, description = "Output (must not exist).")
    String output;

    @Option(names = "--input-format", paramLabel = "text|tsv|csv|parquet",
            description = "Input format (default: from the input's name; text otherwise).")
    String inputFormat;

    @Option(names = "--column", defaultValue = "src",
            description = "The column to translate in TSV, CSV or Parquet input; the text column's name "
                    + "(default: ${DEFAULT-VALUE}).")
    String column;

    @Option(names = {"-b", "--beam"}, description = "Beam size, 1 = greedy (default: the model's config).")
    Integer beam;

    @Option(names = "--alpha", description = "Length normalisation α (default: the config's).")
    Double alpha;

    @Option(names = "--max-length-ratio", description = "The most target pieces per source piece, plus 5.")
    Double maxLengthRatio;

    @Option(names = "--batch-size", description = "Sentences per batch (default: the config's).")
    Integer batchSize;

    @Option(names = "--max-source-length", description = "Read at most this many source pieces of a line.")
    Integer maxSourceLength;

    @Option(names = "--replace-unk", description = "Replace <unk> by the most attended source piece.")
    boolean replaceUnknown;

    @Option(names = "--markup", paramLabel = "xml|html",
            description = "The column's text carries markup, put back around the translation's words (a row whose "
                    + "markup is malformed is translated as text).")
    String markup;

    @Option(names = "--shortlist", description = "Score only the model folder's lexical shortlist (shortlist.tsv, "
            + "made by 'nmt4j shortlist').")
    boolean shortlist;

    @Option(names = "--precision", defaultValue = "fp32", paramLabel = "fp32|bf16|int8",
            description = "The search's products: bf16 on executors with AVX-512 BF16 or AMX, int8 on executors with "
                    + "VNNI or AMX (translate --precision).")
    String precision;

    @Mixin
    SparkAlignmentOptions alignment;

    @Mixin
    SparkOptions spark;

    @Override
    public void run() {
        SparkCorpora.Format out = spark.output();
        AlignmentColumns columns = alignment.columns(null, out);
        TranslateOptions options = new TranslateOptions(beam, alpha, maxLengthRatio, batchSize, maxSourceLength,
                replaceUnknown, columns, 1024, null, 1, shortlist).withMarkup(markup).withPrecision(precision);
        try (SparkSessions.Session session = spark.open("translate")) {
            SparkSession s = session.spark();
            SparkCorpora.Format in = SparkCorpora.Format.of(inputFormat, input);
            NmtSpark.Warnings warnings = NmtSpark.warnings(s);
            if (in == SparkCorpora.Format.TEXT && out == SparkCorpora.Format.TEXT) {
                // lines in, lines out: the rows need no schema, so no Catalyst plan (seconds of a local job)
                StructType schema = NmtSpark.translatedSchema(new StructType().add(column, DataTypes.StringType),
                        options);
                int text = schema.fieldIndex(NmtSpark.TRANSLATION);
                int links = columns.format() == null ? -1 : schema.fieldIndex(AlignmentColumns.ALIGNMENT);
                JavaRDD<Row> rows = SparkCorpora.readLines(s, input, spark.partitions).map(RowFactory::create);
                JavaRDD<String> lines = NmtSpark.translate(s, rows, 0, model, options, warnings)
                        .map(row -> line(row, text, links));
                SparkCorpora.writeText(s, lines, output, spark.singleFile);
            } else {
                Dataset<Row> rows = SparkCorpora.read(s, input, in, column, spark.partitions);
                Dataset<Row> translated = NmtSpark.translate(rows, column, model, options, warnings);
                int text = translated.schema().fieldIndex(NmtSpark.TRANSLATION);
                int links = columns.format() == null ? -1
                        : translated.schema().fieldIndex(AlignmentColumns.ALIGNMENT);
                spark.write(s, translated, output, row -> line(row, text, links));
            }
            if (warnings.cropped().value() > 0) {
                System.err.printf("nmt4j: warning: %,d sources longer than decoding.max_source_length were cropped "
                        + "(--max-source-length)%n", warnings.cropped().value());
            }
            if (warnings.atLengthLimit().value() > 0) {
                System.err.printf("nmt4j: warning: %,d translations stopped at the length limit before their end "
                        + "(decoding.max_length, --max-length-ratio)%n", warnings.atLengthLimit().value());
            }
        }
    }

    /** A row's output line: the translation, and its links after {@code |||} when asked for (index ≥ 0). */
    private static String line(Row row, int text, int links) {
        String translation = row.isNullAt(text) ? "" : row.getString(text);
        return links < 0 ? translation : translation + " ||| " + (row.isNullAt(links) ? "" : row.getString(links));
    }
}
