package org.nmt4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.config.ModelConfig;

/** The whole model's loss gradient, every parameter, checked by finite differences on a padded batch. */
public class NmtModelGradientTest {

    public static final int SOURCE_VOCABULARY = 9;
    public static final int TARGET_VOCABULARY = 8;

    /** Three sentence pairs of different lengths on both sides, so both sides are padded. */
    public static Batch paddedBatch() {
        return Batch.of(
                List.of(new int[] {4, 5, 6, 7}, new int[] {8}, new int[] {5, 4}),
                List.of(new int[] {4, 5}, new int[] {6, 7, 4, 5}, new int[] {7}));
    }

    /**
     * Every parameter with the default (additive) attention; for the other scores, the parameters the score touches
     * directly or through the decoder's state (the rest of the model is the same code).
     */
    @ParameterizedTest(name = "{0} attention, dropout {1}, label smoothing {2}, parameters {3}")
    @CsvSource({"additive, 0.3, 0.1, ''", "general, 0.2, 0.0, attention.|bridge.|decoder.W_h|encoder.backward.W_h",
            "dot, 0.0, 0.2, bridge.|decoder.|encoder.forward.W_h"})
    void everyParameterGradientMatchesFiniteDifferences(String attention, double dropout, double smoothing,
                                                        String checkedPrefixes) {
        // dot attention needs D = 2H
        ModelConfig config = new ModelConfig(3, 2, 4, 3, 3, attention, dropout, smoothing);
        NmtModel model = NmtModel.create(config, SOURCE_VOCABULARY, TARGET_VOCABULARY, DataType.DOUBLE, 7);
        Batch batch = paddedBatch();
        long dropoutSeed = 11;
        java.util.function.DoubleSupplier loss = () -> model.loss(batch, rng(dropout, dropoutSeed)).meanLoss();
        model.parameters().zeroGradients();
        double lossWithGradients = model.lossAndGradients(batch, rng(dropout, dropoutSeed)).meanLoss();
        assertEquals(lossWithGradients, loss.getAsDouble(), 0.0);
        INDArray analytic = model.parameters().gradients().dup();
        int significant = 0;
        long offset = 0;
        long checked = 0;
        for (Param p : model.parameters().all()) {
            long n = p.value().length();
            INDArray g = analytic.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(offset, offset + n)).reshape(p.value().shape());
            offset += n;
            if (!checkedPrefixes.isEmpty()
                    && java.util.Arrays.stream(checkedPrefixes.split("\\|")).noneMatch(p.name()::startsWith)) {
                continue;
            }
            significant += GradientCheck.check(p.name(), p.value(), g, loss);
            checked += n;
        }
        assertEquals(model.parameters().size(), offset);
        assertTrue(significant > checked / 3, "too few non-zero gradients: " + significant + " of " + checked);
    }

    private static Random rng(double dropout, long seed) {
        return dropout > 0 ? Nd4j.getRandomFactory().getNewRandomInstance(seed) : null;
    }
}
