package org.nmt4j.spark.ml;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.spark.ml.Estimator;
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
import org.apache.spark.sql.types.StructType;
import org.nmt4j.config.ExperimentConfig;
import org.nmt4j.io.UserError;
import org.nmt4j.spark.train.SparkTraining;
import org.nmt4j.spark.train.TrainingLines;
import org.nmt4j.train.StopRequest;

/**
 * Training as a Spark ML estimator: {@code fit} trains a model on the pairs of {@code sourceCol} and {@code targetCol}
 * with {@code nmt4j spark train}'s parameter averaging ({@code workers} tasks, 0: the session's default parallelism),
 * from the experiment config at {@code configPath} with {@code overrides} ({@code key=value}, as {@code --set}) laid
 * over it, into the folder {@code modelDir} (unset: the config's), on the driver's file system. The pairs are written
 * beside it, to {@code modelDir.fit/train.src} and {@code train.tgt} (rows with a null side are left out, line
 * breaks inside a text become spaces), and the config's validation data stay. The fitted model is an
 * {@link NmtTranslator} over the folder, reading {@code sourceCol}. A folder that holds a checkpoint of the same
 * config resumes, as {@code nmt4j train} does.
 */
public final class NmtEstimator extends Estimator<NmtTranslator> implements DefaultParamsWritable {

    private static final String STAGE = "NmtEstimator";

    private final String uid;
    private final Param<String> configPath;
    private final StringArrayParam overrides;
    private final Param<String> modelDir;
    private final Param<String> sourceCol;
    private final Param<String> targetCol;
    private final IntParam workers;

    public NmtEstimator() {
        this(Identifiable$.MODULE$.randomUID("nmtEstimator"));
    }

    public NmtEstimator(String uid) {
        this.uid = uid;
        configPath = new Param<>(this, "configPath", "the experiment's YAML config");
        overrides = new StringArrayParam(this, "overrides", "key=value settings laid over the config");
        modelDir = new Param<>(this, "modelDir", "the model folder to write (empty: the config's)");
        sourceCol = new Param<>(this, "sourceCol", "the column of source text");
        targetCol = new Param<>(this, "targetCol", "the column of target text");
        workers = new IntParam(this, "workers", "training tasks averaged after each round (0: the session's default "
                + "parallelism)", ParamValidators.gtEq(0));
        setDefault(overrides, new String[0]);
        setDefault(modelDir, "");
        setDefault(workers, 0);
    }

    public static MLReader<NmtEstimator> read() {
        return new DefaultParamsReader<>();
    }

    public static NmtEstimator load(String path) {
        return read().load(path);
    }

    @Override
    public String uid() {
        return uid;
    }

    public Param<String> configPath() {
        return configPath;
    }

    public StringArrayParam overrides() {
        return overrides;
    }

    public Param<String> modelDir() {
        return modelDir;
    }

    public Param<String> sourceCol() {
        return sourceCol;
    }

    public Param<String> targetCol() {
        return targetCol;
    }

    public IntParam workers() {
        return workers;
    }

    public NmtEstimator setConfigPath(String path) {
        return (NmtEstimator) set(configPath, path);
    }

    public NmtEstimator setOverrides(String[] settings) {
        return (NmtEstimator) set(overrides, settings);
    }

    public NmtEstimator setModelDir(String folder) {
        return (NmtEstimator) set(modelDir, folder);
    }

    public NmtEstimator setSourceCol(String column) {
        return (NmtEstimator) set(sourceCol, column);
    }

    public NmtEstimator setTargetCol(String column) {
        return (NmtEstimator) set(targetCol, column);
    }

    public NmtEstimator setWorkers(int tasks) {
        return (NmtEstimator) set(workers, tasks);
    }

    @Override
    public StructType transformSchema(StructType schema) {
        if (!isDefined(configPath)) {
            throw new IllegalArgumentException(STAGE + ": configPath is not set");
        }
        if (!isDefined(sourceCol) || !isDefined(targetCol)) {
            throw new IllegalArgumentException(STAGE + ": sourceCol and targetCol must be set");
        }
        StageColumns.requireText(schema, STAGE, "sourceCol", getOrDefault(sourceCol));
        StageColumns.requireText(schema, STAGE, "targetCol", getOrDefault(targetCol));
        return new NmtTranslator().setModelPath("unused").setInputCol(getOrDefault(sourceCol))
                .transformSchema(schema);
    }

    @Override
    public NmtTranslator fit(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        List<String> settings = new ArrayList<>(List.of(getOrDefault(overrides)));
        String folderName = StageColumns.optional(this, modelDir);
        if (folderName != null) {
            settings.add("folder=" + yaml(folderName));
        }
        ExperimentConfig config = ExperimentConfig.load(Path.of(getOrDefault(configPath)), settings);
        Path folder = config.folder();
        Path data = folder.resolveSibling(folder.getFileName() + ".fit");
        Path source = data.resolve("train.src");
        Path target = data.resolve("train.tgt");
        long pairs = writePairs(dataset.toDF().select(getOrDefault(sourceCol), getOrDefault(targetCol)), source,
                target);
        if (pairs == 0) {
            throw new UserError(STAGE + ": no pair with both sides in the dataset");
        }
        config = config.with(List.of("data.train_source=" + yaml(source.toString()),
                "data.train_target=" + yaml(target.toString())));
        int tasks = (Integer) getOrDefault(workers);
        int w = tasks > 0 ? tasks : dataset.sparkSession().sparkContext().defaultParallelism();
        try {
            SparkTraining.run(dataset.sparkSession(), config, w, new TrainingLines(config.training().logEvery()),
                    new StopRequest());
        } catch (IOException e) {
            throw new UserError(folder + ": cannot write (" + e.getMessage() + ")");
        }
        return new NmtTranslator().setModelPath(folder.toString()).setInputCol(getOrDefault(sourceCol))
                .setParent(this);
    }

    // the pairs, streamed from the executors partition by partition, as two aligned text files written atomically
    private static long writePairs(Dataset<Row> pairs, Path source, Path target) {
        long n = 0;
        try {
            Files.createDirectories(source.getParent());
            Path sourceTemp = Files.createTempFile(source.getParent(), "train", ".src.tmp");
            Path targetTemp = Files.createTempFile(target.getParent(), "train", ".tgt.tmp");
            try (BufferedWriter s = Files.newBufferedWriter(sourceTemp, StandardCharsets.UTF_8);
                 BufferedWriter t = Files.newBufferedWriter(targetTemp, StandardCharsets.UTF_8)) {
                for (Iterator<Row> it = pairs.toLocalIterator(); it.hasNext(); ) {
                    Row row = it.next();
                    if (row.isNullAt(0) || row.isNullAt(1)) {
                        continue;
                    }
                    s.write(oneLine(row.getString(0)));
                    s.newLine();
                    t.write(oneLine(row.getString(1)));
                    t.newLine();
                    n++;
                }
            }
            Files.move(sourceTemp, source, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            Files.move(targetTemp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UserError(source.getParent() + ": cannot write the training pairs (" + e.getMessage() + ")");
        }
        return n;
    }

    private static String oneLine(String text) {
        return text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
    }

    private static String yaml(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public NmtEstimator copy(ParamMap extra) {
        return defaultCopy(extra);
    }
}
