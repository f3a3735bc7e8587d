package org.nmt4j.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nmt4j.model.Parameters;

/**
 * Adam (Kingma and Ba 2015) through ND4J's own updater, applied to the model's whole flat gradient buffer at once,
 * after clipping the gradient's global L2 norm. Its moments live in one flat state buffer that a checkpoint saves.
 */
public final class AdamOptimizer {

    private final Parameters parameters;
    private final Adam config;
    private final INDArray state; // [1, 2·size]: first and second moments
    private final GradientUpdater<?> updater;
    private final double clipNorm;
    private int iteration;

    /** @param clipNorm the largest global gradient norm; 0 = no clipping */
    public AdamOptimizer(Parameters parameters, double learningRate, double clipNorm) {
        this.parameters = parameters;
        this.config = new Adam(learningRate);
        this.state = Nd4j.zeros(parameters.dataType(), 1, config.stateSize(parameters.size()));
        this.updater = config.instantiate(state, true);
        this.clipNorm = clipNorm;
    }

    public double learningRate() {
        return config.getLearningRate();
    }

    public void setLearningRate(double learningRate) {
        config.setLearningRate(learningRate);
    }

    /** Adam's moments, for checkpoints (a view: changes to it change the optimizer). */
    public INDArray state() {
        return state;
    }

    /** The number of updates made so far (Adam's bias correction depends on it). */
    public int iteration() {
        return iteration;
    }

    public void setIteration(int iteration) {
        this.iteration = iteration;
    }

    /** Clips the gradient, updates the parameters, and returns the gradient's norm before clipping. */
    public double step() {
        INDArray gradients = parameters.gradients();
        double norm = gradients.norm2Number().doubleValue();
        if (clipNorm > 0 && norm > clipNorm) {
            gradients.muli(clipNorm / norm);
        }
        updater.applyUpdater(gradients, iteration, 0);
        parameters.values().subi(gradients);
        iteration++;
        return norm;
    }
}
