package org.nmt4j.model.cell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * For each cell, the float steps (training) and the double steps (the finite-difference tests) are the same code for
 * two types: the same inputs give the same states and gradients, to float precision, with and without padding, over
 * two steps (an LSTM carries its cell state from one to the next).
 */
class CellStepsTest {

    private static final int T = 2;
    private static final int B = 3;
    private static final int H = 5;

    private static INDArray random(long seed, long... shape) {
        return Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(seed), shape).castTo(DataType.DOUBLE)
                .subi(0.5).muli(4);
    }

    private static CellSteps steps(String cell, DataType type) {
        return cell.equals("lstm") ? CellSteps.lstm(type, T, B, H)
                : CellSteps.gru(type, T, B, H, random(1, H).castTo(type));
    }

    // two steps forward (t = 0, 1), two back; all four arrays of each step backward
    private static INDArray[] run(String cell, DataType type, INDArray mask) {
        int g = cell.equals("lstm") ? 4 : 3;
        INDArray m = mask == null ? null : mask.castTo(type);
        CellSteps steps = steps(cell, type);
        INDArray[] previous = new INDArray[T + 1];
        previous[0] = random(4, B, H).castTo(type);
        for (int t = 0; t < T; t++) {
            previous[t + 1] = Nd4j.zeros(type, B, H);
            steps.forward(t, random(2 + t, B, g * H).castTo(type), random(12 + t, B, g * H).castTo(type),
                    previous[t], m, previous[t + 1]);
        }
        INDArray[] out = new INDArray[2 + 3 * T];
        out[0] = previous[1];
        out[1] = previous[2];
        for (int t = T - 1; t >= 0; t--) {
            INDArray dInputs = Nd4j.zeros(type, B, g * H);
            INDArray dRecurrent = Nd4j.zeros(type, B, g * H);
            INDArray dPrevious = Nd4j.zeros(type, B, H);
            steps.backward(t, random(5 + t, B, H).castTo(type), previous[t], m, dInputs, dRecurrent, dPrevious);
            out[2 + 3 * t] = dInputs;
            out[3 + 3 * t] = dRecurrent;
            out[4 + 3 * t] = dPrevious;
        }
        return out;
    }

    private static void assertSame(String cell, INDArray mask) {
        INDArray[] single = run(cell, DataType.FLOAT, mask);
        INDArray[] twice = run(cell, DataType.DOUBLE, mask);
        String[] names = {"h after step 0", "h after step 1", "input sides' gradient, step 0",
                "recurrent sides' gradient, step 0", "previous state's gradient, step 0", "input sides' gradient, step 1",
                "recurrent sides' gradient, step 1", "previous state's gradient, step 1"};
        for (int i = 0; i < single.length; i++) {
            assertArrayEquals(twice[i].reshape(-1).toDoubleVector(), single[i].castTo(DataType.DOUBLE).reshape(-1)
                    .toDoubleVector(), 4e-6, cell + ": " + names[i]);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gru", "lstm"})
    void floatAndDoubleStepsComputeTheSameFunction(String cell) {
        assertSame(cell, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gru", "lstm"})
    void floatAndDoubleStepsAgreeOnPaddedRows(String cell) {
        assertSame(cell, Nd4j.createFromArray(new double[] {1, 0, 1}).reshape(B, 1));
    }
}
