package org.nmt4j.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the decoder attends to: the encoder states, their keys (projected once per batch by the attention score), and
 * which source positions are real.
 *
 * @param values   h_j, [S,B,2H]
 * @param keys     the score's keys of h_j (e.g. U_a h_j + b_a for additive attention), [S,B,K]
 * @param mask     1 at real positions, 0 at padding, [S,B,1]
 * @param maskBias 0 at real positions, a large negative number at padding, added to scores before the softmax, [S,B]
 */
public record EncoderMemory(INDArray values, INDArray keys, INDArray mask, INDArray maskBias) {

    public long sourceLength() {
        return values.size(0);
    }

    public long batchSize() {
        return values.size(1);
    }
}
