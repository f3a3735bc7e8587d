package org.nmt4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GruCellTest {

    // B = 3 sentences of lengths 4, 2, 1 (T = 4), input 3, hidden 2
    private static final int T = 4;
    private static final int B = 3;
    private static final int IN = 3;
    private static final int H = 2;
    private static final int[] LENGTHS = {4, 2, 1};

    private final LayerFixture fixture = new LayerFixture(3);
    private final Parameters parameters = fixture.parameters(new Parameters.Layout()
            .add("gru.W_i", 3, IN, H).add("gru.W_h", 3, H, H).add("gru.b_i", 3, H).add("gru.b_h", 3, H));
    private final GruCell cell = new GruCell(parameters, "gru");
    private final INDArray x = fixture.uniform(T * B, IN);
    private final INDArray h0 = fixture.uniform(B, H);
    private final INDArray weights = fixture.uniform(T, B, H);
    private final INDArray mask = mask();

    private static INDArray mask() {
        INDArray mask = Nd4j.zeros(DataType.DOUBLE, T, B, 1);
        for (int b = 0; b < B; b++) {
            for (int t = 0; t < LENGTHS[b]; t++) {
                mask.putScalar(new long[] {t, b, 0}, 1);
            }
        }
        return mask;
    }

    private GruCell.Trace run() {
        GruCell.Trace trace = cell.newTrace(cell.projectInputs(x, 0), T);
        INDArray state = h0;
        for (int t = 0; t < T; t++) {
            state = cell.step(trace, t, state, mask.slice(t));
        }
        return trace;
    }

    private double loss() {
        return LayerFixture.weightedSum(run().states(), weights);
    }

    /** Backward over the whole run; returns dh0 and leaves dx in the returned array's second slot. */
    private INDArray[] backward() {
        GruCell.Trace trace = run();
        INDArray carry = Nd4j.zeros(DataType.DOUBLE, B, H);
        for (int t = T - 1; t >= 0; t--) {
            carry = cell.stepBackward(trace, t, weights.slice(t).add(carry), mask.slice(t));
        }
        cell.finishRecurrentBackward(trace);
        cell.accumulateInputGradients(trace, x, 0, true);
        return new INDArray[] {carry, cell.inputGradient(trace, 0, IN)};
    }

    @Test
    void everyParameterGradientMatchesFiniteDifferences() {
        LayerFixture.checkParameters(parameters, this::backward, this::loss);
    }

    @Test
    void inputAndInitialStateGradientsMatchFiniteDifferences() {
        INDArray[] analytic = backward();
        GradientCheck.check("h0", h0, analytic[0].dup(), this::loss);
        GradientCheck.check("x", x, analytic[1].dup(), this::loss);
    }

    @Test
    void paddedStepsKeepTheStateAndGetNoInputGradient() {
        GruCell.Trace trace = run();
        // sentence 2 has length 1: its state after steps 1..3 equals its state after step 0
        for (int t = 1; t < T; t++) {
            assertEquals(trace.states().slice(0).getRow(2), trace.states().slice(t).getRow(2));
        }
        INDArray dx = backward()[1];
        for (int t = 1; t < T; t++) {
            assertEquals(0.0, dx.getRow(t * B + 2).norm2Number().doubleValue(), 0.0);
        }
    }
}
