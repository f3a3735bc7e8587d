package org.nmt4j.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Luong et al. (2015) multiplicative scores: {@code general}, {@code e_tj = s_{t−1}ᵀ W h_j}, with the keys {@code W h_j}
 * computed once per batch; and {@code dot}, {@code e_tj = s_{t−1}ᵀ h_j} (no parameters; needs D = 2H).
 */
public final class DotScore implements AttentionScore {

    private final Param w; // [2H,D], null for dot

    /** @param w the general score's matrix, or null for the plain dot product */
    public DotScore(Param w) {
        this.w = w;
    }

    private record Step(INDArray scores) implements Scored {
    }

    @Override
    public INDArray keys(INDArray values) {
        if (w == null) {
            return values;
        }
        long s = values.size(0);
        long b = values.size(1);
        long d = w.value().size(1);
        INDArray keys = Nd4j.createUninitialized(values.dataType(), s, b, d);
        Nd4j.gemm(values.reshape(s * b, values.size(2)), w.value(), keys.reshape(s * b, d), false, false, 1.0, 0.0);
        return keys;
    }

    @Override
    public Scored score(INDArray query, INDArray keys) {
        INDArray products = Nd4j.createUninitialized(keys.dataType(), keys.shape());
        Broadcast.mul(keys, query, products, 1, 2);
        return new Step(products.sum(2));
    }

    @Override
    public INDArray backward(Scored scored, INDArray query, INDArray keys, INDArray dScores, INDArray dKeys) {
        // dKeys[j,b,:] += dScores[j,b] · query[b,:];  dQuery[b,:] = Σ_j dScores[j,b] · keys[j,b,:]
        INDArray outer = Nd4j.createUninitialized(keys.dataType(), keys.shape());
        Broadcast.copy(outer, query, outer, 1, 2);
        Broadcast.mul(outer, dScores, outer, 0, 1);
        dKeys.addi(outer);
        Broadcast.mul(keys, dScores, outer, 0, 1);
        return outer.sum(0);
    }

    @Override
    public void keysBackward(INDArray values, INDArray dKeys, INDArray dValues) {
        if (w == null) {
            dValues.addi(dKeys);
            return;
        }
        long s = values.size(0);
        long b = values.size(1);
        INDArray dKeys2d = dKeys.reshape(s * b, dKeys.size(2));
        Nd4j.gemm(values.reshape(s * b, values.size(2)), dKeys2d, w.gradient(), true, false, 1.0, 1.0);
        Nd4j.gemm(dKeys2d, w.value(), dValues.reshape(s * b, values.size(2)), false, true, 1.0, 1.0);
    }
}
