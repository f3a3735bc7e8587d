package org.nmt4j.spark.train;

import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.compute.NativeThreads;
import org.nmt4j.config.ExperimentConfig;
import org.nmt4j.model.NmtModel;
import org.nmt4j.train.AdamOptimizer;
import org.nmt4j.train.BatchRunner;
import org.nmt4j.train.TrainingStep;

/**
 * The models an executor JVM trains with, kept between rounds (one per task running at once, reused by the next
 * round's tasks), and a worker's round: load the broadcast parameters and moments, run its batches with
 * {@link TrainingStep} exactly as {@code nmt4j train} runs a batch, hand back the parameters and moments.
 */
final class ExecutorTrainers {

    private static final Map<String, Queue<Worker>> IDLE = new ConcurrentHashMap<>();

    private ExecutorTrainers() {
    }

    private record Worker(ExperimentConfig config, NmtModel model, AdamOptimizer optimizer, TrainingStep step,
                          Random dropout) {
    }

    static RoundSum run(TrainingJob job, RoundStart start, RoundTask task, int roundSize) {
        NativeThreads.apply(); // the task's thread: ND4J and BLAS single-threaded
        Queue<Worker> idle = IDLE.computeIfAbsent(job.key(), k -> new ConcurrentLinkedQueue<>());
        Worker worker = idle.poll();
        if (worker == null) {
            worker = create(job);
        }
        try {
            return train(worker, start, task, roundSize);
        } finally {
            idle.add(worker);
        }
    }

    private static Worker create(TrainingJob job) {
        ExperimentConfig config = ExperimentConfig.parse("the driver's config", job.configYaml());
        NmtModel model = NmtModel.create(config.model(), job.sourceVocabularySize(), job.targetVocabularySize(),
                DataType.FLOAT, config.training().seed());
        AdamOptimizer optimizer = new AdamOptimizer(model.parameters(), config.training().learningRate(),
                config.training().clipNorm());
        optimizer.setThreads(1);
        return new Worker(config, model, optimizer, new TrainingStep(model, optimizer, TrainingStep.precision(config.training())),
                Nd4j.getRandomFactory().getNewRandomInstance(config.training().seed()));
    }

    private static RoundSum train(Worker w, RoundStart start, RoundTask task, int roundSize) {
        copyInto(start.parameters(), w.model().parameters().values());
        copyInto(start.moments(), w.optimizer().state());
        w.optimizer().setLearningRate(start.learningRate());
        w.optimizer().setIteration(start.iteration());
        double[] losses = new double[roundSize];
        long[] tokens = new long[roundSize];
        double[] norms = new double[roundSize];
        long seed = w.config().training().seed();
        for (int k = 0; k < task.batches().size(); k++) {
            w.dropout().setSeed(BatchRunner.dropoutSeed(seed, task.step() + k));
            TrainingStep.Result result = w.step().run(java.util.List.of(task.batches().get(k)), w.dropout(),
                    BatchRunner.guided(w.config(), task.step() + k));
            losses[task.offset() + k] = result.loss();
            tokens[task.offset() + k] = result.tokens();
            norms[task.offset() + k] = result.gradientNorm();
        }
        return new RoundSum(w.model().parameters().values().toFloatVector(), w.optimizer().state().toFloatVector(), 1,
                losses, tokens, norms);
    }

    /** Writes {@code values} into a flat row vector [1, n] in place. */
    static void copyInto(float[] values, INDArray target) {
        if (target.length() != values.length) {
            throw new IllegalStateException("the broadcast holds " + values.length + " values, the model "
                    + target.length());
        }
        FloatBuffer buffer = target.data().asNioFloat();
        buffer.position((int) target.offset());
        buffer.put(values);
    }
}
