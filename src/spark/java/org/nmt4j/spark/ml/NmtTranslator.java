package org.nmt4j.spark.ml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
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
import org.nmt4j.spark.TranslateOptions;

/**
 * Translation as a Spark ML stage, Spark NLP's {@code MarianTransformer} in shape: the text of {@code inputCol}
 * translated by the model folder(s) of {@code modelPaths} (several: their ensemble) into {@code outputCol}, with the
 * optional {@code scoreCol} (log p / length^α), {@code alignmentCol} (links in {@code alignmentFormat}: {@code hard},
 * a threshold such as {@code 0.3}, or {@code soft}) and {@code attentionCol} (a struct of source tokens, target tokens
 * and weights), {@code nBest} translations in {@code nBestCol} (structs of text and score, best first; with more
 * than one), {@code shortlist} to score only the model folder's lexical shortlist; unset params take the model's
 * config. It is also the model {@link NmtEstimator} fits, over the folder
 * it trained. Its params are saved and loaded with a pipeline ({@code DefaultParamsWritable}); the model folders are
 * named, not copied, and read (any Hadoop file system) when it transforms.
 *
 * <pre>{@code
 * NmtTranslator translator = new NmtTranslator().setModelPath("hdfs:///models/de-en").setInputCol("de")
 *         .setOutputCol("en").setBeamSize(5);
 * Dataset<Row> out = translator.transform(sentences);
 * }</pre>
 */
public final class NmtTranslator extends Model<NmtTranslator> implements DefaultParamsWritable {

    private static final String STAGE = "NmtTranslator";

    private final String uid;
    private final StringArrayParam modelPaths;
    private final Param<String> inputCol;
    private final Param<String> outputCol;
    private final Param<String> scoreCol;
    private final Param<String> alignmentCol;
    private final Param<String> alignmentFormat;
    private final BooleanParam wordLevel;
    private final Param<String> attentionCol;
    private final IntParam beamSize;
    private final DoubleParam lengthPenalty;
    private final IntParam maxSourceLength;
    private final IntParam batchSize;
    private final Param<String> markup;
    private final BooleanParam shortlist;
    private final Param<String> precision;
    private final IntParam nBest;
    private final Param<String> nBestCol;

    public NmtTranslator() {
        this(Identifiable$.MODULE$.randomUID("nmtTranslator"));
    }

    public NmtTranslator(String uid) {
        this.uid = uid;
        modelPaths = new StringArrayParam(this, "modelPaths", "model folders (several: their ensemble)");
        inputCol = new Param<>(this, "inputCol", "the column of text to translate");
        outputCol = new Param<>(this, "outputCol", "the column of translations");
        scoreCol = new Param<>(this, "scoreCol", "the column of scores, log p / length^alpha (empty: none)");
        alignmentCol = new Param<>(this, "alignmentCol", "the column of alignment links (empty: none)");
        alignmentFormat = new Param<>(this, "alignmentFormat", "hard, a threshold such as 0.3, or soft");
        wordLevel = new BooleanParam(this, "wordLevel", "align words instead of subword pieces");
        attentionCol = new Param<>(this, "attentionCol", "the column of attention matrices (empty: none)");
        beamSize = new IntParam(this, "beamSize", "hypotheses kept (1: greedy; unset: the model's)",
                ParamValidators.inRange(1, 64));
        lengthPenalty = new DoubleParam(this, "lengthPenalty", "alpha of the score's length normalization (unset: "
                + "the model's)", ParamValidators.gtEq(0));
        maxSourceLength = new IntParam(this, "maxSourceLength", "source pieces kept, the rest cropped (unset: the "
                + "model's)", ParamValidators.gtEq(1));
        batchSize = new IntParam(this, "batchSize", "sentences searched at once (unset: the model's)",
                ParamValidators.gtEq(1));
        markup = new Param<>(this, "markup", "the markup the text carries, xml or html (empty: none)");
        shortlist = new BooleanParam(this, "shortlist", "score only the model folder's lexical shortlist "
                + "(shortlist.tsv, made by nmt4j shortlist)");
        setDefault(outputCol, NmtSpark.TRANSLATION);
        setDefault(scoreCol, "");
        setDefault(alignmentCol, "");
        setDefault(alignmentFormat, "hard");
        setDefault(wordLevel, false);
        setDefault(attentionCol, "");
        setDefault(markup, "");
        nBest = new IntParam(this, "nBest", "translations kept per row, best first (at most the beam)",
                ParamValidators.inRange(1, 64));
        nBestCol = new Param<>(this, "nBestCol", "with nBest above 1, the column of the n best: structs of text and "
                + "score");
        setDefault(shortlist, false);
        precision = new Param<>(this, "precision", "the search's products: fp32, bf16 on processors with AVX-512 "
                + "BF16 or AMX, int8 on processors with VNNI or AMX",
                ParamValidators.inArray(new String[] {"fp32", "bf16", "int8"}));
        setDefault(precision, "fp32");
        setDefault(nBest, 1);
        setDefault(nBestCol, NmtSpark.N_BEST);
    }

    public static MLReader<NmtTranslator> read() {
        return new DefaultParamsReader<>();
    }

    public static NmtTranslator load(String path) {
        return read().load(path);
    }

    @Override
    public String uid() {
        return uid;
    }

    public StringArrayParam modelPaths() {
        return modelPaths;
    }

    public Param<String> inputCol() {
        return inputCol;
    }

    public Param<String> outputCol() {
        return outputCol;
    }

