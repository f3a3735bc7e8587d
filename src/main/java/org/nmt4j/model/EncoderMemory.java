package org.nmt4j.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the decoder attends to: the encoder states, their keys (projected once per batch by the attention score), and
 * which source positions are real.
 *
 * @param values   h_j, [S,B,2H]
 * @param valuesByBatch the same, batch-major [B,S,2H], for the batched products of the context and its gradient
 * @param keys     the score's keys of h_j (e.g. U_a h_j + b_a for additive attention), [S,B,K]
 * @param mask     1 at real positions, 0 at padding, [S,B,1]
 * @param maskBias 0 at real positions, a large negative number at padding, added to scores before the softmax, [S,B]
 */
public record EncoderMemory(INDArray values, INDArray valuesByBatch, INDArray keys, INDArray mask,
                            INDArray maskBias) {

    /** A memory over values [S,B,2H]; the batch-major copy is made here. */
    public static EncoderMemory of(INDArray values, INDArray keys, INDArray mask, INDArray maskBias) {
        return new EncoderMemory(values, values.permute(1, 0, 2).dup('c'), keys, mask, maskBias);
    }

    public long sourceLength() {
        return values.size(0);
    }

    public long batchSize() {
        return values.size(1);
    }
}
