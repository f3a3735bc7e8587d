package org.nmt4j.train;

import java.io.IOException;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.model.Parameters;

/**
 * An exponential moving average of the parameters (Polyak averaging; Marian's {@code --exponential-smoothing}):
 * after update t, {@code s ← s + r (θ − s)} with {@code r = max(α, 1/(t+1))}, so the first steps average uniformly
 * instead of remembering the initialisation. With a reference batch size R target tokens (Marian's second
 * {@code --exponential-smoothing} value), a step of T tokens moves the average as R-token steps would:
 * {@code α_T = 1 − (1 − α)^(T/R)}, so α means the same whatever the batch size. Validation and the saved model read the average ({@link #apply});
 * training goes on with θ. The checkpoint holds it, so a resumed run continues the same average.
 */
final class ParameterSmoothing {

    private final double alpha;
    private final double referenceTokens; // 0: α per step, whatever its size
    private final INDArray smoothed; // like the parameters' flat values
    private final INDArray trained;  // room for θ while the average is in the parameters

    ParameterSmoothing(Parameters parameters, double alpha) {
        this(parameters, alpha, 0);
    }

    /** α for steps of {@code referenceTokens} target tokens (0: α for every step). */
    ParameterSmoothing(Parameters parameters, double alpha, int referenceTokens) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), not " + alpha);
        }
        if (referenceTokens < 0) {
            throw new IllegalArgumentException("referenceTokens must be 0 or more, not " + referenceTokens);
        }
        this.alpha = alpha;
        this.referenceTokens = referenceTokens;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            smoothed = parameters.values().dup();
            trained = parameters.values().dup();
        }
    }

    /** The average, [1,P]: what a checkpoint saves and restores. */
    INDArray values() {
        return smoothed;
    }

    /** The rate of update {@code step} (from 1) of a reference-sized batch. */
    double rate(long step) {
        return Math.max(alpha, 1.0 / (step + 1));
    }

    /** The rate of update {@code step} (from 1), a batch of {@code tokens} target tokens. */
    double rate(long step, long tokens) {
        double a = referenceTokens > 0 ? -Math.expm1(tokens / referenceTokens * Math.log1p(-alpha)) : alpha;
        return Math.max(a, 1.0 / (step + 1));
    }

    /** Moves the average towards the parameters after update {@code step} (from 1) of {@code tokens} target tokens. */
    void update(Parameters parameters, long step, long tokens) {
        double r = rate(step, tokens);
        // s + r (θ − s) = (s − θ)(1 − r) + θ, in place
        smoothed.subi(parameters.values()).muli(1 - r).addi(parameters.values());
    }

    /** Runs {@code work} with the average in the parameters, then puts the trained values back. */
    <T> T apply(Parameters parameters, Work<T> work) throws IOException {
        trained.assign(parameters.values());
        parameters.values().assign(smoothed);
        try {
            return work.run();
        } finally {
            parameters.values().assign(trained);
        }
    }

    interface Work<T> {
        T run() throws IOException;
    }
}
