package org.nmt4j.model.search;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nmt4j.compute.FloatCopies;
import org.nmt4j.compute.RowProducts;
import org.nmt4j.model.AlignmentHead;
import org.nmt4j.model.AlignmentJumps;
import org.nmt4j.model.Parameters;
import org.nmt4j.model.AttentionKind;

/**
 * The {@link AlignmentHead}'s weights for search, float copies made once: its additive score over the query
 * {@code [s_t ; E[y_t]] W_a = s_t W_a,state + E[y_t] W_a,word}, the state's part one product (Java's for a few rows,
 * BLAS's for more), the word's part looked up in a {@link TokenTable}; with a lookahead of L tokens, one table more
 * for each, {@code E[y_{t+k}] W_a,k}.
 */
final class AlignmentSearch {

    private final SearchAttention attention;
    private final INDArray stateWeights;    // W_a's first D rows [D,A]
    private final RowProducts stateRows;    // the same, for a few rows
    private final TokenTable[] words;       // E[y] W_a,word [V,A], then each following token's
    private final double[] jumps;           // the jump prior's weights (AlignmentJumps), or null

    AlignmentSearch(Parameters parameters, int stateSize, AttentionKind kind) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray wa = kind.training(parameters, AlignmentHead.PREFIX).queryProjection().value();
            long rows = wa.size(0);
            this.attention = new SearchAttention(kind.search(parameters, AlignmentHead.PREFIX));
            this.stateWeights = FloatCopies.array(wa.get(NDArrayIndex.interval(0, stateSize), NDArrayIndex.all())
                    .castTo(DataType.FLOAT));
            this.stateRows = new RowProducts(stateWeights, null);
            INDArray embedding = parameters.get("target.embedding").value();
            INDArray fromWord = FloatCopies.array(wa.get(NDArrayIndex.interval(stateSize, rows), NDArrayIndex.all())
                    .castTo(DataType.FLOAT));
            long e = embedding.size(1);
            this.words = new TokenTable[(int) (fromWord.size(0) / e)];
            for (int k = 0; k < words.length; k++) {
                words[k] = new TokenTable(embedding, fromWord.get(NDArrayIndex.interval(k * e, (k + 1) * e),
                        NDArrayIndex.all()).dup('c'), Nd4j.zeros(DataType.FLOAT, 1, fromWord.size(1)));
            }
            this.jumps = parameters.has(AlignmentJumps.NAME)
                    ? FloatCopies.readDoubles(parameters.get(AlignmentJumps.NAME).value()) : null;
        }
    }

    /** A step's weights [N,S] and, with a jump prior, where they leave each row for the next step (else null). */
    record Aligned(float[] weights, double[] next) {
    }

    /** L, how many tokens after the aligned one the query reads. */
    int lookahead() {
        return words.length - 1;
    }

    /**
     * hidden: s_t [N,D]; tokens: y_t [N], then y_{t+1} … y_{t+L} (at least L + 1 arrays); previous: where each row's
     * previous step aligned (AlignmentJumps' prev, [N·(S+1)]; null at the first step) -> the head's weights [N,S]
     * over each row's group in memory.
     */
    Aligned weights(float[] hidden, int[][] tokens, int[] groupOfRow, SearchMemory memory, double[] previous) {
        if (tokens.length < words.length) {
            throw new IllegalArgumentException("the alignment head reads " + words.length + " tokens a step, given "
                    + tokens.length);
        }
        float[] queries = SearchDecoder.times(hidden, tokens[0].length, stateRows, stateWeights);
        for (int k = 0; k < words.length; k++) {
            words[k].addRowsTo(tokens[k], queries);
        }
        if (jumps == null) {
            return new Aligned(attention.weights(queries, memory, groupOfRow), null);
        }
        int n = tokens[0].length;
        int s = memory.sourceLength();
        int[] lengths = new int[n];
        for (int r = 0; r < n; r++) {
            lengths[r] = memory.lengths()[groupOfRow[r]];
        }
        double[] prev = previous != null ? previous : AlignmentJumps.start(n, s);
        double[] bias = new double[n * s];
        AlignmentJumps.addBias(jumps, prev, n, s, lengths, bias);
        float[] weights = attention.weights(queries, memory, groupOfRow, bias);
        double[] alpha = new double[weights.length];
        for (int i = 0; i < alpha.length; i++) {
            alpha[i] = weights[i];
        }
        return new Aligned(weights, AlignmentJumps.next(prev, alpha, n, s, lengths));
    }
}
