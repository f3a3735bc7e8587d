package org.nmt4j.translate;

import java.nio.FloatBuffer;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.nmt4j.compute.SumExp;
import org.nmt4j.model.search.SearchDecoder;
import org.nmt4j.text.Vocabulary;

/**
 * What search reads of one decoder step: per row (hypothesis), its k most probable tokens with their
 * log-probabilities, best first, and the attention weights [N,S].
 *
 * <p>ND4J's {@code log_softmax} and {@code top_k} ops took 25 ms and 1 s on [320, 5898] (beam 5 × 64 sentences) on
 * this machine, more than the step itself, so this reads each row of logits once, in parallel over rows: the
 * maximum, the k best, then log-sum-exp (with {@link SumExp}). {@code <pad>} and {@code <s>} are never proposed.
 */
record StepScores(float[] logProbabilities, int[] tokens, int k, float[] attention, int sourceLength, int rows) {

    private static final ThreadLocal<float[]> ROW = ThreadLocal.withInitial(() -> new float[0]);

    static StepScores top(SearchDecoder.Step step, int k) {
        INDArray logits = step.logits(); // [N,V]
        if (logits.dataType() != org.nd4j.linalg.api.buffer.DataType.FLOAT) {
            logits = logits.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
        }
        if (logits.ordering() != 'c' || logits.elementWiseStride() != 1) {
            logits = logits.dup('c');
        }
        int n = (int) logits.size(0);
        int v = (int) logits.size(1);
        FloatBuffer values = logits.data().asNioFloat();
        int base = (int) logits.offset();
        float[] logProbabilities = new float[n * k];
        int[] tokens = new int[n * k];
        // rows are independent: when ND4J itself may use several threads, so does this loop (the command line runs
        // single-threaded ND4J with a search per thread instead, see ParallelWork)
        java.util.stream.IntStream rows = java.util.stream.IntStream.range(0, n);
        if (NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads() > 1) {
            rows = rows.parallel();
        }
        rows.forEach(row -> {
            float[] x = ROW.get();
            if (x.length != v) {
                x = new float[v];
                ROW.set(x);
            }
            values.duplicate().position(base + row * v).get(x);
            x[Vocabulary.PAD_ID] = Float.NEGATIVE_INFINITY;
            x[Vocabulary.BOS_ID] = Float.NEGATIVE_INFINITY;
            float[] bestValues = new float[k];
            int[] bestTokens = new int[k];
            java.util.Arrays.fill(bestValues, Float.NEGATIVE_INFINITY);
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
            float max = bestValues[0];
            float sum = SumExp.of(x, v, max);
            float logSum = max + (float) Math.log(sum);
            for (int i = 0; i < k; i++) {
                logProbabilities[row * k + i] = bestValues[i] - logSum;
                tokens[row * k + i] = bestTokens[i];
            }
        });
        return new StepScores(logProbabilities, tokens, k, step.attention(), step.sourceLength(), n);
    }

    /** The i-th most probable token of a row (i from 0). */
    int token(int row, int i) {
        return tokens[row * k + i];
    }

    float logProbability(int row, int i) {
        return logProbabilities[row * k + i];
    }

    /** The attention row of one hypothesis over its sentence's real source positions. */
    float[] attention(int row, int realSourceLength) {
        float[] out = new float[realSourceLength];
        System.arraycopy(attention, row * sourceLength, out, 0, realSourceLength);
        return out;
    }
}
