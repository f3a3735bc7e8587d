package org.nmt4j.model.attention;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.compute.Products;
import org.nmt4j.compute.Activations;
import org.nmt4j.compute.FloatCopies;
import org.nmt4j.model.EncoderMemory;
import org.nmt4j.model.Param;

/**
 * Local attention's window (Luong et al. 2015, local-p), for any score: a centre predicted from the query,
 * {@code p_t = S_b · σ(v_pᵀ tanh(W_p s_{t−1}))} with S_b the sentence's real length; only positions with
 * {@code |j − p_t| ≤ W} are scored and take part in the softmax, and each weight is then multiplied by a Gaussian
 * {@code exp(−(j − p_t)² / (2σ²))}, σ = W/2 (the weights are not renormalised, as in the paper). The window's edges
 * are a hard choice; gradients reach p_t (and W_p, v_p, the query) through the Gaussian. Training's half, in double;
 * search computes the same centres and {@link #first}/{@link #end}/{@link #gaussian} over float states.
 *
 * @param wp    W_p [D,A]
 * @param vp    v_p [A,1]
 * @param width W, positions on each side of the centre
 */
public record LocalWindow(Param wp, Param vp, int width) {

    /** The first position of the window around p: ⌈p − W⌉, at least 0. */
    public static int first(double p, int width) {
        return Math.max(0, (int) Math.ceil(p - width));
    }

    /** One past the last position of the window around p: ⌊p + W⌋ + 1, at most the sentence's length. */
    public static int end(double p, int width, int length) {
        return Math.min(length, (int) Math.floor(p + width) + 1);
    }

    /** The Gaussian weight of position j for a centre p: exp(−(j − p)² / (2 (W/2)²)). */
    public static double gaussian(int j, double p, int width) {
        double d = j - p;
        return Math.exp(-2 * d * d / ((double) width * width));
    }

    /** d gaussian / dp at position j, over the gaussian itself: (j − p) / σ². */
    private static double gaussianSlope(int j, double p, int width) {
        return 4 * (j - p) / ((double) width * width);
    }

    /** A step's centres [B] and what backward needs: tanh(W_p s) [B·A] and σ(·) [B]. */
    public record Centres(double[] centres, double[] hidden, double[] sigmoid, int[] lengths) {
    }

    // query s_{t-1} [B,D] -> p [B]
    public Centres forward(INDArray query, EncoderMemory memory) {
        int b = memory.batchSize();
        int s = memory.sourceLength();
        int a = (int) vp.value().length();
        double[] hidden = FloatCopies.readDoubles(query.mmul(wp.value())); // [B,A]
        Activations.tanh(hidden, hidden.length, memory.exact());
        double[] v = FloatCopies.readDoubles(vp.value());
        double[] sigmoid = new double[b];
        double[] centres = new double[b];
        int[] lengths = new int[b];
        for (int i = 0; i < b; i++) {
            double z = 0;
            for (int k = 0; k < a; k++) {
                z += hidden[i * a + k] * v[k];
            }
            for (int j = 0; j < s; j++) {
                lengths[i] += memory.real()[i * s + j] ? 1 : 0;
            }
            sigmoid[i] = 1 / (1 + Math.exp(-z));
            centres[i] = lengths[i] * sigmoid[i];
        }
        return new Centres(centres, hidden, sigmoid, lengths);
    }

    /** Whether position j of sentence i is in its window (and real). */
    public boolean inside(Centres centres, int i, int j) {
        double p = centres.centres()[i];
        return j >= first(p, width) && j < end(p, width, centres.lengths()[i]);
    }

    /** The Gaussian weight of position j of sentence i. */
    public double gaussian(Centres centres, int i, int j) {
        return gaussian(j, centres.centres()[i], width);
    }

    /**
     * Adds into dCentres [B] the gradient of sentence i's centre from the gradients dGaussian of its window's
     * Gaussian weights at positions [first, end).
     */
    public void centreGradient(Centres centres, int i, int j, double dGaussian, double[] dCentres) {
        double p = centres.centres()[i];
        dCentres[i] += dGaussian * gaussian(j, p, width) * gaussianSlope(j, p, width);
    }

    /** dCentres [B] -> dQuery [B,D]; adds W_p's and v_p's gradients. */
    public INDArray backward(Centres centres, INDArray query, double[] dCentres) {
        int b = dCentres.length;
        double[] hidden = centres.hidden();
        int a = hidden.length / b;
        double[] v = FloatCopies.readDoubles(vp.value());
        double[] dv = new double[a];
        double[] dPre = new double[b * a];
        for (int i = 0; i < b; i++) {
            double sig = centres.sigmoid()[i];
            double dz = dCentres[i] * centres.lengths()[i] * sig * (1 - sig);
            for (int k = 0; k < a; k++) {
                double u = hidden[i * a + k];
                dv[k] += dz * u;
                dPre[i * a + k] = dz * v[k] * (1 - u * u);
            }
        }
        vp.gradient().addi(FloatCopies.ofDoubles(dv, query.dataType(), a, 1));
        INDArray pre = FloatCopies.ofDoubles(dPre, query.dataType(), b, a);
        Products.gemm(query, pre, wp.gradient(), true, false, 1.0, 1.0);
        INDArray dQuery = Nd4j.createUninitialized(query.dataType(), b, query.size(1));
        Products.gemm(pre, wp.value(), dQuery, false, true, 1.0, 0.0);
        return dQuery;
    }
}
