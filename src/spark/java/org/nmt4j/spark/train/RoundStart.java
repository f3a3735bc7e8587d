package org.nmt4j.spark.train;

import java.io.Serializable;

/**
 * The driver's state at the start of an averaging round, broadcast to the workers: the parameters, Adam's moments
 * (first then second, as {@code AdamOptimizer.state()} lays them out), the learning rate and Adam's update count.
 */
record RoundStart(float[] parameters, float[] moments, double learningRate, int iteration) implements Serializable {
}