    public Param<String> scoreCol() {
        return scoreCol;
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

    public IntParam beamSize() {
        return beamSize;
    }

    public DoubleParam lengthPenalty() {
        return lengthPenalty;
    }

    public IntParam maxSourceLength() {
        return maxSourceLength;
    }

    public IntParam batchSize() {
        return batchSize;
    }

    public Param<String> markup() {
        return markup;
    }

    public BooleanParam shortlist() {
        return shortlist;
    }

    public Param<String> precision() {
        return precision;
    }

    public IntParam nBest() {
        return nBest;
    }

    public Param<String> nBestCol() {
        return nBestCol;
    }

    /** One model folder. */
    public NmtTranslator setModelPath(String path) {
        return setModelPaths(new String[] {path});
    }

    /** Several model folders: their ensemble. */
    public NmtTranslator setModelPaths(String[] paths) {
        return (NmtTranslator) set(modelPaths, paths);
    }

    public NmtTranslator setInputCol(String column) {
        return (NmtTranslator) set(inputCol, column);
    }

    public NmtTranslator setOutputCol(String column) {
        return (NmtTranslator) set(outputCol, column);
    }

    public NmtTranslator setScoreCol(String column) {
        return (NmtTranslator) set(scoreCol, column);
    }

    public NmtTranslator setAlignmentCol(String column) {
        return (NmtTranslator) set(alignmentCol, column);
    }

    public NmtTranslator setAlignmentFormat(String format) {
        return (NmtTranslator) set(alignmentFormat, format);
    }

    public NmtTranslator setWordLevel(boolean words) {
        return (NmtTranslator) set(wordLevel, words);
    }

    public NmtTranslator setAttentionCol(String column) {
        return (NmtTranslator) set(attentionCol, column);
    }

    public NmtTranslator setBeamSize(int beam) {
        return (NmtTranslator) set(beamSize, beam);
    }

    public NmtTranslator setLengthPenalty(double alpha) {
        return (NmtTranslator) set(lengthPenalty, alpha);
    }

    public NmtTranslator setMaxSourceLength(int pieces) {
        return (NmtTranslator) set(maxSourceLength, pieces);
    }

    public NmtTranslator setBatchSize(int sentences) {
        return (NmtTranslator) set(batchSize, sentences);
    }

    public NmtTranslator setMarkup(String kind) {
        return (NmtTranslator) set(markup, kind);
    }

    public NmtTranslator setShortlist(boolean on) {
        return (NmtTranslator) set(shortlist, on);
    }

    /** {@code fp32} or {@code bf16}. */
    public NmtTranslator setPrecision(String name) {
        return (NmtTranslator) set(precision, name);
    }

    public NmtTranslator setNBest(int n) {
        return (NmtTranslator) set(nBest, n);
    }

    public NmtTranslator setNBestCol(String column) {
        return (NmtTranslator) set(nBestCol, column);
    }

    @Override
    public StructType transformSchema(StructType schema) {
        if (!isDefined(modelPaths) || getOrDefault(modelPaths).length == 0) {
            throw new IllegalArgumentException(STAGE + ": modelPaths is not set (setModelPath)");
        }
        if (!isDefined(inputCol)) {
            throw new IllegalArgumentException(STAGE + ": inputCol is not set");
        }
        StageColumns.requireText(schema, STAGE, "inputCol", getOrDefault(inputCol));
        AlignmentColumns alignment = alignment(); // checks the format
        StructType out = StageColumns.add(schema, STAGE, "outputCol", getOrDefault(outputCol), DataTypes.StringType);
        if (StageColumns.optional(this, scoreCol) != null) {
            out = StageColumns.add(out, STAGE, "scoreCol", getOrDefault(scoreCol), DataTypes.DoubleType);
        }
        if ((Integer) getOrDefault(nBest) > 1) {
            out = StageColumns.add(out, STAGE, "nBestCol", getOrDefault(nBestCol),
                    DataTypes.createArrayType(NmtSpark.HYPOTHESIS, false));
        }
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
        Integer beam = isDefined(beamSize) ? (Integer) getOrDefault(beamSize) : null;
        Double alpha = isDefined(lengthPenalty) ? (Double) getOrDefault(lengthPenalty) : null;
        Integer crop = isDefined(maxSourceLength) ? (Integer) getOrDefault(maxSourceLength) : null;
        Integer batch = isDefined(batchSize) ? (Integer) getOrDefault(batchSize) : null;
        TranslateOptions options = new TranslateOptions(beam, alpha, null, batch, crop, false, alignment(),
                TranslateOptions.defaults().sentencesPerChunk(), null, (Integer) getOrDefault(nBest),
                (Boolean) getOrDefault(shortlist))
                .withMarkup(StageColumns.optional(this, markup)).withPrecision(getOrDefault(precision));
        Dataset<Row> translated = NmtSpark.translate(StageColumns.shelter(dataset.toDF()), getOrDefault(inputCol),
                List.of(getOrDefault(modelPaths)), options, null);
        Map<String, String> names = new LinkedHashMap<>();
        names.put(NmtSpark.TRANSLATION, getOrDefault(outputCol));
        names.put(NmtSpark.SCORE, StageColumns.optional(this, scoreCol));
        names.put(NmtSpark.N_BEST, getOrDefault(nBestCol));
        names.put(AlignmentColumns.ALIGNMENT, StageColumns.optional(this, alignmentCol));
        return StageColumns.rename(translated, names, StageColumns.optional(this, attentionCol));
    }

    private AlignmentColumns alignment() {
        return StageColumns.alignment(this, STAGE, alignmentCol, alignmentFormat, wordLevel, attentionCol);
    }

    @Override
    public NmtTranslator copy(ParamMap extra) {
        NmtTranslator copy = copyValues(new NmtTranslator(uid), extra);
        return parent() == null ? copy : copy.setParent(parent());
    }
}
