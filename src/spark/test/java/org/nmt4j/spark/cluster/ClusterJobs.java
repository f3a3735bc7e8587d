package org.nmt4j.spark.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.nmt4j.config.ExperimentConfig;
import org.nmt4j.spark.AlignmentColumns;
import org.nmt4j.spark.NmtSpark;
import org.nmt4j.spark.SparkCorpora;
import org.nmt4j.spark.SparkSessions;
import org.nmt4j.spark.TranslateOptions;
import org.nmt4j.spark.ml.NmtAligner;
import org.nmt4j.spark.ml.NmtTranslator;
import org.nmt4j.spark.train.SparkTraining;
import org.nmt4j.spark.train.TrainingLines;
import org.nmt4j.train.StopRequest;

/**
 * The driver {@link ClusterTest} runs in a JVM of its own against a cluster whose executors are other JVMs:
 * {@code MASTER MODEL OUT INPUT JOBS...} runs each job and writes its output under OUT. Jobs: {@code translate}
 * (INPUT, greedy), {@code align} and {@code pipeline} (data/test.*), {@code train}; {@code kill} makes the first task
 * of the next job kill the executor it runs on (SIGKILL), as a machine failing would. Tasks that fail are logged.
 */
public final class ClusterJobs {

    /** The training every cluster run and its local reference share. */
    public static final String CONFIG = "configs/quickstart.yaml";
    public static final List<String> TRAINING = List.of("training.max_steps=16", "training.average_every=8",
            "validation.every_steps=16", "training.max_minutes=0", "validation.max_sentences=10");

    private ClusterJobs() {
    }

    public static void main(String[] args) throws IOException {
        String master = args[0];
        String model = args[1];
        Path out = Path.of(args[2]);
        String input = args[3];
        AtomicBoolean killNext = new AtomicBoolean();
        try (SparkSessions.Session session = SparkSessions.open("nmt4j cluster test", master,
                Map.of("spark.driver.host", "127.0.0.1", "spark.driver.bindAddress", "127.0.0.1",
                        "spark.ui.enabled", "false"))) {
            SparkSession spark = session.spark();
            String app = spark.sparkContext().applicationId();
            spark.sparkContext().addSparkListener(new SparkListener() {
                @Override
                public void onTaskStart(SparkListenerTaskStart start) {
                    if (killNext.compareAndSet(true, false)) {
                        String executor = start.taskInfo().executorId();
                        System.err.println("cluster test: killing executor " + executor + " of " + app + " (task "
                                + start.taskInfo().id() + ")");
                        ProcessHandle.allProcesses().filter(p -> p.info().commandLine().map(c ->
                                c.contains("CoarseGrainedExecutorBackend") && c.contains(app)
                                        && c.contains("--executor-id " + executor + " ")).orElse(false))
                                .forEach(ProcessHandle::destroyForcibly);
                    }
                }

                @Override
                public void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd end) {
                    if (!(end.reason() instanceof org.apache.spark.Success$)) {
                        System.err.println("cluster test: task " + end.taskInfo().id() + " failed: " + end.reason());
                    }
                }
            });
            for (int i = 4; i < args.length; i++) {
                switch (args[i]) {
                    case "kill" -> killNext.set(true);
                    case "translate" -> {
                        Dataset<Row> lines = SparkCorpora.read(spark, input, SparkCorpora.Format.TEXT, "de", 4);
                        write(out.resolve("translate.txt"), NmtSpark.translate(lines, "de", model,
                                TranslateOptions.defaults().withBeam(1).withChunk(16)).select("translation"));
                    }
                    case "align" -> write(out.resolve("align.txt"), NmtSpark.align(SparkCorpora.readPairs(spark,
                            "data/test.de", "data/test.en", "de", "en", 4), "de", "en", model, 16,
                            new AlignmentColumns("hard", true, false, false)).select("alignment"));
                    case "pipeline" -> pipeline(spark, model, out);
                    case "train" -> {
                        List<String> settings = new ArrayList<>(TRAINING);
                        settings.add("folder=" + out.resolve("model"));
                        SparkTraining.run(spark, ExperimentConfig.load(Path.of(CONFIG), settings), 2,
                                new TrainingLines(1000), new StopRequest());
                    }
                    default -> throw new IllegalArgumentException("unknown job " + args[i]);
                }
            }
        }
    }

    // the pipeline of docs/spark.md: fitted, saved, loaded, applied
    private static void pipeline(SparkSession spark, String model, Path out) throws IOException {
        Dataset<Row> input = SparkCorpora.read(spark, "data/test.de", SparkCorpora.Format.TEXT, "de", 4);
        SQLTransformer clean = new SQLTransformer().setStatement("SELECT trim(de) AS de FROM __THIS__");
        NmtTranslator translate = new NmtTranslator().setModelPath(model).setInputCol("de").setOutputCol("en")
                .setBeamSize(2);
        NmtAligner align = new NmtAligner().setModelPath(model).setSourceCol("de").setTargetCol("en")
                .setAlignmentCol("links").setWordLevel(true);
        PipelineModel fitted = new Pipeline().setStages(new PipelineStage[] {clean, translate, align}).fit(input);
        fitted.write().overwrite().save(out.resolve("pipeline").toString());
        write(out.resolve("pipeline.txt"), PipelineModel.load(out.resolve("pipeline").toString()).transform(input)
                .selectExpr("concat(en, ' ||| ', links)"));
    }

    // a one-column dataset's rows as lines, in order
    private static void write(Path file, Dataset<Row> rows) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Row row : rows.collectAsList()) {
            lines.add(row.getString(0));
        }
        Files.createDirectories(file.getParent());
        Files.write(file, lines);
    }
}
