package org.nmt4j.train;

import java.io.IOException;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.model.Parameters;

/**
 * An exponential moving average of the parameters (Polyak averaging; Marian's {@code --exponential-smoothing}):
 * after update t, {@code s ← s + r (θ − s)} with {@code r = max(α, 1/(t+1))}, so the first steps average uniformly
 * instead of remembering the initialisation. Validation and the saved model read the average ({@link #apply});
 * training goes on with θ. The checkpoint holds it, so a resumed run continues the same average.
 */
final class ParameterSmoothing {

    private final double alpha;
    private final INDArray smoothed; // like the parameters' flat values
    private final INDArray trained;  // room for θ while the average is in the parameters

    ParameterSmoothing(Parameters parameters, double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), not " + alpha);
        }
        this.alpha = alpha;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            smoothed = parameters.values().dup();
            trained = parameters.values().dup();
        }
    }

    /** The average, [1,P]: what a checkpoint saves and restores. */
    INDArray values() {
        return smoothed;
    }

    /** The rate of update {@code step} (from 1). */
    double rate(long step) {
        return Math.max(alpha, 1.0 / (step + 1));
    }

    /** Moves the average towards the parameters after update {@code step} (from 1). */
    void update(Parameters parameters, long step) {
        double r = rate(step);
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
