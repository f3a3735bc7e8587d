package org.nmt4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class OutputLayerTest {

    // N = 5 rows, D = 3, 2H = 4, E = 2, O = 3, V = 6, with a dropout mask
    private final LayerFixture fixture = new LayerFixture(9);
    private final Parameters parameters = fixture.parameters(new Parameters.Layout()
            .add("out.W_o", 3 + 4 + 2, 3).add("out.b_o", 3).add("out.W_out", 3, 6).add("out.b_out", 6));
    private final OutputLayer layer = new OutputLayer(parameters, "out");
    private final INDArray state = fixture.uniform(5, 3);
    private final INDArray context = fixture.uniform(5, 4);
    private final INDArray embedded = fixture.uniform(5, 2);
    private final INDArray dropout = fixture.uniform(5, 3).gt(-0.4).castTo(state.dataType()).muli(1 / 0.7);
    private final INDArray weights = fixture.uniform(5, 6);

    private double loss() {
        return LayerFixture.weightedSum(layer.forward(state, context, embedded, dropout).logits(), weights);
    }

    private OutputLayer.InputGradients backward() {
        return layer.backward(layer.forward(state, context, embedded, dropout), state, context, embedded, weights);
    }

    @Test
    void parameterAndInputGradientsMatchFiniteDifferences() {
        LayerFixture.checkParameters(parameters, this::backward, this::loss);
        OutputLayer.InputGradients analytic = backward();
        GradientCheck.check("state", state, analytic.state().dup(), this::loss);
        GradientCheck.check("context", context, analytic.context().dup(), this::loss);
        GradientCheck.check("embedded", embedded, analytic.embedded().dup(), this::loss);
    }

    private final int[] targets = {1, 5, 0, 3, 3};

    // the blocked loss's gradients, blocks of `rows` rows, the summed loss divided by 4
    private OutputLayer.LossAndGradients blocked(int rows) {
        OutputLayer.Result deep = layer.deep(state, context, embedded, dropout);
        assertNull(deep.logits());
        return layer.lossAndBackward(deep, state, context, embedded, targets, 0.1, 4, rows);
    }

    @Test
    void theLossInBlocksOfRowsIsTheCrossEntropyOfTheWholeLogits() {
        INDArray logits = layer.forward(state, context, embedded, dropout).logits();
        double[] real = {1, 1, 1, 1, 1};
        CrossEntropy.Result whole = CrossEntropy.forwardBackward(logits, targets, real, 0.1, 4);
        parameters.zeroGradients();
        OutputLayer.InputGradients wholeInputs = layer.backward(layer.forward(state, context, embedded, dropout),
                state, context, embedded, whole.dLogits());
        double[] wholeGradients = parameters.gradients().toDoubleVector();
        for (int rows : new int[] {1, 2, 5, 64}) {
            parameters.zeroGradients();
            OutputLayer.LossAndGradients blocks = blocked(rows);
            assertEquals(whole.sumLoss(), blocks.loss().sumLoss(), 1e-12, rows + " rows a block");
            assertEquals(whole.meanLoss(), blocks.loss().meanLoss(), 1e-12);
            assertEquals(5, blocks.loss().tokens());
            assertArrayEquals(wholeGradients, parameters.gradients().toDoubleVector(), 1e-12);
            assertArrayEquals(flat(wholeInputs.state()), flat(blocks.inputs().state()), 1e-12);
            assertArrayEquals(flat(wholeInputs.context()), flat(blocks.inputs().context()), 1e-12);
            assertArrayEquals(flat(wholeInputs.embedded()), flat(blocks.inputs().embedded()), 1e-12);
            OutputLayer.Result deep = layer.deep(state, context, embedded, dropout);
            assertEquals(whole.sumLoss(), layer.loss(deep, targets, 0.1, rows).sumLoss(), 1e-12);
        }
    }

    private static double[] flat(INDArray x) {
        return x.reshape(-1).toDoubleVector();
    }

    @Test
    void theBlockedLossGradientsMatchFiniteDifferences() {
        java.util.function.Supplier<Double> loss = () -> layer.loss(layer.deep(state, context, embedded, dropout),
                targets, 0.1, 2).sumLoss() / 4;
        LayerFixture.checkParameters(parameters, () -> blocked(2), loss);
        OutputLayer.InputGradients analytic = blocked(2).inputs();
        GradientCheck.check("state", state, analytic.state().dup(), loss::get);
        GradientCheck.check("context", context, analytic.context().dup(), loss::get);
    }
}
