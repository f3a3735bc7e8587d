package org.nmt4j.model.search;

import java.lang.ref.Reference;
import java.nio.FloatBuffer;
import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nmt4j.compute.FloatCopies;
import org.nmt4j.compute.NdOps;
import org.nmt4j.compute.RowProducts;

/**
 * What a layer computes from a token alone, {@code E[y] W + b} for every token y, looked up instead of multiplied.
 * The rows of the most frequent tokens (the lowest ids: a vocabulary lists its tokens by descending frequency) are
 * computed when the table is made, as many as {@link #BUDGET_BYTES} holds: for the reference model 1,365 of the
 * source side's 7,882 rows of 1,536 floats and 1,170 of the target side's 5,894, which cover about 92 % and 93 % of
 * Multi30k's tokens. A rarer token's row is computed whenever it is asked for ({@link RowProducts}: W once per call)
 * and not kept; decoding is as fast as with every row kept (which took 90 MB for that model, and the old generation's
 * share of resident memory with it). So a table's memory is fixed when the model is loaded and does not grow with
 * what is translated; keeping rows as tokens are first met would grow a long translation's memory by up to the whole
 * [V,W] (reference model, greedy: 1,000 lines 452 MB peak, 1,000,000 lines 538 MB; a 32,000-piece model's by about
 * a gigabyte).
 *
 * <p>A row's value never depends on which other rows were computed with it (a product's rounding can depend on its
 * row count and a row's place in it): kept rows by fixed blocks of {@link #BLOCK} consecutive tokens, each always by
 * the same product, rare ones a row at a time; so translations do not depend on batching or on threads. Immutable
 * once made, so thread-safe; the rows it returns are its own and must not be written.
 */
final class TokenTable {

    /** Kept rows are computed by blocks of this many consecutive tokens. */
    static final int BLOCK = 64;

    /** The most memory a table keeps rows in. */
    static final long BUDGET_BYTES = 8L << 20;

    private final int width;
    private final int embeddingSize;
    private final float[][] rows;       // [kept][W]: the rows of tokens 0 .. kept−1
    private final float[] rare;         // [V−kept, E]: the embedding rows of the others (null: none)
    private final RowProducts products; // W and b, for those (null: none)

    /** embedding [V,E], weights [E,W], bias [1,W]: the rows that fit in {@link #BUDGET_BYTES} are computed now. */
    TokenTable(INDArray embedding, INDArray weights, INDArray bias) {
        this(embedding, weights, bias, BUDGET_BYTES);
    }

    TokenTable(INDArray embedding, INDArray weights, INDArray bias, long budgetBytes) {
        int v = (int) embedding.size(0);
        this.width = (int) weights.size(1);
        this.embeddingSize = (int) embedding.size(1);
        int kept = (int) Math.min(v, budgetBytes / (4L * width));
        this.rows = new float[kept][];
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray e = FloatCopies.array(embedding);
            INDArray w = FloatCopies.array(weights);
            INDArray b = FloatCopies.array(bias).reshape(1, width);
            // one output array for every block: a new one per block was garbage off the heap, freed only by a
            // collection (a one-sentence translation peaked 128 MB higher, not 90)
            INDArray computed = Nd4j.createUninitialized(DataType.FLOAT, BLOCK, width);
            for (int first = 0; first < kept; first += BLOCK) {
                fillBlock(e, w, b, first, Math.min(BLOCK, v - first), computed);
            }
            computed.close();
            if (kept < v) {
                rare = FloatCopies.read(e.get(NDArrayIndex.interval(kept, v), NDArrayIndex.all())); // any layout
                products = new RowProducts(w, b);
            } else {
                rare = null;
                products = null;
            }
        }
    }

    /** W, the width of a row. */
    int width() {
        return width;
    }

    /** How many tokens' rows are kept (tokens 0 .. kept − 1). */
    int kept() {
        return rows.length;
    }

    /**
     * The rows of these tokens, [tokens.length][W], each from offset 0; a kept row is the same array every time. The
     * arrays must not be written.
     */
    float[][] rowsOf(int[] tokens) {
        float[][] out = new float[tokens.length][];
        int others = 0;
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i] < rows.length) {
                out[i] = rows[tokens[i]];
            } else {
                others++;
            }
        }
        if (others > 0) {
            computeRare(tokens, others, out);
        }
        return out;
    }

    /** Adds token r's row to row r of out [tokens.length, W]. */
    void addRowsTo(int[] tokens, float[] out) {
        float[][] rows = rowsOf(tokens);
        for (int r = 0; r < tokens.length; r++) {
            float[] row = rows[r];
            int at = r * width;
            for (int k = 0; k < width; k++) {
                out[at + k] += row[k];
            }
        }
    }

    // the rows of the tokens that are not kept, one product for all of them (each row its own fixed-order sums)
    private void computeRare(int[] tokens, int count, float[][] out) {
        int e = embeddingSize;
        float[] x = new float[count * e];
        int r = 0;
        for (int token : tokens) {
            if (token >= rows.length) {
                System.arraycopy(rare, (token - rows.length) * e, x, r++ * e, e);
            }
        }
        float[] computed = products.times(x, count); // [count,W]
        r = 0;
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i] >= rows.length) {
                out[i] = Arrays.copyOfRange(computed, r * width, ++r * width);
            }
        }
    }

    // rows [first, first + count) in one product into out's first rows; those under the budget are kept
    private void fillBlock(INDArray embedding, INDArray weights, INDArray bias, int first, int count, INDArray out) {
        INDArray embedded = embedding.get(NDArrayIndex.interval(first, first + count), NDArrayIndex.all());
        INDArray computed = count == BLOCK ? out : out.get(NDArrayIndex.interval(0, count), NDArrayIndex.all());
        Nd4j.gemm(embedded, weights, computed, false, false, 1.0, 0.0);
        NdOps.addRowVector(computed, bias);
        FloatBuffer values = computed.data().asNioFloat();
        int at = (int) computed.offset();
        for (int i = 0; i < count && first + i < rows.length; i++) {
            float[] row = new float[width];
            values.get(at + i * width, row, 0, width);
            rows[first + i] = row;
        }
        Reference.reachabilityFence(computed); // the NIO view does not keep the array reachable
    }
}
