package org.nmt4j.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import org.nmt4j.io.UserError;
import org.nmt4j.align.SymmetrizationRule;

/**
 * nmt4j on Apache Spark, the Java API: translation and forced alignment of a Dataset's text columns. The model
 * folder is read once on the driver (any Hadoop file system), broadcast, and loaded once per executor JVM; each
 * partition is translated in chunks sorted by length into the model's batches; rows keep their order and their
 * columns, and the new columns are appended.
 *
 * <pre>{@code
 * Dataset<Row> out = NmtSpark.translate(spark.read().parquet("hdfs:///corpus"), "de", "hdfs:///models/de-en",
 *         TranslateOptions.defaults().withBeam(5));   // + translation, score
 * }</pre>
 */
public final class NmtSpark {

    public static final String TRANSLATION = "translation";
    public static final String SCORE = "score";
    /** With {@link TranslateOptions#withNBest} above 1: the n best translations, each a struct of text and score. */
    public static final String N_BEST = "n_best";
    public static final StructType HYPOTHESIS = new StructType().add("text", DataTypes.StringType)
            .add("score", DataTypes.DoubleType);

    private NmtSpark() {
    }

    /** The counts a translation's tasks report (valid once an action has run the returned Dataset). */
    public record Warnings(LongAccumulator cropped, LongAccumulator atLengthLimit) {
    }

    /**
     * The input with the columns {@code translation} (string), {@code score} (double: log p / length^α) and those of
     * {@code options.alignment()}; a null text gives nulls, an empty one an empty translation.
     */
    public static Dataset<Row> translate(Dataset<Row> input, String column, String modelPath, TranslateOptions options) {
        return translate(input, column, List.of(modelPath), options, null);
    }

    /**
     * {@link #translate} with an ensemble of the models at {@code modelPaths} (one path: that model), counting cropped
     * sources and translations stopped at the length limit in {@code warnings} (null: not counted).
     */
    public static Dataset<Row> translate(Dataset<Row> input, String column, List<String> modelPaths,
                                         TranslateOptions options, Warnings warnings) {
        int index = textColumn(input.schema(), column);
        StructType schema = translatedSchema(input.schema(), options);
        return input.mapPartitions(work(input.sparkSession(), index, modelPaths, options, warnings),
                Encoders.row(schema));
    }

    /**
     * The columns of {@link #translate}'s rows: the input's, then translation, score, n_best (with more than one) and
     * the alignment's.
     */
    public static StructType translatedSchema(StructType input, TranslateOptions options) {
        List<StructField> added = new ArrayList<>();
        added.add(DataTypes.createStructField(TRANSLATION, DataTypes.StringType, true));
        added.add(DataTypes.createStructField(SCORE, DataTypes.DoubleType, true));
        if (options.nBest() > 1) {
            added.add(DataTypes.createStructField(N_BEST, DataTypes.createArrayType(HYPOTHESIS, false), true));
        }
        added.addAll(options.alignment().fields());
        return extend(input, added);
    }

    /**
     * {@link #translate} over an RDD of rows whose field {@code column} holds the text: the same rows out with the
     * same new fields, computed by the same work, without a Catalyst plan (which costs a local job seconds of
     * start-up; text in and text out need none).
     */
    public static JavaRDD<Row> translate(SparkSession spark, JavaRDD<Row> input, int column, List<String> modelPaths,
                                         TranslateOptions options, Warnings warnings) {
        TranslatePartition work = work(spark, column, modelPaths, options, warnings);
        return input.mapPartitions(work::call);
    }

    private static TranslatePartition work(SparkSession spark, int column, List<String> modelPaths,
                                           TranslateOptions options, Warnings warnings) {
        Warnings counts = warnings != null ? warnings : warnings(spark);
        Broadcast<List<ModelFiles>> models = broadcast(spark, modelPaths);
        if (options.shortlist() && !models.value().get(0).files().containsKey(org.nmt4j.translate.Shortlist.FILE)) {
            throw new UserError("--shortlist: " + modelPaths.get(0) + " has no " + org.nmt4j.translate.Shortlist.FILE
                    + " (make one with: nmt4j shortlist -m " + modelPaths.get(0) + ")");
        }
        return new TranslatePartition(models, column, options, counts.cropped(), counts.atLengthLimit());
    }

