package org.nmt4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nmt4j.io.UserError;
import org.nmt4j.config.ModelConfig;

class NmtModelTest {

    private static final ModelConfig CONFIG = new ModelConfig(3, 2, 4, 3, 3, "additive", 0.0, 0.1);

    private static NmtModel model() {
        return NmtModel.create(CONFIG, NmtModelGradientTest.SOURCE_VOCABULARY, NmtModelGradientTest.TARGET_VOCABULARY,
                DataType.DOUBLE, 3);
    }

    @Test
    void paddingTokensDoNotChangeTheLossOrTheGradient() {
        NmtModel model = model();
        Batch batch = NmtModelGradientTest.paddedBatch();
        model.parameters().zeroGradients();
        double loss = model.lossAndGradients(batch, null).meanLoss();
        double[] gradient = model.parameters().gradients().toDoubleVector();

        // the same batch with other ids written at every padded position
        int[] sources = batch.sourceIds().clone();
        for (int t = 0; t < batch.sourceLength(); t++) {
            for (int b = 0; b < batch.batchSize(); b++) {
                if (t >= batch.sourceLengths()[b]) {
                    sources[t * batch.batchSize() + b] = 5 + b;
                }
            }
        }
        int[] targetsIn = batch.targetInputIds().clone();
        int[] targetsOut = batch.targetOutputIds().clone();
        for (int i = 0; i < targetsIn.length; i++) {
            if (batch.targetMask()[i] == 0) {
                targetsIn[i] = 6;
                targetsOut[i] = 7;
            }
        }
        Batch noisy = new Batch(batch.batchSize(), batch.sourceLength(), batch.targetLength(), sources,
                batch.sourceLengths(), targetsIn, targetsOut, batch.targetMask(), batch.targetTokens());
        model.parameters().zeroGradients();
        assertEquals(loss, model.lossAndGradients(noisy, null).meanLoss(), 1e-14);
        assertArrayEquals(gradient, model.parameters().gradients().toDoubleVector(), 1e-14);
    }

    @Test
    void theOutputLayersBlocksDoNotChangeTheLossOrTheGradient() {
        NmtModel model = model();
        Batch batch = NmtModelGradientTest.paddedBatch();
        model.parameters().zeroGradients();
        double loss = model.lossAndGradients(batch, null, batch.targetTokens(), 1_000).meanLoss();
        double[] gradient = model.parameters().gradients().toDoubleVector();
        for (int rows : new int[] {1, 2, 3}) {
            model.parameters().zeroGradients();
            assertEquals(loss, model.lossAndGradients(batch, null, batch.targetTokens(), rows).meanLoss(), 1e-14);
            assertArrayEquals(gradient, model.parameters().gradients().toDoubleVector(), 1e-14);
            assertEquals(loss, model.loss(batch, null, rows).meanLoss(), 1e-14);
        }
    }

    @Test
    void aSentencesLossDoesNotDependOnWhatItIsBatchedWith() {
        NmtModel model = model();
        int[] source = {4, 5, 6};
        int[] target = {7, 4};
        double alone = model.loss(Batch.of(List.of(source), List.of(target)), null).sumLoss();
        double withLonger = model.loss(Batch.of(List.of(source, new int[] {8, 8, 8, 8, 8, 8}),
                List.of(target, new int[] {5, 5, 5, 5, 5})), null).sumLoss();
        double longerAlone = model.loss(Batch.of(List.of(new int[] {8, 8, 8, 8, 8, 8}),
                List.of(new int[] {5, 5, 5, 5, 5})), null).sumLoss();
        assertEquals(alone + longerAlone, withLonger, 1e-12);
    }

    @Test
    void paddingEmbeddingRowsStartAtZero() {
        NmtModel reference = NmtModel.create(ModelConfig.reference(), 7882, 5898, DataType.FLOAT, 1);
        for (String name : new String[] {"source.embedding", "target.embedding"}) {
            assertEquals(0.0, reference.parameters().block(name, 0, 256).value().norm2Number().doubleValue(), 0.0);
            assertEquals(16.0, reference.parameters().block(name, 256, 256).value().norm2Number().doubleValue(), 3.0);
        }
    }

    @Test
    void dotAttentionNeedsDecoderTwiceTheEncoder() {
        assertThrows(UserError.class, () -> ModelVariants.check(new ModelConfig(3, 2, 3, 3, 3, "dot", 0, 0)));
        assertThrows(UserError.class, () -> ModelVariants.check(new ModelConfig(3, 2, 4, 3, 3, "luong", 0, 0)));
        assertThrows(UserError.class, () -> NmtModel.create(new ModelConfig(3, 2, 3, 3, 3, "dot", 0, 0), 5, 5,
                DataType.FLOAT, 1));
    }

    @Test
    void referenceConfigurationHasTheYardsticksParameterCount() {
        NmtModel reference = NmtModel.create(ModelConfig.reference(), 7882, 5898, DataType.FLOAT, 1);
        assertEquals(8_655_370, reference.parameters().size()); // 8.66 M, as the PyTorch yardstick
    }
}
