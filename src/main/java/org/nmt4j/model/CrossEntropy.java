package org.nmt4j.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nmt4j.compute.NdOps;

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
        NdOps.mulColumnVector(d, org.nd4j.linalg.factory.Nd4j.createFromArray(scale).castTo(d.dataType()));
        return new Result(tokens == 0 ? 0 : sum / tokens, sum, tokens, d);
    }
}
