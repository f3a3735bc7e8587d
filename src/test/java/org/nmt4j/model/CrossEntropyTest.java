package org.nmt4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;

class CrossEntropyTest {

    private final LayerFixture fixture = new LayerFixture(17);
    private final INDArray logits = fixture.uniform(4, 5).muli(3);
    private final int[] targets = {1, 4, 0, 2};
    private final double[] mask = {1, 1, 0, 1};

    private double loss(double smoothing) {
        return CrossEntropy.forwardBackward(logits.dup(), targets, mask, smoothing).meanLoss();
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.1})
    void logitGradientMatchesFiniteDifferences(double smoothing) {
        INDArray input = logits.dup();
        INDArray analytic = CrossEntropy.forwardBackward(input, targets, mask, smoothing).dLogits();
        assertSame(input, analytic, "the gradient takes the logits' memory instead of new arrays of their size");
        GradientCheck.check("logits", logits, analytic, () -> loss(smoothing));
        assertEquals(0.0, analytic.getRow(2).norm2Number().doubleValue(), 0.0); // the padded row
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.1})
    void lossIsTheMeanOverRealTokensOfTheSmoothedTargetCrossEntropy(double smoothing) {
        double sum = 0;
        for (int i = 0; i < 4; i++) {
            if (mask[i] == 0) {
                continue;
            }
            double max = logits.getRow(i).maxNumber().doubleValue();
            double z = 0;
            for (int v = 0; v < 5; v++) {
                z += Math.exp(logits.getDouble(i, v) - max);
            }
            for (int v = 0; v < 5; v++) {
                double logP = logits.getDouble(i, v) - max - Math.log(z);
                double q = (v == targets[i] ? 1 - smoothing : 0) + smoothing / 5;
                sum -= q * logP;
            }
        }
        CrossEntropy.Result result = CrossEntropy.forwardBackward(logits.dup(), targets, mask, smoothing);
        assertEquals(3, result.tokens());
        assertEquals(sum / 3, result.meanLoss(), 1e-12);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.1})
    void theFloatRowsGiveTheDoublePathsLossAndGradient(double smoothing) {
        LayerFixture wide = new LayerFixture(5);
        INDArray many = wide.uniform(6, 3000).muli(8); // a vocabulary's width, spread like trained logits
        int[] to = {7, 2999, 0, 1500, 3, 42};
        double[] real = {1, 1, 0, 1, 1, 1};
        CrossEntropy.Result exact = CrossEntropy.forwardBackward(many.dup(), to, real, smoothing, 11);
        INDArray floats = many.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
        CrossEntropy.Result rows = CrossEntropy.forwardBackward(floats, to, real, smoothing, 11);
        assertSame(floats, rows.dLogits());
        assertEquals(exact.tokens(), rows.tokens());
        assertEquals(exact.sumLoss(), rows.sumLoss(), 1e-4 * Math.abs(exact.sumLoss()));
        INDArray difference = exact.dLogits().sub(rows.dLogits().castTo(exact.dLogits().dataType()));
        assertEquals(0, difference.amaxNumber().doubleValue(), 1e-5 * exact.dLogits().amaxNumber().doubleValue());
        assertEquals(0.0, rows.dLogits().getRow(2).norm2Number().doubleValue(), 0.0); // the padded row
    }
}
