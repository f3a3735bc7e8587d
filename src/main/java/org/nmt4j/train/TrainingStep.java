package org.nmt4j.train;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.compute.ParallelWork;
import org.nmt4j.compute.Precision;
import org.nmt4j.compute.Scratch;
import org.nmt4j.model.Batch;
import org.nmt4j.model.GuidedAlignment;
import org.nmt4j.model.CrossEntropy;
import org.nmt4j.model.NmtModel;

/**
 * One optimisation step: zero the gradients, forward and backward, clip, Adam. A batch may come as several shards
 * (parts of its sentences), one per thread: each shard runs forward and backward on its own replica of the model
 * (shared parameter values, gradients of its own) with its gradient scaled by the whole batch's token count, and the
 * replicas' gradients are added into the model's before the update; the result is the batch's mean-loss gradient.
 * Every temporary of the step lives in an ND4J workspace (one per thread) that is reset for the next step, so memory
 * stays flat instead of waiting for the garbage collector to free off-heap buffers.
 */
public final class TrainingStep {

    private final NmtModel model;
    private final AdamOptimizer optimizer;
    private final List<NmtModel> replicas = new ArrayList<>(); // shard i > 0 runs on replicas[i − 1]
    private final List<Random> shardRandom = new ArrayList<>();
    private final Precision precision;

    /** Steps in fp32. */
    public TrainingStep(NmtModel model, AdamOptimizer optimizer) {
        this(model, optimizer, Precision.FP32);
    }

    /**
     * Steps whose forward and backward products run in {@code precision} (the update, in fp32 always).
     *
     * @throws IllegalStateException if this processor cannot run that precision
     */
    public TrainingStep(NmtModel model, AdamOptimizer optimizer, Precision precision) {
        precision.requireSupported();
        this.model = model;
        this.optimizer = optimizer;
        this.precision = precision;
    }

    /** The precision named by a training config ({@code training.precision}). */
    public static Precision precision(org.nmt4j.config.TrainingConfig training) {
        return Precision.parse(training.precision());
    }

    /** What a step measured. */
    public record Result(double loss, long tokens, double gradientNorm) {
    }

    /**
     * Sizes the workspaces for the largest shards to come by running forward and backward on them once on every
     * thread, without an update, so that memory does not grow later when a longer batch arrives.
     */
    public void reserve(List<Batch> largest) {
        addReplicas(largest.size());
        ParallelWork.onEachThread(largest.size(), i -> {
            NmtModel shardModel = shardModel(i);
            try (Precision.Scope p = precision.use(); MemoryWorkspace ignored = Scratch.open()) {
                shardModel.lossAndGradients(largest.get(i), null);
            }
            shardModel.parameters().zeroGradients();
        });
    }

    /**
     * One update on a batch given as one or more shards; dropout masks come from rng (null: no dropout), shard 0
     * drawing from rng itself and shard i from a generator seeded by rng's seed and i. A NaN or infinite loss leaves
     * the parameters as they were.
     */
    public Result run(List<Batch> shards, Random rng) {
        return run(shards, rng, null);
    }

    /** The same with guided alignment's loss added to the objective (null: none). */
    public Result run(List<Batch> shards, Random rng, GuidedAlignment guided) {
        double[] losses = forwardBackward(shards, rng, guided);
        double sum = losses[0];
        long tokens = (long) losses[1];
        double loss = tokens == 0 ? 0 : sum / tokens;
        if (!Double.isFinite(loss)) {
            return new Result(loss, tokens, Double.NaN); // no update from a broken step
        }
        double norm;
        try (MemoryWorkspace ignored = Scratch.open()) {
            norm = optimizer.step();
        }
        return new Result(loss, tokens, norm);
    }

    /** One update on a batch in one piece. */
    public Result run(Batch batch, Random rng) {
        return run(List.of(batch), rng);
    }

    // shard 0 runs on the model itself, shard i > 0 on replica i − 1
    private NmtModel shardModel(int shard) {
        return shard == 0 ? model : replicas.get(shard - 1);
    }

    private void addReplicas(int shards) {
        while (replicas.size() < shards - 1) {
            replicas.add(model.replica());
            shardRandom.add(Nd4j.getRandomFactory().getNewRandomInstance(0));
        }
    }

    // the model's gradient buffer ends up holding the batch's gradient; returns {summed loss, tokens}
    private double[] forwardBackward(List<Batch> shards, Random rng, GuidedAlignment guided) {
        addReplicas(shards.size());
        long tokens = 0;
        for (Batch shard : shards) {
            tokens += shard.targetTokens();
        }
        double normalizer = tokens;
        CrossEntropy.Result[] results = new CrossEntropy.Result[shards.size()];
        ParallelWork.run(shards.size(), shards.size(), i -> {
            NmtModel shardModel = shardModel(i);
            Random random = rng;
            if (i > 0 && rng != null) {
                random = shardRandom.get(i - 1);
                random.setSeed(rng.getSeed() * 1_000_003L + i);
            }
            try (Precision.Scope p = precision.use(); MemoryWorkspace ignored = Scratch.open()) {
                shardModel.parameters().zeroGradients();
                results[i] = shardModel.lossAndGradients(shards.get(i), random, normalizer, guided);
            }
        });
        for (int i = 1; i < shards.size(); i++) {
            model.parameters().gradients().addi(shardModel(i).parameters().gradients());
        }
        double sum = 0;
        for (CrossEntropy.Result r : results) {
            sum += r.sumLoss();
        }
        return new double[] {sum, tokens};
    }
}
