package org.nmt4j.spark.train;

import java.io.Serializable;
import java.util.List;

/**
 * One worker's share of a round: consecutive batches of the epoch as token ids, the first being batch
 * {@code offset} of the round and training step {@code step + 1} (its dropout draws from the seed and {@code step}).
 */
record RoundTask(int offset, long step, List<Batch> batches) implements Serializable {

    /** A batch's sentence pairs as ids (no BOS/EOS: the model adds them). */
    record Batch(int[][] sources, int[][] targets) implements Serializable {

        org.nmt4j.model.Batch toModel() {
            return org.nmt4j.model.Batch.of(List.of(sources), List.of(targets));
        }
    }
}
