package org.nmt4j.spark.train;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.nmt4j.config.ExperimentConfig;
import org.nmt4j.model.Batch;
import org.nmt4j.model.NmtModel;
import org.nmt4j.train.AdamOptimizer;
import org.nmt4j.train.BatchRunner;
import org.nmt4j.train.TrainingData;
import org.nmt4j.train.TrainingStep;

/**
 * Parameter averaging on Spark (the design of DL4J's {@code ParameterAveragingTrainingMaster}): a round hands each
 * of W workers K consecutive batches of the epoch (the same batches, in the same order, that {@code nmt4j train}
 * would run one after the other), each worker trains on its batches from the broadcast parameters and Adam
 * moments, and the driver sets its model and optimizer to the workers' averages (added in task order by
 * {@link OrderedSum}, so the rounding does not depend on which task finishes first). A failed task is retried by
 * Spark and computes the same result: a task is a function of the broadcast and its batches. Adam's update count
 * after s steps is ⌈s / W⌉, so a resumed run continues exactly.
 */
final class AveragingRunner implements BatchRunner {

    private final JavaSparkContext spark;
    private final int workers;
    private final int steps;
    private final TrainingData data;
    private final NmtModel model;
    private final AdamOptimizer optimizer;
    private final Broadcast<TrainingJob> job;

    AveragingRunner(JavaSparkContext spark, int workers, ExperimentConfig config, TrainingData data, NmtModel model,
                    AdamOptimizer optimizer) {
        this.spark = spark;
        this.workers = workers;
        this.steps = config.training().averageEvery();
        this.data = data;
        this.model = model;
        this.optimizer = optimizer;
        this.job = spark.broadcast(new TrainingJob(config.yaml(), data.sourceVocabulary().size(),
                data.targetVocabulary().size()));
    }

    @Override
    public int iterationAt(long step) {
        return (int) ((step + workers - 1) / workers);
    }

    @Override
    public int batchesPerRun() {
        return workers * steps;
    }

    @Override
    public Ran run(List<int[]> upcoming, long step, int limit) {
        long started = System.nanoTime();
        int n = Math.min(Math.min(limit, upcoming.size()), workers * steps);
        int each = (n + workers - 1) / workers;
        List<RoundTask> tasks = new ArrayList<>();
        for (int offset = 0; offset < n; offset += each) {
            List<Batch> batches = new ArrayList<>();
            for (int k = offset; k < Math.min(n, offset + each); k++) {
                batches.add(TrainingData.batch(data.train(), upcoming.get(k)));
            }
            tasks.add(new RoundTask(offset, step + offset, batches));
        }
        Broadcast<RoundStart> start = spark.broadcast(new RoundStart(model.parameters().values().toFloatVector(),
                optimizer.state().toFloatVector(), optimizer.learningRate(), iterationAt(step)));
        try {
            Broadcast<TrainingJob> training = job;
            int roundSize = n;
            JavaRDD<RoundTask> round = spark.parallelize(tasks, tasks.size());
            int perTask = each;
            RoundSum sum = OrderedSum.of(round.mapToPair(task -> new scala.Tuple2<>(task.offset() / perTask,
                    ExecutorTrainers.run(training.value(), start.value(), task, roundSize))), tasks.size());
            average(sum.parameters(), sum.workers());
            average(sum.moments(), sum.workers());
            ExecutorTrainers.copyInto(sum.parameters(), model.parameters().values());
            ExecutorTrainers.copyInto(sum.moments(), optimizer.state());
            optimizer.setIteration(iterationAt(step + n));
            List<TrainingStep.Result> results = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                results.add(new TrainingStep.Result(sum.losses()[i], sum.tokens()[i], sum.norms()[i]));
            }
            return new Ran(results, (System.nanoTime() - started) / 1e9);
        } finally {
            start.destroy();
        }
    }

    private static void average(float[] sum, int count) {
        float scale = 1f / count;
        for (int i = 0; i < sum.length; i++) {
            sum[i] *= scale;
        }
    }
}
