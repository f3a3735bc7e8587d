package org.nmt4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nmt4j.model.Parameters;

class AdamOptimizerTest {

    @Test
    void updatesInTwoHalvesOnTwoThreadsAsNd4jsAdamDoesOnTheWholeBuffer() {
        Parameters parameters = new Parameters.Layout().add("a", 7, 3).add("b", 5).allocate(DataType.DOUBLE);
        parameters.values().assign(Nd4j.rand(DataType.DOUBLE, 1, 26));
        INDArray expected = parameters.values().dup();
        INDArray referenceState = Nd4j.zeros(DataType.DOUBLE, 1, 52);
        GradientUpdater<?> reference = new Adam(0.01).instantiate(referenceState, true);
        AdamOptimizer adam = new AdamOptimizer(parameters, 0.01, 0.5);
        adam.setThreads(2);
        org.nd4j.linalg.api.rng.Random random = Nd4j.getRandomFactory().getNewRandomInstance(5);
        for (int step = 0; step < 4; step++) {
            INDArray gradient = Nd4j.rand(random, 1, 26).castTo(DataType.DOUBLE).subi(0.5);
            parameters.gradients().assign(gradient);
            double norm = adam.step();
            assertEquals(gradient.norm2Number().doubleValue(), norm, 1e-12);
            INDArray clipped = norm > 0.5 ? gradient.mul(0.5 / norm) : gradient.dup();
            reference.applyUpdater(clipped, step, 0);
            expected.subi(clipped);
            double difference = expected.sub(parameters.values()).amaxNumber().doubleValue();
            assertTrue(difference < 1e-12, "step " + step + ": parameters differ by " + difference);
        }
        assertEquals(0, referenceState.sub(adam.state()).amaxNumber().doubleValue(), 1e-12);
        assertEquals(4, adam.iteration());
    }
}
