package org.nmt4j.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void theVectorKernelComputesWhatTheJavaLoopsCompute() {
        // the tests' JVM adds the module (pom), as the launcher's serve does: the fast path is the one tested here
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
        assertEquals(PanelProducts.supported(), VectorSupport.enabled());
        java.util.Random random = new java.util.Random(5);
        // M under a panel, over one and not a multiple of it; K odd
        for (int[] km : new int[][] {{3, 5}, {17, PanelProducts.WIDTH + 3}, {64, 5 * PanelProducts.WIDTH}}) {
            int k = km[0];
            int m = km[1];
            float[] w = gaussian(random, k * m);
            float[] bias = gaussian(random, m);
            RowProducts loops = new RowProducts(w, k, m, bias, false);
            RowProducts vector = new RowProducts(w, k, m, bias, true);
            for (int n = 1; n <= 11; n++) {
                float[] x = gaussian(random, n * k);
                float[] expected = loops.times(x, n);
                float[] got = vector.times(x, n);
                for (int i = 0; i < expected.length; i++) {
                    double tolerance = 1e-5 * Math.sqrt(k) * (1 + Math.abs(expected[i]));
                    assertEquals(expected[i], got[i], tolerance, k + "x" + m + " n=" + n + " at " + i);
                }
                // a row's result does not depend on the rows computed with it (tiles of 4, 2 and 1 rows)
                for (int r = 0; r < n; r++) {
                    float[] alone = vector.times(java.util.Arrays.copyOfRange(x, r * k, (r + 1) * k), 1);
                    assertArrayEquals(alone, java.util.Arrays.copyOfRange(got, r * m, (r + 1) * m),
                            k + "x" + m + " n=" + n + " row " + r);
                }
            }
        }
    }

    @Test
    void chosenColumnsOfAMatrixGivenByColumnsAreTheProductWithThoseColumns() {
        java.util.Random random = new java.util.Random(9);
        int k = 19;
        int v = 70;
        float[] byColumn = gaussian(random, v * k); // [V,K]: column c of W is row c
        float[] bias = gaussian(random, v);
        int[] columns = {0, 3, 4, 9, 17, 18, 30, 31, 32, 33, 40, 41, 42, 50, 51, 52, 60, 61, 69}; // 19: over a panel
        float[] w = new float[k * columns.length]; // the [K,M] of those columns
        float[] b = new float[columns.length];
        for (int c = 0; c < columns.length; c++) {
            for (int i = 0; i < k; i++) {
                w[i * columns.length + c] = byColumn[columns[c] * k + i];
            }
            b[c] = bias[columns[c]];
        }
        RowProducts expected = new RowProducts(w, k, columns.length, b, false);
        for (boolean vector : new boolean[] {false, true}) {
            RowProducts chosen = RowProducts.ofColumns(byColumn, k, columns, bias, vector);
            assertEquals(columns.length, chosen.columns());
            for (int n = 1; n <= 6; n++) {
                float[] x = gaussian(random, n * k);
                assertArrayEquals(expected.times(x, n), chosen.times(x, n), 1e-4f, "n=" + n + " vector " + vector);
            }
        }
    }

    private static float[] gaussian(java.util.Random random, int size) {
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    @Test
    void refusesTooFewInputs() {
        RowProducts p = new RowProducts(Nd4j.ones(DataType.FLOAT, 3, 2), null);
        assertThrows(IllegalArgumentException.class, () -> p.times(new float[5], 2));
    }
}
