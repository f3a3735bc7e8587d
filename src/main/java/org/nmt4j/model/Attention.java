package org.nmt4j.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.compute.FloatCopies;

/**
 * Attention over the encoder states: a pluggable {@link AttentionScore}, a softmax over the real source positions
 * (padding gets weight exactly 0), and the context vector {@code c_t = Σ_j α_tj h_j}. The queries (and their
 * projection's gradients) are products in ND4J; the scores, the softmax, the context and their backward are Java
 * loops over the memory's batch-major rows, in double (a float model's values are widened once per batch), with no
 * ND4J operation per source position.
 */
public final class Attention {

    private final AttentionScore score;

    public Attention(AttentionScore score) {
        this.score = score;
    }

    public AttentionScore score() {
        return score;
    }

    /**
     * One step's result: the weights α (batch-major, [B·S], 0 at padding), the context [B,2H], and the queries
     * [B·K] backward needs.
     */
    public record Step(double[] alpha, INDArray context, double[] queries) {

        /** α as an array [S,B] of the given type. */
        public INDArray weights(DataType type, int sourceLength) {
            int b = alpha.length / sourceLength;
            return FloatCopies.ofDoubles(alpha, type, b, sourceLength).transpose().dup('c');
        }
    }

    /** The gradients a backward pass gathers over all steps: of the keys [B·S·K] and of the values [B·S·2H]. */
    public static final class MemoryGradients {
        private final double[] keys;
        private final double[] values;
        private final EncoderMemory memory;

        public MemoryGradients(EncoderMemory memory) {
            this.memory = memory;
            this.keys = new double[memory.keyRows().length];
            this.values = new double[memory.valueRows().length];
        }

        /** The keys' gradient, [S,B,K] like the keys. */
        public INDArray keys() {
            return timeMajor(keys, memory.keySize());
        }

        /** The values' gradient through the contexts, [S,B,2H] like the values. */
        public INDArray values() {
            return timeMajor(values, memory.valueSize());
        }

        private INDArray timeMajor(double[] rows, int width) {
            INDArray byBatch = FloatCopies.ofDoubles(rows, memory.values().dataType(), memory.batchSize(),
                    memory.sourceLength(), width);
            return byBatch.permute(1, 0, 2).dup('c');
        }
    }

    // query s_{t-1}: [B,D] -> α: [B·S], c: [B,2H]
    public Step forward(INDArray query, EncoderMemory memory) {
        int b = memory.batchSize();
        int s = memory.sourceLength();
        int c = memory.valueSize();
        Param projection = score.queryProjection();
        double[] queries = FloatCopies.readDoubles(projection == null ? query : query.mmul(projection.value()));
        double[] alpha = new double[b * s];
        score.scores(queries, memory, alpha);
        boolean[] real = memory.real();
        double[] values = memory.valueRows();
        double[] context = new double[b * c];
        double[] row = new double[c];
        for (int i = 0; i < b; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < s; j++) {
                if (real[i * s + j]) {
                    max = Math.max(max, alpha[i * s + j]);
                }
            }
            double sum = 0;
            for (int j = 0; j < s; j++) {
                int at = i * s + j;
                alpha[at] = real[at] ? Math.exp(alpha[at] - max) : 0;
                sum += alpha[at];
            }
            java.util.Arrays.fill(row, 0);
            for (int j = 0; j < s; j++) {
                int at = i * s + j;
                if (real[at]) {
                    double weight = alpha[at] / sum;
                    alpha[at] = weight;
                    int from = at * c;
                    for (int k = 0; k < c; k++) {
                        row[k] += weight * values[from + k];
                    }
                }
            }
            System.arraycopy(row, 0, context, i * c, c);
        }
        return new Step(alpha, FloatCopies.ofDoubles(context, query.dataType(), b, c), queries);
    }

    /**
     * dContext [B,2H] -> dQuery [B,D], through the weights and the scores; adds the gradients of the keys and of
     * the values (through the context) into gradients.
     */
    public INDArray backward(Step step, INDArray query, EncoderMemory memory, INDArray dContext,
                             MemoryGradients gradients) {
        int b = memory.batchSize();
        int s = memory.sourceLength();
        int c = memory.valueSize();
        double[] alpha = step.alpha();
        double[] dc = FloatCopies.readDoubles(dContext);
        double[] values = memory.valueRows();
        double[] dValues = gradients.values;
        double[] dScores = new double[b * s];
        for (int i = 0; i < b; i++) {
            double expected = 0; // Σ_j α_j dα_j
            for (int j = 0; j < s; j++) {
                int at = i * s + j;
                double weight = alpha[at];
                if (weight == 0) {
                    continue;
                }
                // c = Σ_j α_j h_j: dα_j = h_j · dc, dh_j += α_j dc
                double dWeight = 0;
                int from = at * c;
                for (int k = 0; k < c; k++) {
                    dWeight += values[from + k] * dc[i * c + k];
                    dValues[from + k] += weight * dc[i * c + k];
                }
                dScores[at] = dWeight;
                expected += weight * dWeight;
            }
            for (int j = 0; j < s; j++) { // α = softmax(e): de = α ⊙ (dα − Σ_j α_j dα_j)
                int at = i * s + j;
                dScores[at] = alpha[at] * (dScores[at] - expected);
            }
        }
        double[] dQueries = new double[step.queries().length];
        score.backward(step.queries(), dScores, memory, dQueries, gradients.keys);
        INDArray dq = FloatCopies.ofDoubles(dQueries, query.dataType(), b, dQueries.length / b);
        Param projection = score.queryProjection();
        if (projection == null) {
            return dq;
        }
        Nd4j.gemm(query, dq, projection.gradient(), true, false, 1.0, 1.0);
        INDArray dQuery = Nd4j.createUninitialized(query.dataType(), b, query.size(1));
        Nd4j.gemm(dq, projection.value(), dQuery, false, true, 1.0, 0.0);
        return dQuery;
    }
}
