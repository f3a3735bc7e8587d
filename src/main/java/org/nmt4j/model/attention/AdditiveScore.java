package org.nmt4j.model.attention;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.compute.FloatCopies;
import org.nmt4j.compute.NdOps;
import org.nmt4j.compute.Products;
import org.nmt4j.model.Attention;
import org.nmt4j.model.AttentionDoubleRows;
import org.nmt4j.model.AttentionFloatRows;
import org.nmt4j.model.AttentionScore;
import org.nmt4j.model.EncoderMemory;
import org.nmt4j.model.Param;

/**
 * Bahdanau et al. (2015) additive score, eq. 6 with the previous decoder state as query:
 * {@code e_tj = v_aᵀ tanh(W_a s_{t−1} + U_a h_j + b_a)}. The keys {@code U_a h_j + b_a} are computed once per batch,
 * the queries {@code W_a s} by {@link Attention}; a step adds them, takes tanh and the product with v_a block by block
 * ({@link AttentionFloatRows}), and backward recomputes each row instead of keeping the [S,B,A] layer.
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

    @Override
    public INDArray keys(INDArray values) {
        long s = values.size(0);
        long b = values.size(1);
        long a = ua.value().size(1);
        INDArray keys = Nd4j.createUninitialized(values.dataType(), s, b, a);
        Products.gemm(values.reshape(s * b, values.size(2)), ua.value(), keys.reshape(s * b, a), false, false, 1.0, 0.0);
        return NdOps.addRowVector(keys.reshape(s * b, a), ba.value()).reshape(s, b, a);
    }

    @Override
    public KeyMap keyMap() {
        return new KeyMap(ua.value(), ba.value());
    }

    @Override
    public Param queryProjection() {
        return wa;
    }

    @Override
    public void scores(double[] queries, EncoderMemory memory, double[] scores) {
        int s = memory.sourceLength();
        int a = memory.keySize();
        if (memory.exact()) {
            AttentionDoubleRows.additiveScores(queries, memory.keyRows(), FloatCopies.readDoubles(va.value()),
                    memory.real(), memory.batchSize(), s, a, scores);
        } else {
            AttentionFloatRows.additiveScores(queries, memory.keyFloats(), FloatCopies.read(va.value()),
                    memory.real(), memory.batchSize(), s, a, scores);
        }
    }

    @Override
    public void backward(double[] queries, double[] dScores, EncoderMemory memory, double[] dQueries,
                         Attention.KeyGradients dKeys) {
        int s = memory.sourceLength();
        int a = memory.keySize();
        double[] dv = new double[a];
        if (memory.exact()) {
            AttentionDoubleRows.additiveBackward(queries, dScores, memory.keyRows(),
                    FloatCopies.readDoubles(va.value()), memory.real(), memory.batchSize(), s, a, dQueries,
                    dKeys.rows(), dv);
        } else {
            AttentionFloatRows.additiveBackward(queries, dScores, memory.keyFloats(), FloatCopies.read(va.value()),
                    memory.real(), memory.batchSize(), s, a, dQueries, dKeys.floats(), dv);
        }
        va.gradient().addi(FloatCopies.ofDoubles(dv, va.gradient().dataType(), va.gradient().shape()));
    }

    @Override
    public void keysBackward(INDArray values, INDArray dKeys, INDArray dValues) {
        long s = values.size(0);
        long b = values.size(1);
        INDArray dKeys2d = dKeys.reshape(s * b, dKeys.size(2));
        Products.gemm(values.reshape(s * b, values.size(2)), dKeys2d, ua.gradient(), true, false, 1.0, 1.0);
        ba.gradient().addi(NdOps.columnSums(dKeys2d).reshape(ba.gradient().shape()));
        Products.gemm(dKeys2d, ua.value(), dValues.reshape(s * b, values.size(2)), false, true, 1.0, 1.0);
    }
}
