package org.nmt4j.translate;

import java.lang.ref.Reference;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.nmt4j.compute.SumExp;
import org.nmt4j.model.search.DecoderStep;
import org.nmt4j.text.Vocabulary;

/**
 * What search reads of one decoder step: per row (hypothesis), its k most probable tokens with their
 * log-probabilities, best first, and the attention weights [N,S].
 *
 * <p>ND4J's {@code log_softmax} and {@code top_k} ops took 25 ms and 1 s on [320, 5898] (beam 5 × 64 sentences) on
 * this machine, more than the step itself, so this reads each row of logits once, in parallel over rows: the
 * maximum, the k best, then log-sum-exp (with {@link SumExp}). {@code <pad>} and {@code <s>} are never proposed.
 * With a shortlist the logits' columns are its tokens ({@link DecoderStep#token}), the specials first, and
 * the softmax is over them.
 *
 * <p>The log-probabilities of particular tokens in every row (a constrained search's next pieces) come too when asked
 * ({@link #wanted}); they must be columns of the logits (no shortlist).
 */
record StepScores(float[] logProbabilities, int[] tokens, int k, float[] attention, int sourceLength, int rows,
                  int[] wanted, float[] wantedLogProbabilities) {

    /** No particular tokens asked for. */
    static final int[] NONE = new int[0];

    private static final ThreadLocal<float[]> ROW = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<float[]> SUM = ThreadLocal.withInitial(() -> new float[0]);

    /** One model's step: the k best of each row of its logits. */
    static StepScores top(DecoderStep step, int k, int[] wanted) {
        Logits logits = Logits.of(step);
        float[] logProbabilities = new float[logits.n * k];
        int[] tokens = new int[logits.n * k];
        float[] wantedLogProbabilities = new float[logits.n * wanted.length];
        rows(logits.n).forEach(row -> {
            float[] x = logits.row(row, ROW);
            float[] bestValues = new float[k];
            int[] bestTokens = new int[k];
            best(x, logits.v, bestValues, bestTokens);
            float logSum = logSum(x, logits.v, bestValues[0]);
            for (int i = 0; i < k; i++) {
                logProbabilities[row * k + i] = bestValues[i] - logSum;
                tokens[row * k + i] = step.token(bestTokens[i]);
            }
            for (int i = 0; i < wanted.length; i++) {
                wantedLogProbabilities[row * wanted.length + i] = x[wanted[i]] - logSum;
            }
        });
        return new StepScores(logProbabilities, tokens, k, step.attention(), step.sourceLength(), logits.n, wanted,
                wantedLogProbabilities);
    }

    /**
     * An ensemble's step: each token's score is {@code Σ_m w_m log p_m} over the members' steps (same rows, same
     * vocabulary), the k best of each row; the attention is the members' weighted mean.
     */
    static StepScores combine(List<DecoderStep> steps, float[] weights, int k, int[] wanted) {
        List<Logits> members = steps.stream().map(Logits::of).toList();
        int n = members.get(0).n;
        int v = members.get(0).v;
        float[] logProbabilities = new float[n * k];
        int[] tokens = new int[n * k];
        float[] wantedLogProbabilities = new float[n * wanted.length];
        rows(n).forEach(row -> {
            float[] sum = SUM.get();
            if (sum.length != v) {
                sum = new float[v];
                SUM.set(sum);
            }
            Arrays.fill(sum, 0f);
            for (int m = 0; m < members.size(); m++) {
                float[] x = members.get(m).row(row, ROW);
                float max = Float.NEGATIVE_INFINITY;
                for (int token = 0; token < v; token++) {
                    max = Math.max(max, x[token]);
                }
                float logSum = logSum(x, v, max);
                float w = weights[m];
                for (int token = 0; token < v; token++) {
                    sum[token] += w * (x[token] - logSum);
                }
            }
            float[] bestValues = new float[k];
            int[] bestTokens = new int[k];
            best(sum, v, bestValues, bestTokens);
            System.arraycopy(bestValues, 0, logProbabilities, row * k, k);
            for (int i = 0; i < k; i++) {
                tokens[row * k + i] = steps.get(0).token(bestTokens[i]); // the members score the same columns
            }
            for (int i = 0; i < wanted.length; i++) {
                wantedLogProbabilities[row * wanted.length + i] = sum[wanted[i]];
            }
        });
        float[] attention = weightedMean(steps.stream().map(DecoderStep::attention).toList(), weights);
        return new StepScores(logProbabilities, tokens, k, attention, steps.get(0).sourceLength(), n, wanted,
                wantedLogProbabilities);
    }

    /** Σ_m w_m a_m of equally long arrays. */
    static float[] weightedMean(List<float[]> arrays, float[] weights) {
        float[] out = new float[arrays.get(0).length];
        for (int m = 0; m < arrays.size(); m++) {
            float[] a = arrays.get(m);
            float w = weights[m];
            for (int i = 0; i < out.length; i++) {
                out[i] += w * a[i];
            }
        }
        return out;
    }

    // rows are independent: when ND4J itself may use several threads, so does this loop (the command line runs
    // single-threaded ND4J with a search per thread instead, see ParallelWork)
    private static IntStream rows(int n) {
        IntStream rows = IntStream.range(0, n);
        return NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads() > 1 ? rows.parallel() : rows;
    }

    // the k largest values of x[0, v) and their tokens, best first (ties: the lower token first)
    private static void best(float[] x, int v, float[] bestValues, int[] bestTokens) {
        int k = bestValues.length;
        Arrays.fill(bestValues, Float.NEGATIVE_INFINITY);
        for (int token = 0; token < v; token++) {
            float value = x[token];
            if (value > bestValues[k - 1]) {
                int i = k - 1;
                while (i > 0 && bestValues[i - 1] < value) {
                    bestValues[i] = bestValues[i - 1];
                    bestTokens[i] = bestTokens[i - 1];
                    i--;
                }
                bestValues[i] = value;
                bestTokens[i] = token;
            }
        }
    }

    // log Σ exp x over x[0, v), max being the largest x
    private static float logSum(float[] x, int v, float max) {
        return max + (float) Math.log(SumExp.of(x, v, max));
    }

    /** A step's logits [N,V] as float rows, {@code <pad>} and {@code <s>} at −∞ when a row is read. */
    // array: the logits themselves, held so that the NIO view of them stays valid (a view does not keep them reachable)
    private record Logits(INDArray array, FloatBuffer values, int base, int n, int v) {

        static Logits of(DecoderStep step) {
            INDArray logits = step.logits(); // [N,V]
            if (logits.dataType() != DataType.FLOAT) {
                logits = logits.castTo(DataType.FLOAT);
            }
            if (logits.ordering() != 'c' || logits.elementWiseStride() != 1) {
                logits = logits.dup('c');
            }
            return new Logits(logits, logits.data().asNioFloat(), (int) logits.offset(), (int) logits.size(0),
                    (int) logits.size(1));
        }

        float[] row(int row, ThreadLocal<float[]> buffer) {
            float[] x = buffer.get();
            if (x.length != v) {
                x = new float[v];
                buffer.set(x);
            }
            values.duplicate().position(base + row * v).get(x);
            Reference.reachabilityFence(array);
            x[Vocabulary.PAD_ID] = Float.NEGATIVE_INFINITY;
            x[Vocabulary.BOS_ID] = Float.NEGATIVE_INFINITY;
            return x;
        }
    }

    /** The i-th most probable token of a row (i from 0). */
    int token(int row, int i) {
        return tokens[row * k + i];
    }

    float logProbability(int row, int i) {
        return logProbabilities[row * k + i];
    }

    /** log p of the i-th wanted token in a row. */
    float wantedLogProbability(int row, int i) {
        return wantedLogProbabilities[row * wanted.length + i];
    }

    /** The attention row of one hypothesis over its sentence's real source positions. */
    float[] attention(int row, int realSourceLength) {
        float[] out = new float[realSourceLength];
        System.arraycopy(attention, row * sourceLength, out, 0, realSourceLength);
        return out;
    }
}
