package org.nmt4j.train;

import java.util.List;

import org.nmt4j.config.ExperimentConfig;
import org.nmt4j.data.EpochBatches;
import org.nmt4j.model.NmtModel;

/**
 * How a {@link Trainer} runs the next batches of an epoch: one batch at a time on this machine ({@link Local}), or a
 * round of several batches across a cluster whose workers' parameters are then averaged (nmt4j on Spark). Whatever
 * runs them, the trainer validates, logs, checkpoints and schedules as it always does, over the model and optimizer
 * it holds, which the runner leaves with the parameters and Adam moments after the batches.
 */
public interface BatchRunner {

    /** Makes the runner of a training, over the trainer's data, model and optimizer. */
    interface Factory {
        BatchRunner create(ExperimentConfig config, TrainingData data, NmtModel model, AdamOptimizer optimizer);
    }

    /**
     * What a run did: a result per batch, in order (at least one), and the wall time of them all.
     */
    record Ran(List<TrainingStep.Result> results, double seconds) {
    }

    /**
     * Trains on the first batches of {@code upcoming} (the epoch's next batches, as indices into the training pairs;
     * at most {@link #batchesPerRun} of them), at most {@code limit} of them (at least 1); the first is the
     * training's step {@code step + 1}, so its dropout draws from the seed and {@code step}.
     */
    Ran run(List<int[]> upcoming, long step, int limit);

    /** The most batches one {@link #run} trains on (one here; a round's worth on a cluster). */
    default int batchesPerRun() {
        return 1;
    }

    /** Sizes what the runner allocates on the largest batches of an epoch (nothing by default). */
    default void reserve(EpochBatches batches) {
    }

    /** The seed of the dropout masks of the step after {@code step} steps, wherever that step runs. */
    static long dropoutSeed(long seed, long step) {
        return seed * 1_000_003L + step;
    }

    /** Adam's update count after {@code step} steps (a resumed run sets it): one update per step here. */
    default int iterationAt(long step) {
        return (int) step;
    }

    /** Guided alignment's loss at a step, with its weight decayed to the step; null when training is not guided. */
    static org.nmt4j.model.GuidedAlignment guided(ExperimentConfig config, long step) {
        org.nmt4j.config.GuidedAlignmentConfig g = config.training().guidedAlignment();
        if (!g.enabled()) {
            return null;
        }
        org.nmt4j.model.GuidedAlignment guided = new org.nmt4j.model.GuidedAlignment(g.weightAt(step),
                org.nmt4j.model.GuidedAlignment.Cost.valueOf(g.cost().toUpperCase(java.util.Locale.ROOT)));
        guided = g.unalignedToEos() ? guided.withUnlinkedToEnd() : guided;
        return g.detach() ? guided.withDetached() : guided;
    }

    /** One batch at a time, its shards on the config's threads: what {@code nmt4j train} runs. */
    final class Local implements BatchRunner {

        private final ExperimentConfig config;
        private final TrainingData data;
        private final TrainingStep step;
        private final org.nd4j.linalg.api.rng.Random dropout;

        public Local(ExperimentConfig config, TrainingData data, NmtModel model, AdamOptimizer optimizer) {
            this.config = config;
            this.data = data;
            this.step = new TrainingStep(model, optimizer, TrainingStep.precision(config.training()));
            this.dropout = org.nd4j.linalg.factory.Nd4j.getRandomFactory().getNewRandomInstance(
                    config.training().seed());
        }

        /** Sizes the step's workspaces on the largest shards of these batches. */
        @Override
        public void reserve(EpochBatches batches) {
            step.reserve(TrainingData.largestShards(batches.extent(), config.training().workThreads()));
        }

        @Override
        public Ran run(List<int[]> upcoming, long stepsSoFar, int limit) {
            List<org.nmt4j.model.Batch> batch = TrainingData.shards(data.train(), upcoming.get(0),
                    config.training().workThreads());
            dropout.setSeed(dropoutSeed(config.training().seed(), stepsSoFar));
            long before = System.nanoTime();
            TrainingStep.Result result = step.run(batch, dropout, guided(config, stepsSoFar));
            return new Ran(List.of(result), (System.nanoTime() - before) / 1e9);
        }
    }
}
