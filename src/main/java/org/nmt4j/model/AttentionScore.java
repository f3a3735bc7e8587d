package org.nmt4j.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How well each source position matches the decoder's query: e_tj = score(s_{t−1}, h_j). Keys (what depends on h_j
 * only) are computed once per batch; a step then scores one query against all keys.
 */
public interface AttentionScore {

    // values: [S,B,2H] -> keys: [S,B,K]
    INDArray keys(INDArray values);

    /** Scores of one step and what backward needs. */
    interface Scored {
        INDArray scores(); // [S,B]
    }

    // query: [B,D], keys: [S,B,K] -> scores [S,B]
    Scored score(INDArray query, INDArray keys);

    /**
     * dScores [S,B] -> dQuery [B,D]; adds the gradient of the keys into dKeys [S,B,K] and of the score's own step
     * parameters into their gradients.
     */
    INDArray backward(Scored scored, INDArray query, INDArray keys, INDArray dScores, INDArray dKeys);

    /** After all steps: turns dKeys [S,B,K] into parameter gradients and adds the values' gradient to dValues. */
    void keysBackward(INDArray values, INDArray dKeys, INDArray dValues);
}