    /** Fresh counters for {@link #translate}. */
    public static Warnings warnings(SparkSession spark) {
        return new Warnings(spark.sparkContext().longAccumulator("nmt4j cropped sources"),
                spark.sparkContext().longAccumulator("nmt4j translations at the length limit"));
    }

    /**
     * The input with the alignment columns of {@code alignment} for each pair of {@code sourceColumn} and
     * {@code targetColumn}, by forced decoding in batches of {@code batchSize} pairs (as {@code nmt4j align}).
     */
    public static Dataset<Row> align(Dataset<Row> input, String sourceColumn, String targetColumn, String modelPath,
                                     int batchSize, AlignmentColumns alignment) {
        return align(input, sourceColumn, targetColumn, List.of(modelPath), batchSize, alignment);
    }

    /** {@link #align} with an ensemble of the models at {@code modelPaths}: the members' mean attention. */
    public static Dataset<Row> align(Dataset<Row> input, String sourceColumn, String targetColumn,
                                     List<String> modelPaths, int batchSize, AlignmentColumns alignment) {
        return align(input, sourceColumn, targetColumn, modelPaths, null, null, batchSize, alignment);
    }

    /**
     * {@link #align} with a target→source model at {@code reversePath} (null: none) whose alignment of each pair is
     * combined with the model's by {@code symmetrize} (word level only), as {@code nmt4j align --reverse-model}.
     */
    public static Dataset<Row> align(Dataset<Row> input, String sourceColumn, String targetColumn,
                                     List<String> modelPaths, String reversePath, String symmetrize, int batchSize,
                                     AlignmentColumns alignment) {
        return align(input, sourceColumn, targetColumn, modelPaths, reversePath, symmetrize, 0, batchSize, alignment);
    }

    /**
     * {@link #align} with a target→source model at {@code reversePath} (null: none) whose alignment of each pair is
     * combined with the model's by {@code symmetrize} (null: intersection), each model's link of a word counted where
     * its weight reaches {@code linkThreshold} (word level only), as {@code nmt4j align --reverse-model --symmetrize H
     * --link-threshold T}.
     */
    public static Dataset<Row> align(Dataset<Row> input, String sourceColumn, String targetColumn,
                                     List<String> modelPaths, String reversePath, String symmetrize,
                                     double linkThreshold, int batchSize, AlignmentColumns alignment) {
        SymmetrizationRule rule = SymmetrizationRule.of(symmetrize == null ? "intersection" : symmetrize,
                linkThreshold);
        if (reversePath != null && !alignment.wordLevel()) {
            throw new UserError("--reverse-model: the two models' pieces differ, their words do not: add --word-level");
        }
        int source = textColumn(input.schema(), sourceColumn);
        int target = textColumn(input.schema(), targetColumn);
        if (!alignment.any()) {
            throw new UserError("align: no alignment column asked for (a format, or the attention matrix)");
        }
        if (batchSize < 1) {
            throw new UserError("--batch-size must be at least 1, not " + batchSize);
        }
        StructType schema = extend(input.schema(), alignment.fields());
        AlignPartition work = new AlignPartition(broadcast(input.sparkSession(), modelPaths), source, target, batchSize,
                alignment, batchSize * 16, reversePath == null ? null
                        : broadcast(input.sparkSession(), List.of(reversePath)), rule);
        return input.mapPartitions(work, Encoders.row(schema));
    }

    private static Broadcast<List<ModelFiles>> broadcast(SparkSession spark, List<String> modelPaths) {
        List<ModelFiles> files = ModelFiles.readAll(modelPaths, spark.sparkContext().hadoopConfiguration());
        return JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(files);
    }

    private static int textColumn(StructType schema, String column) {
        int index = Arrays.asList(schema.fieldNames()).indexOf(column);
        if (index < 0) {
            throw new UserError("no column '" + column + "' in the input (its columns: "
                    + String.join(", ", schema.fieldNames()) + ")");
        }
        if (!(schema.fields()[index].dataType() instanceof StringType)) {
            throw new UserError("column '" + column + "' holds " + schema.fields()[index].dataType().simpleString()
                    + ", not text");
        }
        return index;
    }

    private static StructType extend(StructType schema, List<StructField> added) {
        StructType out = schema;
        for (StructField field : added) {
            if (Arrays.asList(schema.fieldNames()).contains(field.name())) {
                throw new UserError("the input already has a column '" + field.name() + "'");
            }
            out = out.add(field);
        }
        return out;
    }
}
