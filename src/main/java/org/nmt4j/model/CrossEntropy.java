package org.nmt4j.model;

import java.nio.FloatBuffer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nmt4j.compute.NdOps;
import org.nmt4j.compute.SumExp;

/**
 * Softmax cross-entropy over the real target tokens, averaged over their count, with optional label smoothing
 * (Szegedy et al. 2016): the target distribution is (1 − ε) on the reference token plus ε spread evenly over the
 * vocabulary.
 */
public final class CrossEntropy {

    private CrossEntropy() {
    }

    /** The mean loss, the summed loss, the number of real tokens, and the gradient of the mean loss w.r.t. logits. */
    public record Result(double meanLoss, double sumLoss, long tokens, INDArray dLogits) {
    }

    /**
     * logits: [N,V]; targets: [N] ids; mask: [N] (1 real, 0 padding). The logits are overwritten: they become the
     * returned gradient (an [N,V] array is the largest thing a training step holds; the step keeps one, not three).
     */
    public static Result forwardBackward(INDArray logits, int[] targets, double[] mask, double smoothing) {
        return forwardBackward(logits, targets, mask, smoothing, 0);
    }

    /**
     * As above, but the gradient is that of the summed loss divided by {@code divisor} (when positive) instead of
     * by these rows' own token count: the shards of one batch then each contribute their part of the batch's mean.
     */
    public static Result forwardBackward(INDArray logits, int[] targets, double[] mask, double smoothing,
                                         double divisor) {
        if (logits.dataType() == DataType.FLOAT && logits.ordering() == 'c' && logits.stride(1) == 1
                && (logits.size(0) == 1 || logits.stride(0) == logits.size(1))) {
            return forwardBackwardRows(logits, targets, mask, smoothing, divisor);
        }
        long n = logits.size(0);
        long vocabulary = logits.size(1);
        // log-softmax, stable: what the loss reads of the shifted logits is read before they are exponentiated
        NdOps.subColumnVector(logits, NdOps.max(logits, 1));
        INDArray rowSums = smoothing > 0 ? NdOps.sum(logits, 1) : null; // Σ_v (logit − max)
        double[] targetLogits = new double[(int) n];
        for (int i = 0; i < n; i++) {
            if (mask[i] != 0) {
                targetLogits[i] = logits.getDouble(i, targets[i]);
            }
        }
        INDArray probabilities = Transforms.exp(logits, false); // in place
        INDArray normalizer = NdOps.sum(probabilities, 1); // [N]
        NdOps.divColumnVector(probabilities, normalizer);
        INDArray logNormalizer = Transforms.log(normalizer, false);
        double sum = 0;
        long tokens = 0;
        for (int i = 0; i < n; i++) {
            if (mask[i] == 0) {
                continue;
            }
            tokens++;
            double z = logNormalizer.getDouble(i);
            double targetLogProbability = targetLogits[i] - z;
            double loss = -(1 - smoothing) * targetLogProbability;
            if (smoothing > 0) {
                double meanLogProbability = rowSums.getDouble(i) / vocabulary - z;
                loss -= smoothing * meanLogProbability;
            }
            sum += loss;
        }
        // d(mean loss)/d logits = (p − q) ⊙ m / tokens
        INDArray d = probabilities;
        if (smoothing > 0) {
            d.subi(smoothing / vocabulary);
        }
        for (int i = 0; i < n; i++) {
            if (mask[i] != 0) {
                d.putScalar(i, targets[i], d.getDouble(i, targets[i]) - (1 - smoothing));
            }
        }
        double[] scale = new double[(int) n];
        for (int i = 0; i < n; i++) {
            double by = divisor > 0 ? divisor : tokens;
            scale[i] = by == 0 ? 0 : mask[i] / by;
        }
        NdOps.scaleRows(d, scale);
        return new Result(tokens == 0 ? 0 : sum / tokens, sum, tokens, d);
    }

    // the same in float, a row at a time in Java: the row's maximum, its exponentials and their sum in one vectorized
    // pass (SumExp), the loss in double, the gradient written back in place; one read and one write of the [N,V]
    // logits where ND4J's ops above take nine passes
    private static Result forwardBackwardRows(INDArray logits, int[] targets, double[] mask, double smoothing,
                                              double divisor) {
        int n = (int) logits.size(0);
        int vocabulary = (int) logits.size(1);
        long tokens = 0;
        for (int i = 0; i < n; i++) {
            tokens += mask[i] != 0 ? 1 : 0;
        }
        double by = divisor > 0 ? divisor : tokens;
        FloatBuffer values = logits.data().asNioFloat();
        int base = (int) logits.offset();
        float[] row = new float[vocabulary];
        float spread = (float) (smoothing / vocabulary);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            int at = base + i * vocabulary;
            values.get(at, row, 0, vocabulary);
            float max = Float.NEGATIVE_INFINITY;
            for (int v = 0; v < vocabulary; v++) {
                max = Math.max(max, row[v]);
            }
            double shiftedSum = 0;
            if (smoothing > 0) {
                for (int v = 0; v < vocabulary; v++) {
                    shiftedSum += row[v] - max;
                }
            }
            double target = row[targets[i]] - max;
            float normalizer = SumExp.exponentiate(row, vocabulary, max);
            double logNormalizer = Math.log(normalizer);
            if (mask[i] != 0) {
                double loss = -(1 - smoothing) * (target - logNormalizer);
                if (smoothing > 0) {
                    loss -= smoothing * (shiftedSum / vocabulary - logNormalizer);
                }
                sum += loss;
            }
            float scale = by == 0 ? 0 : (float) (mask[i] / by);
            float inverse = 1 / normalizer;
            for (int v = 0; v < vocabulary; v++) {
                row[v] = (row[v] * inverse - spread) * scale;
            }
            if (mask[i] != 0) {
                row[targets[i]] -= (float) (1 - smoothing) * scale;
            }
            values.put(at, row, 0, vocabulary);
        }
        return new Result(tokens == 0 ? 0 : sum / tokens, sum, tokens, logits);
    }
}
