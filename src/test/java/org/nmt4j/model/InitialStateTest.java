package org.nmt4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class InitialStateTest {

    // S = 3, B = 2 sentences of lengths 3 and 1, 2H = 4, D = 3
    private final LayerFixture fixture = new LayerFixture(13);
    private final Parameters parameters = fixture.parameters(new Parameters.Layout().add("W", 4, 3).add("b", 3));
    private final InitialState layer = new InitialState(parameters.get("W"), parameters.get("b"));
    private final INDArray values = fixture.uniform(3, 2, 4);
    private final INDArray mask = Nd4j.createFromArray(new double[] {1, 1, 1, 0, 1, 0}).reshape(3, 2, 1);
    private final INDArray weights = fixture.uniform(2, 3);

    private double loss() {
        return LayerFixture.weightedSum(layer.forward(values, mask).state(), weights);
    }

    private INDArray backward() {
        INDArray dValues = Nd4j.zeros(DataType.DOUBLE, 3, 2, 4);
        layer.backward(layer.forward(values, mask), weights, dValues);
        return dValues;
    }

    @Test
    void parameterAndValueGradientsMatchFiniteDifferences() {
        LayerFixture.checkParameters(parameters, this::backward, this::loss);
        GradientCheck.check("values", values, backward().dup(), this::loss);
    }

    @Test
    void meanIsOverRealPositionsOnly() {
        INDArray mean = layer.forward(values, mask).mean();
        assertEquals(values.getDouble(0, 1, 2), mean.getDouble(1, 2), 1e-15); // sentence 1 has one real position
        assertEquals((values.getDouble(0, 0, 1) + values.getDouble(1, 0, 1) + values.getDouble(2, 0, 1)) / 3,
                mean.getDouble(0, 1), 1e-15);
    }
}
