package org.nmt4j.model.search;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One step over N hypotheses: the new states, the vocabulary logits [N,V] (null when not asked for) and the
 * attention weights [N,S] (0 at padding).
 */
public record DecoderStep(DecoderStates states, INDArray logits, float[] attention, int sourceLength, int[] tokens) {

    /** The target token of logit column c. */
    public int token(int column) {
        return tokens == null ? column : tokens[column];
    }
}
