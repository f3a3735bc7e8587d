package org.nmt4j.model.search;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.compute.FloatCopies;

/**
 * What a layer computes from a token alone, {@code E[y] W + b} for every token y, looked up instead of multiplied.
 * Rows are computed the first time a search needs them, in blocks of {@link #BLOCK} tokens: a cold start translating
 * one sentence computes a few blocks instead of the whole [V,W] table (about a third of a second for the two tables
 * of the reference model), and a long translation ends up computing each row once. Thread-safe.
 */
final class TokenTable {

    private static final VarHandle FILLED = MethodHandles.arrayElementVarHandle(boolean[].class);

    /**
     * Rows are computed in fixed blocks of consecutive tokens, each always by the same product: a row's value does
     * not depend on which other rows were missing when it was filled (a product's rounding can depend on its row
     * count and a row's place in it), so translations do not depend on the order in which threads ask.
     */
    static final int BLOCK = 64;

    private final float[] embedding;  // [V,E]
    private final int embeddingSize;
    private final INDArray weights;   // [E,W], float
    private final INDArray bias;      // [1,W], float
    private final int width;
    private final float[] rows;       // [V,W]
    private final boolean[] filled;   // written under the lock, with release; read with acquire

    /** embedding [V,E], weights [E,W], bias [1,W]: float copies are kept. */
    TokenTable(INDArray embedding, INDArray weights, INDArray bias) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            this.embedding = FloatCopies.read(embedding);
            this.weights = FloatCopies.array(weights);
            this.bias = FloatCopies.array(bias).reshape(1, -1);
        }
        this.embeddingSize = (int) embedding.size(1);
        this.width = (int) weights.size(1);
        int vocabulary = (int) embedding.size(0);
        this.rows = new float[vocabulary * width];
        this.filled = new boolean[vocabulary];
    }

    /** W, the width of a row. */
    int width() {
        return width;
    }

    /**
     * The table, [V,W] row-major, with the rows of these tokens computed. Rows computed once are never written
     * again, so a caller may read the rows it asked for without holding a lock.
     */
    float[] rowsOf(int[] tokens) {
        for (int token : tokens) { // the common case once a search is under way: every row there, no lock
            if (!(boolean) FILLED.getAcquire(filled, token)) {
                fill(tokens);
                break;
            }
        }
        return rows;
    }

    private synchronized void fill(int[] tokens) {
        boolean[] taken = new boolean[(filled.length + BLOCK - 1) / BLOCK];
        for (int token : tokens) {
            int block = token / BLOCK;
            if (!filled[token] && !taken[block]) {
                taken[block] = true;
                fillBlock(block);
            }
        }
    }

    // rows [block·BLOCK, block·BLOCK + BLOCK) in one product
    private void fillBlock(int block) {
        int first = block * BLOCK;
        int count = Math.min(BLOCK, filled.length - first);
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            int e = embeddingSize;
            float[] embedded = new float[count * e];
            System.arraycopy(embedding, first * e, embedded, 0, count * e);
            INDArray computed = Nd4j.createUninitialized(DataType.FLOAT, count, width);
            Nd4j.gemm(FloatCopies.of(embedded, count, e), weights, computed, false, false, 1.0, 0.0);
            float[] values = FloatCopies.read(computed.addiRowVector(bias));
            System.arraycopy(values, 0, rows, first * width, count * width);
            for (int i = 0; i < count; i++) {
                FILLED.setRelease(filled, first + i, true); // after its row: a reader that sees it sees the row
            }
        }
    }
}
