package org.nmt4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
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
}
