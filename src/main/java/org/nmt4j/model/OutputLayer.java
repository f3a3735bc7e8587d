package org.nmt4j.model;

import java.util.Arrays;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nmt4j.compute.Products;
import org.nmt4j.compute.Activations;
import org.nmt4j.compute.Scratch;
import org.nmt4j.compute.NdOps;

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
        return withLogits(deep(state, context, embedded, dropoutMask));
    }

    /** A {@link #deep} result with the logits of all its rows, [N,V]. */
    public Result withLogits(Result deep) {
        INDArray dropped = dropped(deep);
        return new Result(logits(dropped, 0, dropped.size(0)), deep.deep(), deep.dropoutMask());
    }

    /** The deep output o of every row, without the logits (they come a block of rows at a time in training). */
    public Result deep(INDArray state, INDArray context, INDArray embedded, INDArray dropoutMask) {
        long n = state.size(0);
        long d = state.size(1);
        long c = context.size(1);
        INDArray deep = Nd4j.createUninitialized(state.dataType(), n, wo.value().size(1));
        Products.gemm(state, rows(0, d), deep, false, false, 1.0, 0.0);
        Products.gemm(context, rows(d, c), deep, false, false, 1.0, 1.0);
        Products.gemm(embedded, rows(d + c, embedded.size(1)), deep, false, false, 1.0, 1.0);
        Activations.tanh(NdOps.addRowVector(deep, bo.value()));
        return new Result(null, deep, dropoutMask);
    }

    // the deep output after dropout, [N,O]
    private static INDArray dropped(Result result) {
        return result.dropoutMask() == null ? result.deep() : result.deep().mul(result.dropoutMask());
    }

    // logits [count,V] of rows [from, from + count) of the dropped deep output
    private INDArray logits(INDArray dropped, long from, long count) {
        INDArray logits = Nd4j.createUninitialized(dropped.dataType(), count, wOut.value().size(1));
        Products.gemm(rowRange(dropped, from, count), wOut.value(), logits, false, false, 1.0, 0.0);
        return NdOps.addRowVector(logits, bOut.value());
    }

    private static INDArray rowRange(INDArray x, long from, long count) {
        if (from == 0 && count == x.size(0)) {
            return x;
        }
        return x.get(NDArrayIndex.interval(from, from + count), NDArrayIndex.all());
    }

    /**
     * How many rows a block of {@link #loss} and {@link #lossAndBackward} takes: logits of about 2 M values (8 MB in
     * float), at least 64 rows.
     */
    public static int blockRows(long vocabulary) {
        return (int) Math.max(64, (2L << 20) / Math.max(1, vocabulary));
    }

    /**
     * The cross-entropy of targets [N] over the logits of a {@link #deep} result, computed a block of rows at a time,
     * each block's logits in a step scope of their own ({@link Scratch#openStep}): a training batch's [N,V] logits,
     * its largest array, are never held at once. The loss is that of {@link CrossEntropy} over the whole [N,V], with
     * the gradient scaled by 1/divisor (0: the token count).
     */
    public CrossEntropy.Result loss(Result deep, int[] targets, double smoothing, int blockRows) {
        return blocks(deep, targets, smoothing, 0, blockRows, null);
    }

    /**
     * {@link #loss}, and the backward pass of each block as soon as its logits' gradient is known: adds the layer's
     * parameter gradients and returns the gradients of the three inputs. The same gradients as {@link #backward} of
     * the whole [N,V] gradient of that loss.
     */
    public LossAndGradients lossAndBackward(Result deep, INDArray state, INDArray context, INDArray embedded,
                                            int[] targets, double smoothing, double divisor, int blockRows) {
        INDArray dDropped = Nd4j.createUninitialized(deep.deep().dataType(), deep.deep().shape());
        CrossEntropy.Result loss = blocks(deep, targets, smoothing, divisor, blockRows, dDropped);
        return new LossAndGradients(loss, deepBackward(deep, dDropped, state, context, embedded));
    }

    /** A loss and the gradients of the layer's inputs. */
    public record LossAndGradients(CrossEntropy.Result loss, InputGradients inputs) {
    }

    // the loss over blocks of rows; with dDropped, each block's backward through W_out into its rows of dDropped
    private CrossEntropy.Result blocks(Result deep, int[] targets, double smoothing, double divisor, int blockRows,
                                       INDArray dDropped) {
        INDArray dropped = dropped(deep);
        long n = dropped.size(0);
        double sum = 0;
        long tokens = 0;
        double scale = divisor > 0 ? divisor : n; // every row is a real token
        for (long from = 0; from < n; from += blockRows) {
            int count = (int) Math.min(blockRows, n - from);
            try (MemoryWorkspace ignored = Scratch.openStep()) {
                INDArray logits = logits(dropped, from, count);
                int[] blockTargets = Arrays.copyOfRange(targets, (int) from, (int) from + count);
                double[] real = new double[count];
                Arrays.fill(real, 1.0);
                CrossEntropy.Result block = CrossEntropy.forwardBackward(logits, blockTargets, real, smoothing, scale);
                sum += block.sumLoss();
                tokens += block.tokens();
                if (dDropped != null) {
                    vocabularyBackward(rowRange(dropped, from, count), block.dLogits(),
                            rowRange(dDropped, from, count));
                }
            }
        }
        return new CrossEntropy.Result(tokens == 0 ? 0 : sum / tokens, sum, tokens, null);
    }

    // dLogits [n,V] of the dropped rows [n,O]: W_out's and b_out's gradients, and the dropped rows' into dDropped
    private void vocabularyBackward(INDArray dropped, INDArray dLogits, INDArray dDropped) {
        Products.gemm(dropped, dLogits, wOut.gradient(), true, false, 1.0, 1.0);
        bOut.gradient().addi(NdOps.columnSums(dLogits).reshape(bOut.gradient().shape()));
        Products.gemm(dLogits, wOut.value(), dDropped, false, true, 1.0, 0.0);
    }

    /** Gradients of the three inputs. */
    public record InputGradients(INDArray state, INDArray context, INDArray embedded) {
    }

    public InputGradients backward(Result result, INDArray state, INDArray context, INDArray embedded,
                                   INDArray dLogits) {
        INDArray dDropped = Nd4j.createUninitialized(result.deep().dataType(), result.deep().shape());
        vocabularyBackward(dropped(result), dLogits, dDropped);
        return deepBackward(result, dDropped, state, context, embedded);
    }

    // from the gradient of the dropped deep output (overwritten): W_o's and b_o's gradients, and the inputs'
    private InputGradients deepBackward(Result result, INDArray dDeep, INDArray state, INDArray context,
                                        INDArray embedded) {
        INDArray deep = result.deep();
        if (result.dropoutMask() != null) {
            dDeep.muli(result.dropoutMask());
        }
        dDeep.muli(deep.mul(deep).rsubi(1.0)); // through tanh
        bo.gradient().addi(NdOps.columnSums(dDeep).reshape(bo.gradient().shape()));
        long d = state.size(1);
        long c = context.size(1);
        long e = embedded.size(1);
        Products.gemm(state, dDeep, gradientRows(0, d), true, false, 1.0, 1.0);
        Products.gemm(context, dDeep, gradientRows(d, c), true, false, 1.0, 1.0);
        Products.gemm(embedded, dDeep, gradientRows(d + c, e), true, false, 1.0, 1.0);
        return new InputGradients(times(dDeep, rows(0, d)), times(dDeep, rows(d, c)), times(dDeep, rows(d + c, e)));
    }

    private static INDArray times(INDArray dDeep, INDArray weightRows) {
        INDArray out = Nd4j.createUninitialized(dDeep.dataType(), dDeep.size(0), weightRows.size(0));
        Products.gemm(dDeep, weightRows, out, false, true, 1.0, 0.0);
        return out;
    }
}
