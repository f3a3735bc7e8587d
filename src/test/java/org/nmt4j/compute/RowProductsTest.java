package org.nmt4j.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The Java product for a few rows computes what the BLAS product computes, with and without a bias. */
class RowProductsTest {

    @Test
    void equalsTheBlasProductForEveryRowCountAndShape() {
        Nd4j.getRandom().setSeed(3);
        // K not a multiple of 4 (the unrolled rows), M over a block and not a multiple of it
        for (int[] km : new int[][] {{7, 5}, {13, RowProducts.BLOCK + 37}, {64, 2 * RowProducts.BLOCK}}) {
            int k = km[0];
            int m = km[1];
            INDArray w = Nd4j.randn(DataType.FLOAT, k, m);
            INDArray bias = Nd4j.randn(DataType.FLOAT, m);
            RowProducts plain = new RowProducts(w, null);
            RowProducts biased = new RowProducts(w, bias);
            assertEquals(m, plain.columns());
            for (int n = 1; n <= RowProducts.MAX_ROWS + 1; n++) {
                INDArray x = Nd4j.randn(DataType.FLOAT, n, k);
                x.getRow(0).getScalar(0).assign(0); // a zero entry
                float[] expected = FloatCopies.read(x.mmul(w));
                float[] expectedBiased = FloatCopies.read(x.mmul(w).addRowVector(bias));
                float[] got = plain.times(FloatCopies.read(x), n);
                float[] gotBiased = biased.times(FloatCopies.read(x), n);
                for (int i = 0; i < expected.length; i++) {
                    double tolerance = 1e-5 * Math.sqrt(k) * (1 + Math.abs(expected[i]));
                    assertEquals(expected[i], got[i], tolerance, k + "x" + m + " n=" + n + " at " + i);
                    assertEquals(expectedBiased[i], gotBiased[i], tolerance, k + "x" + m + " n=" + n + " at " + i);
                }
            }
        }
    }

    @Test
    void refusesTooFewInputs() {
        RowProducts p = new RowProducts(Nd4j.ones(DataType.FLOAT, 3, 2), null);
        assertThrows(IllegalArgumentException.class, () -> p.times(new float[5], 2));
    }
}
