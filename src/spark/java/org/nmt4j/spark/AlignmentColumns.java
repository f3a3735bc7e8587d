package org.nmt4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.nmt4j.align.AlignmentMatrix;
import org.nmt4j.align.LinkFormat;
import org.nmt4j.align.WordLevel;

/**
 * The alignment columns a distributed translation or alignment adds, with the command line's meanings:
 * {@code alignment} in a {@link LinkFormat} ({@code hard}, a threshold such as {@code 0.3}, or {@code soft}; null:
 * no such column), at the word level or over pieces, with or without {@code </s>}; and with {@code attention}, the
 * matrix itself as the columns {@code source_tokens} (array of strings), {@code target_tokens} and {@code attention}
 * (an array per target token of weights per source token).
 */
public record AlignmentColumns(String format, boolean wordLevel, boolean keepEos, boolean attention)
        implements Serializable {

    public static final String ALIGNMENT = "alignment";
    public static final String SOURCE_TOKENS = "source_tokens";
    public static final String TARGET_TOKENS = "target_tokens";
    public static final String ATTENTION = "attention";

    public static AlignmentColumns none() {
        return new AlignmentColumns(null, false, false, false);
    }

    /** Checks the format (a user error names {@code option}). */
    public AlignmentColumns {
        if (format != null) {
            LinkFormat.parse(format, "--alignment");
        }
    }

    boolean any() {
        return format != null || attention;
    }

    List<StructField> fields() {
        List<StructField> fields = new ArrayList<>();
        if (format != null) {
            fields.add(DataTypes.createStructField(ALIGNMENT, DataTypes.StringType, true));
        }
        if (attention) {
            fields.add(DataTypes.createStructField(SOURCE_TOKENS, DataTypes.createArrayType(DataTypes.StringType,
                    false), true));
            fields.add(DataTypes.createStructField(TARGET_TOKENS, DataTypes.createArrayType(DataTypes.StringType,
                    false), true));
            fields.add(DataTypes.createStructField(ATTENTION, DataTypes.createArrayType(
                    DataTypes.createArrayType(DataTypes.FloatType, false), false), true));
        }
        return fields;
    }

    /** The values of {@link #fields} for one matrix, as the model computed it (pieces, {@code </s>} included). */
    void addValues(AlignmentMatrix raw, List<Object> values) {
        AlignmentMatrix matrix = wordLevel ? WordLevel.merge(raw) : raw;
        if (format != null) {
            values.add(LinkFormat.parse(format, "--alignment").format(matrix, keepEos));
        }
        if (attention) {
            addMatrix(keepEos ? matrix : matrix.withoutEos(), values);
        }
    }

    private static void addMatrix(AlignmentMatrix shown, List<Object> values) {
        values.add(shown.sourceTokens().toArray(new String[0]));
        values.add(shown.targetTokens().toArray(new String[0]));
        Float[][] weights = new Float[shown.weights().length][];
        for (int t = 0; t < weights.length; t++) {
            float[] row = shown.weights()[t];
            weights[t] = new Float[row.length];
            for (int s = 0; s < row.length; s++) {
                weights[t][s] = row[s];
            }
        }
        values.add(weights);
    }

    /** The values of {@link #fields} for two models' combined alignment (word level, without {@code </s>}). */
    void addValues(org.nmt4j.align.SymmetrizedAlignment both, List<Object> values) {
        if (format != null) {
            values.add(both.format(LinkFormat.parse(format, "--alignment")));
        }
        if (attention) {
            addMatrix(both.soft(), values);
        }
    }

    /** Nulls for a row without text. */
    void addNulls(List<Object> values) {
        for (int i = 0; i < fields().size(); i++) {
            values.add(null);
        }
    }
}
