package org.nmt4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nmt4j.WithoutCpuFeatures;
import org.nmt4j.compute.CpuFeatures;
import org.nmt4j.compute.Precision;
import org.nmt4j.config.ModelConfig;
import org.nmt4j.model.Batch;
import org.nmt4j.model.NmtModel;

class TrainingStepTest {

    private static final ModelConfig CONFIG = new ModelConfig(8, 10, 12, 6, 7, "additive", 0.0, 0.1);

    private static int[] sentence(Random random, int length) {
        int[] ids = new int[length];
        for (int i = 0; i < length; i++) {
            ids[i] = 4 + random.nextInt(16);
        }
        return ids;
    }

    @Test
    void aBatchInShardsOnTwoThreadsMakesTheSameUpdateAsInOnePiece() {
        Random random = new Random(3);
        List<int[]> sources = new ArrayList<>();
        List<int[]> targets = new ArrayList<>();
        for (int i = 0; i < 7; i++) { // different lengths, so the shards are padded differently from the whole
            sources.add(sentence(random, 2 + random.nextInt(7)));
            targets.add(sentence(random, 1 + random.nextInt(8)));
        }
        NmtModel whole = NmtModel.create(CONFIG, 20, 20, DataType.DOUBLE, 11);
        NmtModel sharded = NmtModel.create(CONFIG, 20, 20, DataType.DOUBLE, 11);
        TrainingStep wholeStep = new TrainingStep(whole, new AdamOptimizer(whole.parameters(), 0.01, 1.0));
        TrainingStep shardedStep = new TrainingStep(sharded, new AdamOptimizer(sharded.parameters(), 0.01, 1.0));
        for (int step = 0; step < 3; step++) {
            TrainingStep.Result one = wholeStep.run(Batch.of(sources, targets), null);
            TrainingStep.Result two = shardedStep.run(List.of(Batch.of(sources.subList(0, 3), targets.subList(0, 3)),
                    Batch.of(sources.subList(3, 7), targets.subList(3, 7))), null);
            assertEquals(one.tokens(), two.tokens());
            assertEquals(one.loss(), two.loss(), 1e-12, "step " + step);
            assertEquals(one.gradientNorm(), two.gradientNorm(), 1e-12, "step " + step);
        }
        double difference = whole.parameters().values().sub(sharded.parameters().values()).amaxNumber()
                .doubleValue();
        assertTrue(difference < 1e-12, "parameters differ by " + difference);
    }

    /**
     * A step in bf16 is the fp32 step up to bfloat16's rounding of the products' operands (8 bits of mantissa,
     * relative 2^-9): on a fixed batch the loss agrees within 0.1 % and the gradient within 1 % of its norm.
     */
    @Test
    void aBf16StepIsTheFp32StepWithinBfloat16Rounding() {
        assumeTrue(CpuFeatures.hasBf16(), "no bfloat16 instructions on this processor");
        ModelConfig config = new ModelConfig(32, 48, 64, 40, 36, "additive", 0.0, 0.1);
        Random random = new Random(5);
        List<int[]> sources = new ArrayList<>();
        List<int[]> targets = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            sources.add(sentence(random, 3 + random.nextInt(12)));
            targets.add(sentence(random, 2 + random.nextInt(12)));
        }
        Batch batch = Batch.of(sources, targets);
        NmtModel fp32 = NmtModel.create(config, 20, 20, DataType.FLOAT, 11);
        NmtModel bf16 = NmtModel.create(config, 20, 20, DataType.FLOAT, 11);
        TrainingStep.Result exact = new TrainingStep(fp32, new AdamOptimizer(fp32.parameters(), 0.01, 0))
                .run(batch, null);
        TrainingStep.Result lowered = new TrainingStep(bf16, new AdamOptimizer(bf16.parameters(), 0.01, 0),
                Precision.BF16).run(batch, null);
        assertEquals(exact.tokens(), lowered.tokens());
        assertEquals(exact.loss(), lowered.loss(), 1e-3 * exact.loss());
        INDArray g = fp32.parameters().gradients();
        double gradientError = g.sub(bf16.parameters().gradients()).norm2Number().doubleValue()
                / g.norm2Number().doubleValue();
        assertTrue(gradientError < 0.01, "gradient differs by " + gradientError + " of its norm");
        assertTrue(gradientError > 0, "bf16 rounds the products' operands");
    }

    @Test
    void aStepInBf16IsRefusedWhereTheProcessorLacksIt() throws Throwable {
        WithoutCpuFeatures.bf16(() -> {
            NmtModel model = NmtModel.create(CONFIG, 20, 20, DataType.FLOAT, 11);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> new TrainingStep(model,
                    new AdamOptimizer(model.parameters(), 0.01, 1.0), Precision.BF16));
            assertTrue(e.getMessage().startsWith("precision bf16 needs a processor with AVX-512 BF16 or AMX"),
                    e.getMessage());
        });
    }
}
