package org.nmt4j.model.search;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nmt4j.compute.FloatCopies;
import org.nmt4j.compute.RowProducts;
import org.nmt4j.model.AlignmentHead;
import org.nmt4j.model.Parameters;
import org.nmt4j.model.attention.AttentionKinds;

/**
 * The {@link AlignmentHead}'s weights for search, float copies made once: its additive score over the query
 * {@code [s_t ; E[y_t]] W_a = s_t W_a,state + E[y_t] W_a,word}, the state's part one product (Java's for a few rows,
 * BLAS's for more), the word's part looked up in a {@link TokenTable}.
 */
final class AlignmentSearch {

    private final SearchAttention attention;
    private final INDArray stateWeights;    // W_a's first D rows [D,A]
    private final RowProducts stateRows;    // the same, for a few rows
    private final TokenTable words;         // E[y] W_a,word [V,A]

    AlignmentSearch(Parameters parameters, int stateSize) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray wa = parameters.get(AlignmentHead.PREFIX + ".W_a").value();
            long rows = wa.size(0);
            this.attention = new SearchAttention(AttentionKinds.ALL.get("additive").search(parameters,
                    AlignmentHead.PREFIX));
            this.stateWeights = FloatCopies.array(wa.get(NDArrayIndex.interval(0, stateSize), NDArrayIndex.all())
                    .castTo(DataType.FLOAT));
            this.stateRows = new RowProducts(stateWeights, null);
            INDArray embedding = parameters.get("target.embedding").value();
            INDArray fromWord = FloatCopies.array(wa.get(NDArrayIndex.interval(stateSize, rows), NDArrayIndex.all())
                    .castTo(DataType.FLOAT));
            this.words = new TokenTable(embedding, fromWord, Nd4j.zeros(DataType.FLOAT, 1, fromWord.size(1)));
        }
    }

    /** hidden: s_t [N,D]; tokens: y_t [N] -> the head's weights [N,S] over each row's group in memory. */
    float[] weights(float[] hidden, int[] tokens, int[] groupOfRow, SearchMemory memory) {
        float[] queries = SearchDecoder.times(hidden, tokens.length, stateRows, stateWeights);
        words.addRowsTo(tokens, queries);
        return attention.weights(queries, memory, groupOfRow);
    }
}
