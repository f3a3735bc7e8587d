package org.nmt4j.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nmt4j.WithoutCpuFeatures;

/**
 * Search's packed weights give fp32's product within their precision's rounding, for every row count a step has (the
 * primitives are made per row count over one packed layout), and rows of very different magnitudes (int8 scales each
 * row and each column on its own).
 */
class PackedWeightsTest {

    private static final Random RANDOM = new Random(11);

    private static float[] gaussian(int count, double scale) {
        float[] values = new float[count];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (scale * RANDOM.nextGaussian());
        }
        return values;
    }

    private static boolean supported(Precision precision) {
        return precision.unsupportedReason() == null;
    }

    @ParameterizedTest
    @EnumSource(value = Precision.class, names = {"BF16", "INT8"})
    void packedProductsEqualFp32WithinTheirRoundingForEveryRowCount(Precision precision) {
        assumeTrue(supported(precision), "no " + precision.label() + " instructions on this processor");
        int k = 96;
        int columns = 200;
        float[] w = gaussian(k * columns, 0.1);
        for (int j = 0; j < k; j++) { // columns of different magnitudes
            w[j * columns + 7] *= 40;
        }
        INDArray weights = Nd4j.create(w, new long[] {k, columns}, 'c');
        PackedWeights packed = PackedWeights.pack(weights, precision);
        assertEquals(k, packed.rows());
        assertEquals(columns, packed.columns());
        double tolerance = 0.01;
        for (int n : new int[] {1, 3, 16, 17, 64, 100}) {
            float[] x = gaussian(n * k, 1);
            for (int i = 0; i < k; i++) { // rows of different magnitudes
                x[i] *= 1e-3f;
            }
            INDArray rows = Nd4j.create(x, new long[] {n, k}, 'c');
            INDArray expected = rows.mmul(weights);
            // what the terms of each product add up to in magnitude: rounding errors scale with it, not with the sum
            INDArray magnitude = Transforms.abs(rows, true).mmul(Transforms.abs(weights, true));
            INDArray out = Nd4j.createUninitialized(DataType.FLOAT, n, columns);
            packed.times(x, n, out);
            for (int r = 0; r < n; r++) {
                double error = expected.getRow(r).sub(out.getRow(r)).amaxNumber().doubleValue()
                        / magnitude.getRow(r).amaxNumber().doubleValue();
                assertTrue(error < tolerance, precision + ", " + n + " rows, row " + r + ": relative error " + error);
            }
        }
    }

    @Test
    void int8IsForSearchOnlyAndRefusedWhereTheProcessorLacksIt() throws Throwable {
        IllegalStateException training = assertThrows(IllegalStateException.class, Precision.INT8::use);
        assertEquals("precision int8 is for translation; training takes fp32 or bf16", training.getMessage());
        assertEquals(Precision.FP32, Precision.current());
        WithoutCpuFeatures.int8(() -> {
            INDArray w = Nd4j.rand(DataType.FLOAT, 4, 4);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> PackedInt8.pack(w));
            assertTrue(e.getMessage().startsWith("precision int8 needs a processor with VNNI or AMX"), e.getMessage());
        });
    }
}
