package org.nmt4j.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ActivationsTest {

    // 2^18 points over [-20, 20]: more than one block, and enough to take the parallel path
    private static float[] grid() {
        int n = 1 << 18;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = -20f + 40f * i / (n - 1);
        }
        return x;
    }

    @Test
    void floatTanhIsWithinFourTenMillionthsOfMathTanhEverywhere() {
        float[] x = grid();
        float[] y = Activations.tanh(Nd4j.createFromArray(x)).toFloatVector();
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            worst = Math.max(worst, Math.abs(y[i] - Math.tanh(x[i])));
        }
        assertTrue(worst < 4e-7, "worst absolute error " + worst);
        assertEquals(0f, Activations.tanh(Nd4j.createFromArray(0f)).getFloat(0));
        assertEquals(1f, Activations.tanh(Nd4j.createFromArray(1e30f)).getFloat(0));
        assertEquals(-1f, Activations.tanh(Nd4j.createFromArray(Float.NEGATIVE_INFINITY)).getFloat(0));
    }

    @Test
    void floatSigmoidIsWithinTwoTenMillionthsOfTheLogisticFunction() {
        float[] x = grid();
        INDArray out = Nd4j.create(DataType.FLOAT, x.length);
        float[] y = Activations.sigmoid(Nd4j.createFromArray(x), out).toFloatVector();
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            worst = Math.max(worst, Math.abs(y[i] - 1 / (1 + Math.exp(-x[i]))));
        }
        assertTrue(worst < 2e-7, "worst absolute error " + worst);
    }

    @Test
    void aSliceIsComputedInPlaceWithoutTouchingItsNeighbours() {
        INDArray x = Nd4j.createFromArray(new float[][] {{0.5f, 0.5f}, {1f, -2f}, {0.5f, 0.5f}});
        Activations.tanh(x.slice(1));
        assertEquals(0.5f, x.getFloat(0, 1));
        assertEquals((float) Math.tanh(1), x.getFloat(1, 0), 4e-7);
        assertEquals((float) Math.tanh(-2), x.getFloat(1, 1), 4e-7);
        assertEquals(0.5f, x.getFloat(2, 0));
        INDArray gates = Nd4j.createFromArray(new float[][] {{9f, 9f}, {0f, 3f}});
        INDArray into = Nd4j.createFromArray(new float[][] {{7f, 7f}, {7f, 7f}});
        Activations.sigmoid(gates.slice(1), into.slice(0));
        assertEquals(0.5f, into.getFloat(0, 0), 2e-7);
        assertEquals((float) (1 / (1 + Math.exp(-3))), into.getFloat(0, 1), 2e-7);
        assertEquals(7f, into.getFloat(1, 0));
    }

    @Test
    void doublesAndStridedViewsKeepTheExactFunctions() {
        INDArray x = Nd4j.createFromArray(0.3, -1.7, 4.0);
        Activations.tanh(x);
        assertEquals(Math.tanh(-1.7), x.getDouble(1), 1e-15);
        INDArray matrix = Nd4j.createFromArray(new float[][] {{1f, 2f}, {3f, 4f}});
        Activations.tanh(matrix.getColumn(1)); // a strided view
        assertEquals((float) Math.tanh(2), matrix.getFloat(0, 1), 1e-7);
        assertEquals((float) Math.tanh(4), matrix.getFloat(1, 1), 1e-7);
        assertEquals(1f, matrix.getFloat(0, 0));
    }

    @Test
    void doubleTanhIsTheFloatApproximationOrExactlyMathTanh() {
        float[] grid = grid();
        double[] x = new double[grid.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = grid[i];
        }
        double[] approximate = x.clone();
        Activations.tanh(approximate, x.length, false);
        double[] exact = x.clone();
        Activations.tanh(exact, x.length, true);
        float[] single = grid.clone();
        Activations.tanh(single, single.length);
        double worst = 0;
        double apart = 0;
        for (int i = 0; i < x.length; i++) {
            assertEquals(Math.tanh(x[i]), exact[i], 0.0);
            worst = Math.max(worst, Math.abs(approximate[i] - Math.tanh(x[i])));
            apart = Math.max(apart, Math.abs(approximate[i] - single[i]));
        }
        assertTrue(worst < 4e-7, "worst absolute error " + worst);
        assertTrue(apart < 5e-7, "double and float approximations differ by " + apart);
    }
}
