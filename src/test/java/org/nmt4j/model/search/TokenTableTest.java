package org.nmt4j.model.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Rows computed on first use are E[y] W + b, whichever threads ask for them and in whatever order. */
class TokenTableTest {

    private static final int V = 2 * TokenTable.BLOCK + 5; // three blocks, the last one short
    private static final int E = 16; // big enough for a product's rounding to depend on its row count
    private static final int W = 24;

    private final INDArray embedding = Nd4j.rand(DataType.DOUBLE, V, E).subi(0.5);
    private final INDArray weights = Nd4j.rand(DataType.DOUBLE, E, W).subi(0.5);
    private final INDArray bias = Nd4j.rand(DataType.DOUBLE, 1, W).subi(0.5);
    private final INDArray expected = embedding.mmul(weights).addiRowVector(bias);

    private void assertRows(float[][] rows, int[] tokens) {
        assertEquals(tokens.length, rows.length);
        for (int i = 0; i < tokens.length; i++) {
            assertEquals(W, rows[i].length);
            for (int k = 0; k < W; k++) {
                assertEquals(expected.getDouble(tokens[i], k), rows[i][k], 1e-6,
                        "token " + tokens[i] + ", column " + k);
            }
        }
    }

    @Test
    void computesTheRowsAskedForWithRepeatsAndKeepsThem() {
        TokenTable table = new TokenTable(embedding, weights, bias);
        assertEquals(W, table.width());
        int[] tokens = {7, 3, 7, 0};
        float[][] rows = table.rowsOf(tokens);
        assertRows(rows, tokens);
        assertSame(rows[0], rows[2], "one row per token");
        int[] more = {3, V - 1, 7};
        float[][] again = table.rowsOf(more);
        assertRows(again, more);
        assertSame(rows[1], again[0], "a row is computed once and kept");
        assertSame(rows[0], again[2]);
    }

    @Test
    void aRowHasTheSameValueWhateverWasFilledWithIt() {
        TokenTable alone = new TokenTable(embedding, weights, bias);
        TokenTable together = new TokenTable(embedding, weights, bias);
        together.rowsOf(new int[] {1, 2, 60, 70, V - 1});
        int[] tokens = {70, 5, V - 2};
        float[][] a = alone.rowsOf(tokens);
        float[][] b = together.rowsOf(tokens);
        for (int i = 0; i < tokens.length; i++) {
            for (int k = 0; k < W; k++) {
                assertEquals(a[i][k], b[i][k], 0f, "token " + tokens[i]);
            }
        }
    }

    @Test
    void threadsFillingTheTableTogetherGetCorrectRows() throws InterruptedException {
        TokenTable table = new TokenTable(embedding, weights, bias);
        Thread[] threads = new Thread[4];
        Throwable[] failure = new Throwable[1];
        for (int t = 0; t < threads.length; t++) {
            int offset = t;
            threads[t] = new Thread(() -> {
                try {
                    for (int step = 0; step < 200; step++) {
                        int[] tokens = {(step * 7 + offset) % V, (step * 3 + 2 * offset) % V, step % V};
                        assertRows(table.rowsOf(tokens), tokens);
                    }
                } catch (Throwable e) {
                    failure[0] = e;
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure[0] != null) {
            throw new AssertionError(failure[0]);
        }
    }
}
