package org.nmt4j.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.compute.Activations;

/**
 * Bahdanau et al. (2015) additive score, eq. 6 with the previous decoder state as query:
 * {@code e_tj = v_aᵀ tanh(W_a s_{t−1} + U_a h_j + b_a)}. The keys {@code U_a h_j + b_a} are computed once per batch.
 */
public final class AdditiveScore implements AttentionScore {

    private final Param wa; // [D,A]
    private final Param ua; // [2H,A]
    private final Param ba; // [A]
    private final Param va; // [A,1]

    public AdditiveScore(Param wa, Param ua, Param ba, Param va) {
        this.wa = wa;
        this.ua = ua;
        this.ba = ba;
        this.va = va;
    }

    private record Step(INDArray scores, INDArray hidden) implements Scored {
    }

    @Override
    public INDArray keys(INDArray values) {
        long s = values.size(0);
        long b = values.size(1);
        long a = ua.value().size(1);
        INDArray keys = Nd4j.createUninitialized(values.dataType(), s, b, a);
        Nd4j.gemm(values.reshape(s * b, values.size(2)), ua.value(), keys.reshape(s * b, a), false, false, 1.0, 0.0);
        return keys.reshape(s * b, a).addiRowVector(ba.value()).reshape(s, b, a);
    }

    @Override
    public Scored score(INDArray query, INDArray keys) {
        long s = keys.size(0);
        long b = keys.size(1);
        long a = keys.size(2);
        INDArray q = Nd4j.createUninitialized(query.dataType(), b, a);
        Nd4j.gemm(query, wa.value(), q, false, false, 1.0, 0.0);
        INDArray hidden = Nd4j.createUninitialized(keys.dataType(), s, b, a);
        Broadcast.add(keys, q, hidden, 1, 2);
        Activations.tanh(hidden);
        INDArray scores = Nd4j.createUninitialized(keys.dataType(), s * b, 1);
        Nd4j.gemm(hidden.reshape(s * b, a), va.value(), scores, false, false, 1.0, 0.0);
        return new Step(scores.reshape(s, b), hidden);
    }

    @Override
    public INDArray backward(Scored scored, INDArray query, INDArray keys, INDArray dScores, INDArray dKeys) {
        INDArray hidden = ((Step) scored).hidden();
        long s = hidden.size(0);
        long b = hidden.size(1);
        long a = hidden.size(2);
        INDArray hidden2d = hidden.reshape(s * b, a);
        INDArray dScores2d = dScores.reshape(s * b, 1);
        Nd4j.gemm(hidden2d, dScores2d, va.gradient(), true, false, 1.0, 1.0);
        // d(pre-tanh) = (dScores ⊗ v_a) ⊙ (1 − hidden²)
        INDArray dPre = hidden.mul(hidden).rsubi(1.0);
        Broadcast.mul(dPre, va.value().reshape(a), dPre, 2);
        Broadcast.mul(dPre, dScores, dPre, 0, 1);
        dKeys.addi(dPre);
        INDArray dq = dPre.sum(0); // [B,A]
        Nd4j.gemm(query, dq, wa.gradient(), true, false, 1.0, 1.0);
        INDArray dQuery = Nd4j.createUninitialized(query.dataType(), b, query.size(1));
        Nd4j.gemm(dq, wa.value(), dQuery, false, true, 1.0, 0.0);
        return dQuery;
    }

    @Override
    public void keysBackward(INDArray values, INDArray dKeys, INDArray dValues) {
        long s = values.size(0);
        long b = values.size(1);
        INDArray dKeys2d = dKeys.reshape(s * b, dKeys.size(2));
        Nd4j.gemm(values.reshape(s * b, values.size(2)), dKeys2d, ua.gradient(), true, false, 1.0, 1.0);
        ba.gradient().addi(dKeys2d.sum(0));
        Nd4j.gemm(dKeys2d, ua.value(), dValues.reshape(s * b, values.size(2)), false, true, 1.0, 1.0);
    }
}
