package org.nmt4j.model.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Rows are E[y] W + b, kept ones computed when the table is made and rare ones when asked for, whichever threads ask
 * and whatever else they ask with.
 */
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
        assertEquals(V, table.kept(), "a small table keeps every row");
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
    void aTableKeepsTheMostFrequentTokensThatFitItsBudgetAndComputesTheOthers() {
        int kept = TokenTable.BLOCK + 10; // the budget ends inside the second block
        TokenTable table = new TokenTable(embedding, weights, bias, 4L * W * kept + 3);
        assertEquals(kept, table.kept());
        int[] tokens = {0, kept - 1, kept, V - 1, kept, 5};
        float[][] rows = table.rowsOf(tokens);
        assertRows(rows, tokens);
        assertSame(rows[1], table.rowsOf(new int[] {kept - 1})[0], "kept");
        assertNotSame(rows[2], rows[4], "computed each time");
        TokenTable whole = new TokenTable(embedding, weights, bias);
        for (int token = 0; token < kept; token++) {
            assertArrayEquals(whole.rowsOf(new int[] {token})[0], table.rowsOf(new int[] {token})[0],
                    "the budget does not change a kept row: token " + token);
        }
    }

    @Test
    void aRareRowHasTheSameValueWhateverItIsComputedWith() {
        TokenTable table = new TokenTable(embedding, weights, bias, 4L * W * 10);
        int[] tokens = {70, 5, V - 2};
        float[][] alone = new float[tokens.length][];
        for (int i = 0; i < tokens.length; i++) {
            alone[i] = table.rowsOf(new int[] {tokens[i]})[0];
        }
        float[][] together = table.rowsOf(new int[] {11, 70, 1, 12, 5, 90, V - 2, V - 1});
        assertArrayEquals(alone[0], together[1]);
        assertArrayEquals(alone[1], together[4]);
        assertArrayEquals(alone[2], together[6]);
    }

    @Test
    void threadsAskingTogetherGetCorrectRows() throws InterruptedException {
        TokenTable table = new TokenTable(embedding, weights, bias, 4L * W * 100);
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
