package org.nmt4j.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nmt4j.compute.ParallelWork;
import org.nmt4j.model.Parameters;

/**
 * Adam (Kingma and Ba 2015) through ND4J's own updater op, applied to the model's flat gradient buffer after clipping
 * the gradient's global L2 norm. Its moments live in one flat state buffer that a checkpoint saves (first moments,
 * then second, as ND4J's {@code AdamUpdater} lays them out). The buffers are updated in two halves, side by side when
 * two threads are given: every element gets the same update either way, and the norm is summed over the same two
 * halves whatever the thread count.
 */
public final class AdamOptimizer {

    private static final int PARTS = 2;

    private final Parameters parameters;
    private final Adam config;
    private final INDArray state; // [1, 2·size]: first and second moments
    private final double clipNorm;
    private final INDArray[][] parts; // per half: gradients, values, first moments, second moments
    private int iteration;
    private int threads = 1;

    /** @param clipNorm the largest global gradient norm; 0 = no clipping */
    public AdamOptimizer(Parameters parameters, double learningRate, double clipNorm) {
        this.parameters = parameters;
        this.config = new Adam(learningRate);
        this.state = Nd4j.zeros(parameters.dataType(), 1, config.stateSize(parameters.size()));
        this.clipNorm = clipNorm;
        long size = parameters.size();
        this.parts = new INDArray[PARTS][];
        for (int p = 0; p < PARTS; p++) {
            long from = size * p / PARTS;
            long to = size * (p + 1) / PARTS;
            parts[p] = new INDArray[] {range(parameters.gradients(), from, to), range(parameters.values(), from, to),
                range(state, from, to), range(state, size + from, size + to)};
        }
    }

    private static INDArray range(INDArray flat, long from, long to) {
        return flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(from, to));
    }

    /** How many threads share an update (1 or more). */
    public void setThreads(int threads) {
        this.threads = Math.max(1, threads);
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
        double[] squares = new double[PARTS];
        ParallelWork.run(PARTS, threads, p -> {
            double half = parts[p][0].norm2Number().doubleValue();
            squares[p] = half * half;
        });
        double norm = Math.sqrt(squares[0] + squares[1]);
        double scale = clipNorm > 0 && norm > clipNorm ? clipNorm / norm : 1;
        double learningRate = config.getLearningRate(iteration, 0);
        ParallelWork.run(PARTS, threads, p -> {
            INDArray gradients = parts[p][0];
            if (scale != 1) {
                gradients.muli(scale);
            }
            // the op writes the update over the gradients and advances the moments in place
            Nd4j.exec(new org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater(gradients, parts[p][3], parts[p][2],
                    learningRate, config.getBeta1(), config.getBeta2(), config.getEpsilon(), iteration));
            parts[p][1].subi(gradients);
        });
        iteration++;
        return norm;
    }
}
