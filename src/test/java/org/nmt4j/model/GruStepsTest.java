package org.nmt4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The float steps (training) and the double steps (the finite-difference tests) are the same code for two types:
 * the same inputs give the same states and gradients, to float precision, with and without padding.
 */
class GruStepsTest {

    private static final int T = 2;
    private static final int B = 3;
    private static final int H = 5;

    private static INDArray random(long seed, long... shape) {
        return Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(seed), shape).castTo(DataType.DOUBLE)
                .subi(0.5).muli(4);
    }

    private static INDArray[] run(DataType type, INDArray mask) {
        INDArray bhn = random(1, H).castTo(type);
        INDArray inputs = random(2, B, 3 * H).castTo(type);
        INDArray recurrent = random(3, B, 3 * H).castTo(type);
        INDArray previous = random(4, B, H).castTo(type);
        INDArray dh = random(5, B, H).castTo(type);
        INDArray m = mask == null ? null : mask.castTo(type);
        GruSteps steps = GruSteps.of(type, T, B, H, bhn);
        INDArray next = Nd4j.zeros(type, B, H);
        INDArray dInputs = Nd4j.zeros(type, B, 3 * H);
        INDArray dRecurrent = Nd4j.zeros(type, B, 3 * H);
        INDArray dPrevious = Nd4j.zeros(type, B, H);
        steps.forward(1, inputs, recurrent, previous, m, next);
        steps.backward(1, dh, previous, m, dInputs, dRecurrent, dPrevious);
        return new INDArray[] {next, dInputs, dRecurrent, dPrevious};
    }

    private static void assertSame(INDArray mask) {
        INDArray[] single = run(DataType.FLOAT, mask);
        INDArray[] twice = run(DataType.DOUBLE, mask);
        String[] names = {"h'", "input sides' gradient", "recurrent sides' gradient", "previous state's gradient"};
        for (int i = 0; i < single.length; i++) {
            assertArrayEquals(twice[i].reshape(-1).toDoubleVector(), single[i].castTo(DataType.DOUBLE).reshape(-1)
                    .toDoubleVector(), 2e-6, names[i]);
        }
    }

    @Test
    void floatAndDoubleStepsComputeTheSameFunction() {
        assertSame(null);
    }

    @Test
    void floatAndDoubleStepsAgreeOnPaddedRows() {
        assertSame(Nd4j.createFromArray(new double[] {1, 0, 1}).reshape(B, 1));
    }
}
