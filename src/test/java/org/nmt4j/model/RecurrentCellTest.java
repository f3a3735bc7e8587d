package org.nmt4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.model.cell.CellKinds;

/** Every registered cell ({@link CellKinds}): gradients, and padding that keeps the state. */
class RecurrentCellTest {

    // B = 3 sentences of lengths 4, 2, 1 (T = 4), input 3, hidden 2
    private static final int T = 4;
    private static final int B = 3;
    private static final int IN = 3;
    private static final int H = 2;
    private static final int[] LENGTHS = {4, 2, 1};

    private final LayerFixture fixture = new LayerFixture(3);
    private Parameters parameters;
    private RecurrentCell cell;
    private final INDArray x = fixture.uniform(T * B, IN);
    private final INDArray h0 = fixture.uniform(B, H);
    private final INDArray weights = fixture.uniform(T, B, H);
    private final INDArray mask = mask();

    static List<String> kinds() {
        return CellKinds.ALL.names();
    }

    private void build(String kind) {
        Parameters.Layout layout = new Parameters.Layout();
        CellKinds.ALL.get(kind).layout(layout, "cell", IN, H);
        parameters = fixture.parameters(layout);
        cell = CellKinds.ALL.get(kind).training(parameters, "cell");
    }

    private static INDArray mask() {
        INDArray mask = Nd4j.zeros(DataType.DOUBLE, T, B, 1);
        for (int b = 0; b < B; b++) {
            for (int t = 0; t < LENGTHS[b]; t++) {
                mask.putScalar(new long[] {t, b, 0}, 1);
            }
        }
        return mask;
    }

    private RecurrentCell.Trace run() {
        RecurrentCell.Trace trace = cell.newTrace(cell.projectInputs(x, 0), T);
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
        RecurrentCell.Trace trace = run();
        INDArray carry = Nd4j.zeros(DataType.DOUBLE, B, H);
        for (int t = T - 1; t >= 0; t--) {
            carry = cell.stepBackward(trace, t, weights.slice(t).add(carry), mask.slice(t));
        }
        cell.finishRecurrentBackward(trace);
        cell.accumulateInputGradients(trace, x, 0, true);
        return new INDArray[] {carry, cell.inputGradient(trace, 0, IN)};
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void everyParameterGradientMatchesFiniteDifferences(String kind) {
        build(kind);
        LayerFixture.checkParameters(parameters, this::backward, this::loss);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void inputAndInitialStateGradientsMatchFiniteDifferences(String kind) {
        build(kind);
        INDArray[] analytic = backward();
        GradientCheck.check("h0", h0, analytic[0].dup(), this::loss);
        GradientCheck.check("x", x, analytic[1].dup(), this::loss);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void paddedStepsKeepTheStateAndGetNoInputGradient(String kind) {
        build(kind);
        RecurrentCell.Trace trace = run();
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
