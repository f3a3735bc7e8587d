package org.nmt4j.spark.train;

import java.io.Serializable;
import java.util.List;

import org.nmt4j.model.Batch;

/**
 * One worker's share of a round: consecutive batches of the epoch (padded ids, as the trainer makes them), the first being batch
 * {@code offset} of the round and training step {@code step + 1} (its dropout draws from the seed and {@code step}).
 */
record RoundTask(int offset, long step, List<Batch> batches) implements Serializable {
}
