package org.nmt4j.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.compute.Products;
import org.nmt4j.compute.Activations;
import org.nmt4j.compute.NdOps;

/** The decoder's first state from the encoder: {@code s_0 = tanh(W_init · mean_j h_j + b_init)}, mean over real j. */
public final class InitialState {

    private final Param w; // [2H,D]
    private final Param b; // [D]

    public InitialState(Param w, Param b) {
        this.w = w;
        this.b = b;
    }

    /** What backward needs. */
    public record Result(INDArray state, INDArray mean, INDArray positionWeights) {
    }

    // values: [S,B,2H], mask: [S,B,1] -> s0: [B,D]
    public Result forward(INDArray values, INDArray mask) {
        INDArray positionWeights = mask.reshape(mask.size(0), mask.size(1)).dup(); // [S,B]: 1/len_b at real positions
        NdOps.divRowVector(positionWeights, NdOps.sum(positionWeights, 0));
        INDArray weighted = Nd4j.createUninitialized(values.dataType(), values.shape());
        NdOps.broadcastMul(values, positionWeights, weighted, 0, 1);
        INDArray mean = NdOps.sum(weighted, 0); // [B,2H]
        return new Result(fromMean(mean), mean, positionWeights);
    }

    /** s_0 from the mean encoder states [B,2H] -> [B,D]. */
    public INDArray fromMean(INDArray mean) {
        INDArray state = Nd4j.createUninitialized(mean.dataType(), mean.size(0), w.value().size(1));
        Products.gemm(mean, w.value(), state, false, false, 1.0, 0.0);
        return Activations.tanh(NdOps.addRowVector(state, b.value()));
    }

    /** dState [B,D]: adds the parameter gradients, and the values' gradient into dValues [S,B,2H]. */
    public void backward(Result result, INDArray dState, INDArray dValues) {
        INDArray state = result.state();
        INDArray dPre = state.mul(state).rsubi(1.0).muli(dState);
        Products.gemm(result.mean(), dPre, w.gradient(), true, false, 1.0, 1.0);
        b.gradient().addi(NdOps.sum(dPre, 0));
        INDArray dMean = Nd4j.createUninitialized(dState.dataType(), dPre.size(0), w.value().size(0));
        Products.gemm(dPre, w.value(), dMean, false, true, 1.0, 0.0);
        INDArray spread = Nd4j.createUninitialized(dValues.dataType(), dValues.shape());
        NdOps.broadcastCopy(spread, dMean, spread, 1, 2);
        NdOps.broadcastMul(spread, result.positionWeights(), spread, 0, 1);
        dValues.addi(spread);
    }
}
