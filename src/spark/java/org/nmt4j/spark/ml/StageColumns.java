package org.nmt4j.spark.ml;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.nmt4j.spark.AlignmentColumns;
import org.nmt4j.spark.NmtSpark;

/**
 * The columns of the stages: checks of their inputs, the names the static API gives its new columns mapped to the
 * names a stage's params choose, and input columns that happen to bear one of those names kept out of their way.
 */
final class StageColumns {

    /** The attention matrix in one column: a struct of the source tokens, the target tokens and the weights. */
    static final StructType ATTENTION = new StructType()
            .add("source_tokens", DataTypes.createArrayType(DataTypes.StringType, false))
            .add("target_tokens", DataTypes.createArrayType(DataTypes.StringType, false))
            .add("weights", DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.FloatType, false), false));

    /** The names the static API adds. */
    private static final List<String> ADDED = List.of(NmtSpark.TRANSLATION, NmtSpark.SCORE, NmtSpark.N_BEST,
            AlignmentColumns.ALIGNMENT, AlignmentColumns.SOURCE_TOKENS, AlignmentColumns.TARGET_TOKENS,
            AlignmentColumns.ATTENTION);
    private static final String SHELTER = "__nmt4j_input_";

    private StageColumns() {
    }

    /** Fails, naming the stage and param, unless {@code column} is a string column of {@code schema}. */
    static void requireText(StructType schema, String stage, String param, String column) {
        if (!Arrays.asList(schema.fieldNames()).contains(column)) {
            throw new IllegalArgumentException(stage + ": " + param + " '" + column + "' is not a column of the input"
                    + " (its columns: " + String.join(", ", schema.fieldNames()) + ")");
        }
        DataType type = schema.apply(column).dataType();
        if (!(type instanceof StringType)) {
            throw new IllegalArgumentException(stage + ": " + param + " '" + column + "' must be a string column, not "
                    + type.simpleString());
        }
    }

    /** {@code schema} with a new column; fails if the input already has one of that name. */
    static StructType add(StructType schema, String stage, String param, String column, DataType type) {
        if (Arrays.asList(schema.fieldNames()).contains(column)) {
            throw new IllegalArgumentException(stage + ": " + param + " '" + column + "' is already a column of the "
                    + "input");
        }
        return schema.add(new StructField(column, type, true, org.apache.spark.sql.types.Metadata.empty()));
    }

    /** The input with its columns that bear a name the static API adds renamed out of the way. */
    static Dataset<Row> shelter(Dataset<Row> input) {
        Dataset<Row> out = input;
        for (String name : ADDED) {
            if (Arrays.asList(input.schema().fieldNames()).contains(name)) {
                out = out.withColumnRenamed(name, SHELTER + name);
            }
        }
        return out;
    }

    /**
     * The static API's output with its new columns named as the params say: {@code names} maps each added name to
     * the stage's (null: drop it); the attention matrix's three columns become one struct column
     * {@code attentionColumn} (null: none); sheltered input columns get their names back.
     */
    static Dataset<Row> rename(Dataset<Row> output, java.util.Map<String, String> names, String attentionColumn) {
        Dataset<Row> out = output;
        if (attentionColumn != null) {
            out = out.withColumn(attentionColumn, functions.when(functions.col(AlignmentColumns.ATTENTION).isNull(),
                    functions.lit(null).cast(ATTENTION)).otherwise(functions.struct(
                    functions.col(AlignmentColumns.SOURCE_TOKENS).as("source_tokens"),
                    functions.col(AlignmentColumns.TARGET_TOKENS).as("target_tokens"),
                    functions.col(AlignmentColumns.ATTENTION).as("weights"))))
                    .drop(AlignmentColumns.SOURCE_TOKENS, AlignmentColumns.TARGET_TOKENS, AlignmentColumns.ATTENTION);
        }
        List<Column> columns = new ArrayList<>();
        for (String name : out.schema().fieldNames()) {
            if (names.containsKey(name)) {
                if (names.get(name) != null) {
                    columns.add(functions.col(name).as(names.get(name)));
                }
            } else if (name.startsWith(SHELTER)) {
                columns.add(functions.col(name).as(name.substring(SHELTER.length())));
            } else {
                columns.add(functions.col(name));
            }
        }
        return out.select(columns.toArray(new Column[0])); // one select: the renames cannot collide
    }

    /** The alignment columns a stage's params ask for; a bad format fails naming the stage. */
    static AlignmentColumns alignment(org.apache.spark.ml.param.Params stage, String name,
                                      org.apache.spark.ml.param.Param<String> alignmentCol,
                                      org.apache.spark.ml.param.Param<String> alignmentFormat,
                                      org.apache.spark.ml.param.BooleanParam wordLevel,
                                      org.apache.spark.ml.param.Param<String> attentionCol) {
        try {
            return new AlignmentColumns(optional(stage, alignmentCol) == null ? null
                    : stage.getOrDefault(alignmentFormat), (Boolean) stage.getOrDefault(wordLevel), false,
                    optional(stage, attentionCol) != null);
        } catch (org.nmt4j.io.UserError e) {
            throw new IllegalArgumentException(name + ": alignmentFormat: " + e.getMessage());
        }
    }

    /** A param's value, or null when it is unset or empty. */
    static String optional(org.apache.spark.ml.param.Params stage, org.apache.spark.ml.param.Param<String> param) {
        if (!stage.isDefined(param)) {
            return null;
        }
        String value = stage.getOrDefault(param);
        return value == null || value.isEmpty() ? null : value;
    }
}
