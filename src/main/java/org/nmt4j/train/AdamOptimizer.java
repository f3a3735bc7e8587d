package org.nmt4j.train;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nmt4j.compute.ParallelWork;
import org.nmt4j.model.Parameters;

/**
 * Adam (Kingma and Ba 2015), ND4J's {@code AdamUpdater} formula in one Java pass, applied to the model's flat
 * gradient buffer after clipping the gradient's global L2 norm. Its moments live in one flat state buffer that a checkpoint saves (first moments,
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

    private static final int BLOCK = 4096;

    /**
     * Adam's update of one part, ND4J's {@code AdamUpdater} formula in one pass over the four buffers:
     * {@code m ← β1 m + (1 − β1) g}, {@code v ← β2 v + (1 − β2) g²}, {@code w ← w − step · m / (√v + ε)}, with g the
     * clipped gradient and step the bias-corrected learning rate. (ND4J's op, a scale and a subtraction made four
     * passes and took 40 ms a step for the reference model.)
     */
    private static void update(INDArray[] part, double scale, double step, double beta1, double beta2,
                               double epsilon) {
        INDArray g = part[0];
        int length = (int) g.length();
        if (g.dataType() == DataType.DOUBLE) {
            DoubleBuffer[] buffers = new DoubleBuffer[4];
            int[] offsets = new int[4];
            double[][] blocks = new double[4][BLOCK];
            for (int i = 0; i < 4; i++) {
                buffers[i] = part[i].data().asNioDouble();
                offsets[i] = (int) part[i].offset();
            }
            for (int from = 0; from < length; from += BLOCK) {
                int n = Math.min(BLOCK, length - from);
                for (int i = 0; i < 4; i++) {
                    buffers[i].get(offsets[i] + from, blocks[i], 0, n);
                }
                double[] gr = blocks[0];
                double[] w = blocks[1];
                double[] m = blocks[2];
                double[] v = blocks[3];
                for (int k = 0; k < n; k++) {
                    double gk = gr[k] * scale;
                    m[k] = beta1 * m[k] + gk * (1 - beta1);
                    v[k] = beta2 * v[k] + gk * gk * (1 - beta2);
                    w[k] -= m[k] * step / (Math.sqrt(v[k]) + epsilon);
                }
                for (int i = 1; i < 4; i++) {
                    buffers[i].put(offsets[i] + from, blocks[i], 0, n);
                }
            }
            return;
        }
        float sc = (float) scale;
        float st = (float) step;
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float eps = (float) epsilon;
        FloatBuffer[] buffers = new FloatBuffer[4];
        int[] offsets = new int[4];
        float[][] blocks = new float[4][BLOCK];
        for (int i = 0; i < 4; i++) {
            buffers[i] = part[i].data().asNioFloat();
            offsets[i] = (int) part[i].offset();
        }
        for (int from = 0; from < length; from += BLOCK) {
            int n = Math.min(BLOCK, length - from);
            for (int i = 0; i < 4; i++) {
                buffers[i].get(offsets[i] + from, blocks[i], 0, n);
            }
            float[] gr = blocks[0];
            float[] w = blocks[1];
            float[] m = blocks[2];
            float[] v = blocks[3];
            for (int k = 0; k < n; k++) {
                float gk = gr[k] * sc;
                m[k] = b1 * m[k] + gk * (1 - b1);
                v[k] = b2 * v[k] + gk * gk * (1 - b2);
                w[k] -= m[k] * st / ((float) Math.sqrt(v[k]) + eps);
            }
            for (int i = 1; i < 4; i++) {
                buffers[i].put(offsets[i] + from, blocks[i], 0, n);
            }
        }
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
        double step = learningRate * Math.sqrt(1 - Math.pow(config.getBeta2(), iteration + 1.0))
                / (1 - Math.pow(config.getBeta1(), iteration + 1.0));
        ParallelWork.run(PARTS, threads, p -> update(parts[p], scale, step, config.getBeta1(), config.getBeta2(),
                config.getEpsilon()));
        iteration++;
        return norm;
    }
}
