package org.nmt4j.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.compute.Activations;

/**
 * The deep output of Bahdanau et al. (2015): {@code o_t = tanh(W_o [s_t; c_t; E[y_{t−1}]] + b_o)}, then the
 * vocabulary logits {@code W_out o_t + b_out}. Runs over any number N of rows: all B·T positions at once in training,
 * the B hypotheses of one step in search. The concatenation is never built: W_o's row blocks multiply each part.
 */
public final class OutputLayer {

    private final Parameters parameters;
    private final java.util.Map<Long, Param> rowBlocks = new java.util.concurrent.ConcurrentHashMap<>();
    private final Param wo;   // [D+2H+E, O]
    private final Param bo;   // [O]
    private final Param wOut; // [O,V]
    private final Param bOut; // [V]

    /** The layer over {@code output.W_o}, {@code .b_o}, {@code .W_out} and {@code .b_out}. */
    public OutputLayer(Parameters parameters, String prefix) {
        this.parameters = parameters;
        this.wo = parameters.get(prefix + ".W_o");
        this.bo = parameters.get(prefix + ".b_o");
        this.wOut = parameters.get(prefix + ".W_out");
        this.bOut = parameters.get(prefix + ".b_out");
    }

    /** O, the width of the deep output. */
    public long deepSize() {
        return wo.value().size(1);
    }

    /** What backward needs: the deep output o (before dropout), and the dropout mask (or null). */
    public record Result(INDArray logits, INDArray deep, INDArray dropoutMask) {
    }

    private INDArray rows(long from, long count) {
        return rowBlock(from, count).value();
    }

    private INDArray gradientRows(long from, long count) {
        return rowBlock(from, count).gradient();
    }

    private Param rowBlock(long from, long count) {
        long width = wo.value().size(1);
        return rowBlocks.computeIfAbsent(from * 100_000 + count,
                k -> parameters.block(wo.name(), from * width, count, width));
    }

    // state: [N,D], context: [N,2H], embedded: [N,E] -> logits [N,V]
    public Result forward(INDArray state, INDArray context, INDArray embedded, INDArray dropoutMask) {
        long n = state.size(0);
        long d = state.size(1);
        long c = context.size(1);
        INDArray deep = Nd4j.createUninitialized(state.dataType(), n, wo.value().size(1));
        Nd4j.gemm(state, rows(0, d), deep, false, false, 1.0, 0.0);
        Nd4j.gemm(context, rows(d, c), deep, false, false, 1.0, 1.0);
        Nd4j.gemm(embedded, rows(d + c, embedded.size(1)), deep, false, false, 1.0, 1.0);
        Activations.tanh(deep.addiRowVector(bo.value()));
        INDArray dropped = dropoutMask == null ? deep : deep.mul(dropoutMask);
        INDArray logits = Nd4j.createUninitialized(state.dataType(), n, wOut.value().size(1));
        Nd4j.gemm(dropped, wOut.value(), logits, false, false, 1.0, 0.0);
        logits.addiRowVector(bOut.value());
        return new Result(logits, deep, dropoutMask);
    }

    /** Gradients of the three inputs. */
    public record InputGradients(INDArray state, INDArray context, INDArray embedded) {
    }

    public InputGradients backward(Result result, INDArray state, INDArray context, INDArray embedded,
                                   INDArray dLogits) {
        INDArray deep = result.deep();
        INDArray mask = result.dropoutMask();
        INDArray dropped = mask == null ? deep : deep.mul(mask);
        Nd4j.gemm(dropped, dLogits, wOut.gradient(), true, false, 1.0, 1.0);
        bOut.gradient().addi(dLogits.sum(0));
        INDArray dDeep = Nd4j.createUninitialized(deep.dataType(), deep.shape());
        Nd4j.gemm(dLogits, wOut.value(), dDeep, false, true, 1.0, 0.0);
        if (mask != null) {
            dDeep.muli(mask);
        }
        dDeep.muli(deep.mul(deep).rsubi(1.0)); // through tanh
        bo.gradient().addi(dDeep.sum(0));
        long d = state.size(1);
        long c = context.size(1);
        long e = embedded.size(1);
        Nd4j.gemm(state, dDeep, gradientRows(0, d), true, false, 1.0, 1.0);
        Nd4j.gemm(context, dDeep, gradientRows(d, c), true, false, 1.0, 1.0);
        Nd4j.gemm(embedded, dDeep, gradientRows(d + c, e), true, false, 1.0, 1.0);
        return new InputGradients(times(dDeep, rows(0, d)), times(dDeep, rows(d, c)), times(dDeep, rows(d + c, e)));
    }

    private static INDArray times(INDArray dDeep, INDArray weightRows) {
        INDArray out = Nd4j.createUninitialized(dDeep.dataType(), dDeep.size(0), weightRows.size(0));
        Nd4j.gemm(dDeep, weightRows, out, false, true, 1.0, 0.0);
        return out;
    }
}
