package org.nmt4j.spark.ml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.nmt4j.spark.AlignmentColumns;
import org.nmt4j.spark.NmtSpark;

/**
 * Forced alignment as a Spark ML stage, {@code nmt4j align} on each row: the text of {@code sourceCol} aligned with
 * that of {@code targetCol} by the model folder(s) of {@code modelPaths} (several: their mean attention), the links in
 * {@code alignmentCol} ({@code alignmentFormat}: {@code hard}, a threshold such as {@code 0.3}, or {@code soft}; empty
 * column name: none) and the matrix in {@code attentionCol} (a struct of source tokens, target tokens and weights;
 * empty: none), over words ({@code wordLevel}) or pieces. Saved and loaded with a pipeline.
 */
public final class NmtAligner extends Transformer implements DefaultParamsWritable {

    private static final String STAGE = "NmtAligner";

    private final String uid;
    private final StringArrayParam modelPaths;
    private final Param<String> sourceCol;
    private final Param<String> targetCol;
    private final Param<String> alignmentCol;
    private final Param<String> alignmentFormat;
    private final BooleanParam wordLevel;
    private final Param<String> attentionCol;
    private final IntParam batchSize;

    public NmtAligner() {
        this(Identifiable$.MODULE$.randomUID("nmtAligner"));
    }

    public NmtAligner(String uid) {
        this.uid = uid;
        modelPaths = new StringArrayParam(this, "modelPaths", "model folders (several: their mean attention)");
        sourceCol = new Param<>(this, "sourceCol", "the column of source text");
        targetCol = new Param<>(this, "targetCol", "the column of target text");
        alignmentCol = new Param<>(this, "alignmentCol", "the column of alignment links (empty: none)");
        alignmentFormat = new Param<>(this, "alignmentFormat", "hard, a threshold such as 0.3, or soft");
        wordLevel = new BooleanParam(this, "wordLevel", "align words instead of subword pieces");
        attentionCol = new Param<>(this, "attentionCol", "the column of attention matrices (empty: none)");
        batchSize = new IntParam(this, "batchSize", "pairs aligned at once", ParamValidators.gtEq(1));
        setDefault(alignmentCol, AlignmentColumns.ALIGNMENT);
        setDefault(alignmentFormat, "hard");
        setDefault(wordLevel, false);
        setDefault(attentionCol, "");
        setDefault(batchSize, 32);
    }

    public static MLReader<NmtAligner> read() {
        return new DefaultParamsReader<>();
    }

    public static NmtAligner load(String path) {
        return read().load(path);
    }

    @Override
    public String uid() {
        return uid;
    }

    public StringArrayParam modelPaths() {
        return modelPaths;
    }

    public Param<String> sourceCol() {
        return sourceCol;
    }

    public Param<String> targetCol() {
        return targetCol;
    }

    public Param<String> alignmentCol() {
        return alignmentCol;
    }

    public Param<String> alignmentFormat() {
        return alignmentFormat;
    }

    public BooleanParam wordLevel() {
        return wordLevel;
    }

    public Param<String> attentionCol() {
        return attentionCol;
    }

    public IntParam batchSize() {
        return batchSize;
    }

    public NmtAligner setModelPath(String path) {
        return setModelPaths(new String[] {path});
    }

    public NmtAligner setModelPaths(String[] paths) {
        return (NmtAligner) set(modelPaths, paths);
    }

    public NmtAligner setSourceCol(String column) {
        return (NmtAligner) set(sourceCol, column);
    }

    public NmtAligner setTargetCol(String column) {
        return (NmtAligner) set(targetCol, column);
    }

    public NmtAligner setAlignmentCol(String column) {
        return (NmtAligner) set(alignmentCol, column);
    }

    public NmtAligner setAlignmentFormat(String format) {
        return (NmtAligner) set(alignmentFormat, format);
    }

    public NmtAligner setWordLevel(boolean words) {
        return (NmtAligner) set(wordLevel, words);
    }

    public NmtAligner setAttentionCol(String column) {
        return (NmtAligner) set(attentionCol, column);
    }

    public NmtAligner setBatchSize(int pairs) {
        return (NmtAligner) set(batchSize, pairs);
    }

    @Override
    public StructType transformSchema(StructType schema) {
        if (!isDefined(modelPaths) || getOrDefault(modelPaths).length == 0) {
            throw new IllegalArgumentException(STAGE + ": modelPaths is not set (setModelPath)");
        }
        if (!isDefined(sourceCol) || !isDefined(targetCol)) {
            throw new IllegalArgumentException(STAGE + ": sourceCol and targetCol must be set");
        }
        StageColumns.requireText(schema, STAGE, "sourceCol", getOrDefault(sourceCol));
        StageColumns.requireText(schema, STAGE, "targetCol", getOrDefault(targetCol));
        AlignmentColumns alignment = alignment();
        if (!alignment.attention() && alignment.format() == null) {
            throw new IllegalArgumentException(STAGE + ": alignmentCol and attentionCol are both empty: nothing to add");
        }
        StructType out = schema;
        if (alignment.format() != null) {
            out = StageColumns.add(out, STAGE, "alignmentCol", getOrDefault(alignmentCol), DataTypes.StringType);
        }
        if (alignment.attention()) {
            out = StageColumns.add(out, STAGE, "attentionCol", getOrDefault(attentionCol), StageColumns.ATTENTION);
        }
        return out;
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        Dataset<Row> aligned = NmtSpark.align(StageColumns.shelter(dataset.toDF()), getOrDefault(sourceCol),
                getOrDefault(targetCol), List.of(getOrDefault(modelPaths)), (Integer) getOrDefault(batchSize),
                alignment());
        Map<String, String> names = new LinkedHashMap<>();
        names.put(AlignmentColumns.ALIGNMENT, StageColumns.optional(this, alignmentCol));
        return StageColumns.rename(aligned, names, StageColumns.optional(this, attentionCol));
    }

    private AlignmentColumns alignment() {
        return StageColumns.alignment(this, STAGE, alignmentCol, alignmentFormat, wordLevel, attentionCol);
    }

    @Override
    public NmtAligner copy(ParamMap extra) {
        return defaultCopy(extra);
    }
}
