package org.nmt4j.model;

import org.nd4j.linalg.api.ndarray.INDArray;
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
        return attend(scored.scores(), scored, memory);
    }

    private Step attend(INDArray scores, AttentionScore.Scored scored, EncoderMemory memory) {
        INDArray weights = scores.add(memory.maskBias());
        weights.subiRowVector(weights.max(0));
        Transforms.exp(weights, false);
        weights.diviRowVector(weights.sum(0));
        // c[b] = α[:,b]ᵀ h[b]: one batched product over [B,1,S] × [B,S,2H]
        INDArray byBatch = memory.valuesByBatch();
        long b = byBatch.size(0);
        INDArray alphaByBatch = weights.transpose().dup('c').reshape(b, 1, byBatch.size(1));
        INDArray context = Nd4j.matmul(alphaByBatch, byBatch).reshape(b, byBatch.size(2));
        return new Step(weights, context, scored);
    }

    /**
     * dContext [B,2H] -> dQuery [B,D], through the weights and the scores; adds the keys' gradient into dKeys
     * [S,B,K]. The values' gradient through the context is left to {@link #contextBackward}, once for all steps.
     */
    public INDArray backward(Step step, INDArray query, EncoderMemory memory, INDArray dContext, INDArray dKeys) {
        INDArray weights = step.weights();
        // c = Σ_j α_j h_j: dα_j = h_j · dc, one batched product [B,S,2H] × [B,2H,1]
        INDArray byBatch = memory.valuesByBatch();
        long b = byBatch.size(0);
        INDArray dWeights = Nd4j.matmul(byBatch, dContext.reshape(b, byBatch.size(2), 1))
                .reshape(b, byBatch.size(1)).transpose().dup('c'); // [S,B]
        // α = softmax(e): de = α ⊙ (dα − Σ_j α_j dα_j)
        INDArray dScores = dWeights.subRowVector(weights.mul(dWeights).sum(0)).muli(weights);
        return score.backward(step.scored(), query, memory.keys(), dScores, dKeys);
    }

    /**
     * The values' gradient through the contexts of all T steps, one batched matrix product:
     * {@code dh_j[b] += Σ_t α_tj[b] · dc_t[b]}. weights: α of each step [S,B]; dContexts [T,B,2H]; dValues [S,B,2H].
     */
    public void contextBackward(java.util.List<INDArray> weights, INDArray dContexts, INDArray dValues) {
        INDArray alphas = Nd4j.stack(0, weights.toArray(new INDArray[0])); // [T,S,B]
        INDArray byBatch = alphas.permute(2, 1, 0).dup('c');              // [B,S,T]
        INDArray dByBatch = dContexts.permute(1, 0, 2).dup('c');         // [B,T,2H]
        INDArray product = Nd4j.matmul(byBatch, dByBatch);               // [B,S,2H]
        dValues.addi(product.permute(1, 0, 2));
    }
}
