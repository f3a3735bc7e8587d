package org.nmt4j.model.search;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Reference;
import java.nio.FloatBuffer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nmt4j.compute.FloatCopies;
import org.nmt4j.compute.NdOps;

/**
 * What a layer computes from a token alone, {@code E[y] W + b} for every token y, looked up instead of multiplied.
 * A row is computed the first time a search needs it and kept in an array of its own, so the table holds the rows
 * of the tokens seen so far and never the whole [V,W] (48 MB for the reference model's source side): a cold start
 * translating one sentence computes a few rows, a long translation ends up computing each row it meets once.
 * Thread-safe.
 */
final class TokenTable {

    private static final VarHandle ROW = MethodHandles.arrayElementVarHandle(float[][].class);

    /**
     * Rows are computed by fixed blocks of consecutive tokens, each always by the same product: a row's value does
     * not depend on which other rows were asked for with it (a product's rounding can depend on its row count and a
     * row's place in it), so translations do not depend on the order in which threads ask.
     */
    static final int BLOCK = 64;

    private final INDArray embedding; // [V,E], float
    private final INDArray weights;   // [E,W], float
    private final INDArray bias;      // [1,W], float
    private final int width;
    private final float[][] rows;     // [V][W], null until asked for; set under the lock, with release

    /** embedding [V,E], weights [E,W], bias [1,W]: float copies are kept. */
    TokenTable(INDArray embedding, INDArray weights, INDArray bias) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            this.embedding = FloatCopies.array(embedding);
            this.weights = FloatCopies.array(weights);
            this.bias = FloatCopies.array(bias).reshape(1, -1);
        }
        this.width = (int) weights.size(1);
        this.rows = new float[(int) embedding.size(0)][];
    }

    /** W, the width of a row. */
    int width() {
        return width;
    }

    /**
     * The rows of these tokens, [tokens.length][W], each from offset 0. Rows are never written once computed, so
     * a caller reads them without holding a lock; the arrays are the table's own and must not be written.
     */
    float[][] rowsOf(int[] tokens) {
        float[][] out = new float[tokens.length][];
        for (int i = 0; i < tokens.length; i++) { // the common case once a search is under way: every row there
            float[] row = (float[]) ROW.getAcquire(rows, tokens[i]);
            if (row == null) {
                fill(tokens);
                row = rows[tokens[i]];
            }
            out[i] = row;
        }
        return out;
    }

    private synchronized void fill(int[] tokens) {
        int blocks = (rows.length + BLOCK - 1) / BLOCK;
        boolean[] wanted = new boolean[rows.length];
        boolean[] taken = new boolean[blocks];
        for (int token : tokens) {
            if (rows[token] == null) {
                wanted[token] = true;
                taken[token / BLOCK] = true;
            }
        }
        for (int block = 0; block < blocks; block++) {
            if (taken[block]) {
                fillBlock(block, wanted);
            }
        }
    }

    // rows [block·BLOCK, block·BLOCK + BLOCK) in one product over the embedding's rows in place; only the wanted
    // rows are read out of it (a long input meets new tokens all the time: a whole block's copy per new token was a
    // fifth of greedy search's allocations)
    private void fillBlock(int block, boolean[] wanted) {
        int first = block * BLOCK;
        int count = Math.min(BLOCK, rows.length - first);
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray embedded = embedding.get(NDArrayIndex.interval(first, first + count), NDArrayIndex.all());
            INDArray computed = Nd4j.createUninitialized(DataType.FLOAT, count, width);
            Nd4j.gemm(embedded, weights, computed, false, false, 1.0, 0.0);
            NdOps.addRowVector(computed, bias);
            FloatBuffer values = computed.data().asNioFloat();
            int at = (int) computed.offset();
            for (int i = 0; i < count; i++) {
                if (wanted[first + i]) {
                    float[] row = new float[width];
                    values.get(at + i * width, row, 0, width);
                    ROW.setRelease(rows, first + i, row); // a reader that sees the row sees its values
                }
            }
            Reference.reachabilityFence(computed); // the NIO view does not keep the array reachable
        }
    }
}
