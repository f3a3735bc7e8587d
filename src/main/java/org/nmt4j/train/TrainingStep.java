package org.nmt4j.train;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.rng.Random;
import org.nmt4j.model.Batch;
import org.nmt4j.model.CrossEntropy;
import org.nmt4j.model.NmtModel;
import org.nmt4j.model.Scratch;

/**
 * One optimisation step: zero the gradients, forward and backward, clip, Adam. Every temporary of the step lives in
 * an ND4J workspace that is reset for the next step, so memory stays flat instead of waiting for the garbage
 * collector to free off-heap buffers.
 */
public final class TrainingStep {

    private static final String WORKSPACE_ID = "NMT4J_TRAINING_STEP";

    private final NmtModel model;
    private final AdamOptimizer optimizer;

    public TrainingStep(NmtModel model, AdamOptimizer optimizer) {
        this.model = model;
        this.optimizer = optimizer;
    }

    /** What a step measured. */
    public record Result(double loss, long tokens, double gradientNorm) {
    }

    /**
     * Sizes the step's workspace for the largest batch to come by running forward and backward on it once, without
     * an update, so that memory does not grow later when a longer batch arrives.
     */
    public void reserve(Batch largest) {
        try (MemoryWorkspace ignored = Scratch.open(WORKSPACE_ID)) {
            model.lossAndGradients(largest, null);
        }
        model.parameters().zeroGradients();
    }

    /**
     * One update on the batch; dropout masks come from rng (null: no dropout). A NaN or infinite loss leaves the
     * parameters as they were.
     */
    public Result run(Batch batch, Random rng) {
        try (MemoryWorkspace ignored = Scratch.open(WORKSPACE_ID)) {
            model.parameters().zeroGradients();
            CrossEntropy.Result loss = model.lossAndGradients(batch, rng);
            if (!Double.isFinite(loss.meanLoss())) {
                return new Result(loss.meanLoss(), loss.tokens(), Double.NaN); // no update from a broken step
            }
            double norm = optimizer.step();
            return new Result(loss.meanLoss(), loss.tokens(), norm);
        }
    }
}
