package org.nmt4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nmt4j.config.ModelConfig;
import org.nmt4j.model.NmtModel;
import org.nmt4j.model.Parameters;

class ParameterSmoothingTest {

    private static Parameters parameters() {
        return NmtModel.create(new ModelConfig(4, 3, 5, 4, 3, "additive", 0, 0), 11, 13, DataType.DOUBLE, 1)
                .parameters();
    }

    @Test
    void theAverageIsUniformFirstThenExponential() {
        Parameters p = parameters();
        double[] theta0 = p.values().toDoubleVector();
        ParameterSmoothing smoothing = new ParameterSmoothing(p, 0.25);
        assertEquals(0.5, smoothing.rate(1), 0.0);
        assertEquals(1 / 3.0, smoothing.rate(2), 0.0);
        assertEquals(0.25, smoothing.rate(3), 0.0);
        assertEquals(0.25, smoothing.rate(100), 0.0);
        double[] expected = theta0.clone();
        for (int step = 1; step <= 5; step++) {
            p.values().addi(1.0); // a training step moves every parameter by 1
            smoothing.update(p, step, 1234); // without a reference size the batch's tokens do not matter
            double r = smoothing.rate(step);
            double[] theta = p.values().toDoubleVector();
            for (int i = 0; i < expected.length; i++) {
                expected[i] += r * (theta[i] - expected[i]);
            }
        }
        assertArrayEquals(expected, smoothing.values().toDoubleVector(), 1e-12);
        // uniform for the first two steps: (θ0 + θ0+1 + θ0+2) / 3 = θ0 + 1, then 1/4 of the way each step
        double first = theta0[0] + 1;
        for (int step = 3; step <= 5; step++) {
            first += 0.25 * (theta0[0] + step - first);
        }
        assertEquals(first, smoothing.values().getDouble(0), 1e-12);
    }

    @Test
    void withAReferenceBatchSizeAStepMovesTheAverageAsThatManyReferenceSteps() {
        Parameters p = parameters();
        ParameterSmoothing smoothing = new ParameterSmoothing(p, 0.01, 1000);
        assertEquals(0.01, smoothing.rate(500, 1000), 1e-15);
        // two steps of 500 tokens move it as one of 1,000: (1 − r)² = 1 − α
        double half = smoothing.rate(500, 500);
        assertEquals(1 - 0.01, (1 - half) * (1 - half), 1e-15);
        assertEquals(1 - Math.pow(0.99, 3), smoothing.rate(500, 3000), 1e-15);
        assertEquals(0.5, smoothing.rate(1, 10), 0.0); // the uniform start is by steps
        // update moves by the rate of its step and tokens
        double start = p.values().getDouble(0);
        double expected = start;
        long[] tokens = {700, 2500, 40};
        for (int step = 1; step <= 3; step++) {
            p.values().addi(1.0);
            smoothing.update(p, 300 + step, tokens[step - 1]);
            expected += smoothing.rate(300 + step, tokens[step - 1]) * (start + step - expected);
        }
        assertEquals(expected, smoothing.values().getDouble(0), 1e-12);
    }

    @Test
    void applyLendsTheAverageToTheParametersAndPutsTheTrainedValuesBack() throws Exception {
        Parameters p = parameters();
        ParameterSmoothing smoothing = new ParameterSmoothing(p, 0.5);
        double[] start = p.values().toDoubleVector();
        p.values().addi(2.0);
        smoothing.update(p, 1, 10); // the average: start + 1
        double[] trained = p.values().toDoubleVector();
        double seen = smoothing.apply(p, () -> p.values().getDouble(0));
        assertEquals(start[0] + 1, seen, 1e-12);
        assertArrayEquals(trained, p.values().toDoubleVector(), 0.0);
    }
}
