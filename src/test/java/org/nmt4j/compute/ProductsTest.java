package org.nmt4j.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nmt4j.WithoutCpuFeatures;

/** The products in bfloat16 equal fp32's within bfloat16's rounding, for every layout the model passes them. */
class ProductsTest {

    private static final Random RANDOM = new Random(7);

    private static INDArray random(long rows, long columns) {
        float[] values = new float[(int) (rows * columns)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) RANDOM.nextGaussian();
        }
        return Nd4j.create(values, new long[] {rows, columns}, DataType.FLOAT);
    }

    // the largest error of a bf16 product relative to the largest magnitude fp32 gives
    private static double relativeError(INDArray expected, INDArray actual) {
        double scale = expected.amaxNumber().doubleValue();
        return expected.sub(actual).amaxNumber().doubleValue() / scale;
    }

    private static void check(INDArray a, INDArray b, INDArray c, boolean ta, boolean tb, double beta) {
        INDArray expected = c.dup();
        Nd4j.gemm(a, b, expected, ta, tb, 1.0, beta);
        try (Precision.Scope p = Precision.BF16.use()) {
            Products.gemm(a, b, c, ta, tb, 1.0, beta);
        }
        double error = relativeError(expected, c);
        assertTrue(error < 0.02, "relative error " + error);
        assertTrue(error > 0, "a bf16 product rounds");
    }

    @Test
    void bf16ProductsEqualFp32WithinRoundingForEveryTransposeAndBeta() {
        assumeTrue(CpuFeatures.hasBf16(), "no bfloat16 instructions on this processor");
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                for (double beta : new double[] {0, 1}) {
                    INDArray a = ta ? random(37, 21) : random(21, 37);
                    INDArray b = tb ? random(45, 37) : random(37, 45);
                    check(a, b, random(21, 45), ta, tb, beta);
                }
            }
        }
    }

    @Test
    void viewsOfLargerArraysAreReadAndWrittenInPlace() {
        assumeTrue(CpuFeatures.hasBf16(), "no bfloat16 instructions on this processor");
        INDArray big = random(50, 40);
        INDArray rows = big.get(NDArrayIndex.interval(10, 30), NDArrayIndex.all()); // offset view, [20,40]
        INDArray weights = random(100, 16);
        INDArray weightRows = weights.get(NDArrayIndex.interval(60, 100), NDArrayIndex.all()); // [40,16]
        INDArray out = random(30, 16);
        INDArray outRows = out.get(NDArrayIndex.interval(5, 25), NDArrayIndex.all());
        INDArray untouched = out.get(NDArrayIndex.interval(0, 5), NDArrayIndex.all()).dup();
        check(rows, weightRows, outRows, false, false, 1);
        assertEquals(untouched, out.get(NDArrayIndex.interval(0, 5), NDArrayIndex.all()));
        INDArray slices = random(60, 16).reshape(3, 20, 16);
        check(random(20, 40), weightRows, slices.slice(1), false, false, 0);
        check(random(1, 40), weightRows, random(1, 16), false, false, 0); // a row vector: ND4J's strides [1,1]
        check(random(40, 1), random(1, 16), random(40, 16), false, false, 1); // a column times a row
        check(random(40, 1), random(40, 16), random(1, 16), true, false, 0);
        INDArray columnMajor = random(40, 16).dup('f');
        check(random(20, 40), columnMajor, random(20, 16), false, false, 0);
    }

    @Test
    void aReusedOperandIsConvertedOnceAndStaysRightInsideAWorkspace() {
        assumeTrue(CpuFeatures.hasBf16(), "no bfloat16 instructions on this processor");
        INDArray weights = random(64, 96);
        try (Precision.Scope p = Precision.BF16.use(); MemoryWorkspace ws = Scratch.open()) {
            Products.Reused reused = Products.reused(weights);
            for (int step = 0; step < 5; step++) {
                INDArray x = random(8, 64);
                INDArray c = Nd4j.zeros(DataType.FLOAT, 8, 96);
                INDArray expected = x.mmul(weights);
                Products.gemm(x, reused, c, false, false, 0);
                assertTrue(relativeError(expected, c) < 0.02);
                INDArray dx = Nd4j.zeros(DataType.FLOAT, 8, 64);
                Products.gemm(c, reused, dx, false, true, 0);
                assertTrue(relativeError(c.mmul(weights.transpose()), dx) < 0.02);
            }
        }
    }

    @Test
    void doublesAndFp32AreNeverLowered() {
        INDArray a = random(5, 7).castTo(DataType.DOUBLE);
        INDArray b = random(7, 3).castTo(DataType.DOUBLE);
        INDArray c = Nd4j.zeros(DataType.DOUBLE, 5, 3);
        try (Precision.Scope p = CpuFeatures.hasBf16() ? Precision.BF16.use() : Precision.FP32.use()) {
            Products.gemm(a, b, c, false, false, 1.0, 0.0);
        }
        assertEquals(a.mmul(b), c);
        INDArray af = random(5, 7);
        INDArray bf = random(7, 3);
        INDArray cf = Nd4j.zeros(DataType.FLOAT, 5, 3);
        Products.gemm(af, bf, cf, false, false, 1.0, 0.0);
        assertEquals(af.mmul(bf), cf);
    }

    @Test
    void bf16IsRefusedWhereTheProcessorLacksIt() throws Throwable {
        WithoutCpuFeatures.bf16(() -> {
            IllegalStateException e = assertThrows(IllegalStateException.class, Precision.BF16::use);
            assertTrue(e.getMessage().contains("avx512_bf16"), e.getMessage());
            assertEquals(Precision.FP32, Precision.current());
        });
    }
}
