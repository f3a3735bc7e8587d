package org.nmt4j.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Attention over the encoder states: a pluggable {@link AttentionScore}, a softmax over the real source positions
 * (padding gets −∞ first, so its weight is exactly 0), and the context vector {@code c_t = Σ_j α_tj h_j}.
 */
public final class Attention {

    private final AttentionScore score;

    public Attention(AttentionScore score) {
        this.score = score;
    }

    public AttentionScore score() {
        return score;
    }

    /** One step's result: the weights α [S,B], the context [B,2H], and what backward needs. */
    public record Step(INDArray weights, INDArray context, AttentionScore.Scored scored) {
    }

    // query s_{t-1}: [B,D] -> α: [S,B], c: [B,2H]
    public Step forward(INDArray query, EncoderMemory memory) {
        AttentionScore.Scored scored = score.score(query, memory.keys());
        INDArray weights = scored.scores().add(memory.maskBias());
        weights.subiRowVector(weights.max(0));
        Transforms.exp(weights, false);
        weights.diviRowVector(weights.sum(0));
        INDArray values = memory.values();
        INDArray weighted = Nd4j.createUninitialized(values.dataType(), values.shape());
        Broadcast.mul(values, weights, weighted, 0, 1);
        return new Step(weights, weighted.sum(0), scored);
    }

    /**
     * dContext [B,2H] -> dQuery [B,D]; adds into dValues [S,B,2H] (through the context) and dKeys [S,B,K] (through the
     * scores).
     */
    public INDArray backward(Step step, INDArray query, EncoderMemory memory, INDArray dContext, INDArray dValues,
                             INDArray dKeys) {
        INDArray values = memory.values();
        INDArray weights = step.weights();
        // c = Σ_j α_j h_j
        INDArray outer = Nd4j.createUninitialized(values.dataType(), values.shape());
        Broadcast.mul(values, dContext, outer, 1, 2);
        INDArray dWeights = outer.sum(2); // [S,B]
        Broadcast.copy(outer, dContext, outer, 1, 2);
        Broadcast.mul(outer, weights, outer, 0, 1);
        dValues.addi(outer);
        // α = softmax(e): de = α ⊙ (dα − Σ_j α_j dα_j)
        INDArray dScores = dWeights.subRowVector(weights.mul(dWeights).sum(0)).muli(weights);
        return score.backward(step.scored(), query, memory.keys(), dScores, dKeys);
    }
}
