package org.nmt4j.spark.train;

import java.io.Serializable;

/**
 * The sum of the workers' results of a round, which Spark's tree reduction adds up: their parameters and Adam
 * moments after their batches (the driver divides by {@code workers}), and each batch's loss, target tokens and
 * gradient norm at its place in the round (a worker fills only its own places).
 */
record RoundSum(float[] parameters, float[] moments, int workers, double[] losses, long[] tokens, double[] norms)
        implements Serializable {

    RoundSum plus(RoundSum other) {
        add(parameters, other.parameters);
        add(moments, other.moments);
        for (int i = 0; i < losses.length; i++) {
            losses[i] += other.losses[i];
            tokens[i] += other.tokens[i];
            norms[i] += other.norms[i];
        }
        return new RoundSum(parameters, moments, workers + other.workers, losses, tokens, norms);
    }

    private static void add(float[] into, float[] from) {
        for (int i = 0; i < into.length; i++) {
            into[i] += from[i];
        }
    }
}
