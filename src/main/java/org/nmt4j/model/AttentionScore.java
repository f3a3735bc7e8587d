package org.nmt4j.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How well each source position matches the decoder's query: e_tj = score(q_t, k_j), where the query is the previous
 * decoder state, projected ({@link #queryProjection}) or not, and the keys are what depends on h_j only, computed
 * once per batch ({@link #keys}). {@link Attention} makes the queries and their gradients; a score computes the
 * scores of a step and their backward in Java loops over the memory's batch-major rows ({@link EncoderMemory}).
 */
public interface AttentionScore {

    // values: [S,B,2H] -> keys: [S,B,K]
    INDArray keys(INDArray values);

    /**
     * Keys that are a linear map of the values, {@code h W + b}: W [2H,K] and b [K] (null: none).
     *
     * @param weights W
     * @param bias    b, or null
     */
    record KeyMap(INDArray weights, INDArray bias) {
    }

    /** The linear map {@link #keys} applies, so that search can make the keys its own way; null when not linear. */
    default KeyMap keyMap() {
        return null;
    }

    /** The query projection W [D,K] (q = s W), or null when the query is the decoder state itself. */
    Param queryProjection();

    /**
     * Scores of queries [B·K] against the memory's keys into scores [B·S] (batch-major), at real positions only (the
     * others are not read).
     */
    void scores(double[] queries, EncoderMemory memory, double[] scores);

    /**
     * Backward of {@link #scores} from dScores [B·S] (0 at padding): adds the queries' gradient into dQueries [B·K],
     * the keys' into dKeys [B·S·K] (batch-major, in the memory's precision) and the score's own step parameters' into
     * their gradients.
     */
    void backward(double[] queries, double[] dScores, EncoderMemory memory, double[] dQueries,
                  Attention.KeyGradients dKeys);

    /** After all steps: turns dKeys [S,B,K] into parameter gradients and adds the values' gradient to dValues. */
    void keysBackward(INDArray values, INDArray dKeys, INDArray dValues);
}
