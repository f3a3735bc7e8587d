package org.nmt4j.model.search;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.compute.FloatCopies;
import org.nmt4j.compute.RowProducts;

/**
 * The output layer restricted to some target tokens (a lexical shortlist's, ascending): logits are then [N,K],
 * column c scoring {@code tokens[c]}. The Java product ({@link #rows}) is built at once; the ND4J arrays BLAS
 * needs for steps of more than {@link RowProducts#MAX_ROWS} hypotheses only when first asked for (a server's
 * running batch builds its columns again whenever sentences join it, and never needs them).
 */
public final class OutputColumns {

    private final int[] tokens;
    private final RowProducts rows;
    private final float[] byToken; // W_out transposed [V,O]
    private final float[] allBias; // [V]
    private INDArray weights;      // [O,K], when first needed
    private INDArray bias;         // [1,K]

    OutputColumns(int[] tokens, float[] byToken, float[] allBias, int o) {
        this.tokens = tokens;
        this.byToken = byToken;
        this.allBias = allBias;
        this.rows = RowProducts.ofColumns(byToken, o, tokens, allBias);
    }

    public int[] tokens() {
        return tokens;
    }

    public RowProducts rows() {
        return rows;
    }

    /** W_out's columns of the tokens, [O,K]. */
    public synchronized INDArray weights() {
        if (weights == null) {
            int o = byToken.length / allBias.length;
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                weights = FloatCopies.of(RowProducts.gather(byToken, o, tokens), o, tokens.length);
                bias = FloatCopies.of(RowProducts.gather(allBias, 1, tokens), 1, tokens.length);
            }
        }
        return weights;
    }

    /** The output bias of the tokens, [1,K]. */
    public synchronized INDArray bias() {
        weights();
        return bias;
    }
}
