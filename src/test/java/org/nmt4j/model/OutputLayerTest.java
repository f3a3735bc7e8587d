package org.nmt4j.model;

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
}
