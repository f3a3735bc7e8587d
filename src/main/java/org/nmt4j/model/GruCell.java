package org.nmt4j.model;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.compute.FloatCopies;

/**
 * A GRU cell in the convention of Cho et al. (2014) that PyTorch uses, gates r, z, n:
 * <pre>
 *   r = σ(W_ir x + b_ir + W_hr h + b_hr)      z = σ(W_iz x + b_iz + W_hz h + b_hz)
 *   n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))      h' = (1 − z) ⊙ n + z ⊙ h
 * </pre>
 * Weights are stored gate-major ({@code W_i [3,In,H]}, {@code W_h [3,H,H]}, biases {@code [3,H]}); a run lays them
 * side by side ({@code [In,3H]}, {@code [H,3H]}, gates r | z | n) so that every product covers all three gates at
 * once: the input projections of a whole sequence are one product before the recurrence ({@link #projectInputs}), a
 * step is one product for {@code W_h h} and the element-wise rest in {@link GruRows} (through {@link GruSteps}), and
 * a step backward is one product for the previous state's gradient. With a mask, a padded position keeps the previous
 * state ({@code h' = h}), so a sentence's state stops changing where the sentence ends.
 *
 * <p>Weight gradients are not taken per step: {@link #stepBackward} writes each step's gate gradients into the trace,
 * and {@link #finishRecurrentBackward} and {@link #accumulateInputGradients} turn all of them into weight gradients,
 * one product each.
 */
public final class GruCell implements RecurrentCell {

    private static final int GATES = 3;
    private static final int N = 2;

    private final Parameters parameters;
    private final String prefix;
    private final Map<Long, Param> inputRowBlocks = new ConcurrentHashMap<>();
    private final Param wi; // [3,In,H]
    private final long hidden;
    private final Param[] wh = new Param[GATES]; // [H,H] per gate
    private final Param[] bi = new Param[GATES]; // [H]
    private final Param[] bh = new Param[GATES];

    /** The cell whose parameters are {@code prefix.W_i}, {@code .W_h}, {@code .b_i} and {@code .b_h}. */
    public GruCell(Parameters parameters, String prefix) {
        this.parameters = parameters;
        this.prefix = prefix;
        this.wi = parameters.get(prefix + ".W_i");
        this.hidden = parameters.get(prefix + ".W_h").value().size(2);
        for (int g = 0; g < GATES; g++) {
            wh[g] = parameters.part(prefix + ".W_h", g);
            bi[g] = parameters.part(prefix + ".b_i", g);
            bh[g] = parameters.part(prefix + ".b_h", g);
        }
    }

    @Override
    public long hiddenSize() {
        return hidden;
    }

    @Override
    public long inputSize() {
        return wi.value().size(1);
    }

    /** Rows [from, from + count) of gate g's input weights (values and gradients). */
    private Param inputRows(int gate, long from, long count) {
        long in = wi.value().size(1);
        long key = ((long) gate << 48) | (from << 24) | count;
        return inputRowBlocks.computeIfAbsent(key,
                k -> parameters.block(prefix + ".W_i", (gate * in + from) * hidden, count, hidden));
    }

    // rows [from, from + count) of the input weights side by side: [count,3H]
    private INDArray inputWeights(long from, long count) {
        return Nd4j.hstack(inputRows(0, from, count).value(), inputRows(1, from, count).value(),
                inputRows(2, from, count).value());
    }

    // x: [N,k] -> [N,3H]: x W_i[from:from+k] + the input biases, side by side. The recurrent biases b_hr and b_hz are
    // added here too: r and z only ever see the sum b_i + b_h.
    @Override
    public INDArray projectInputs(INDArray x, long from) {
        INDArray out = Nd4j.createUninitialized(x.dataType(), x.size(0), GATES * hidden);
        Nd4j.gemm(x, inputWeights(from, x.size(1)), out, false, false, 1.0, 0.0);
        INDArray bias = Nd4j.hstack(bi[0].value().add(bh[0].value()), bi[1].value().add(bh[1].value()),
                bi[N].value()).reshape(1, GATES * hidden);
        return out.addiRowVector(bias);
    }

    /** What a run of T steps over a batch of B keeps for the backward pass. */
    public static final class Trace implements RecurrentCell.Trace {
        final int steps;
        final int batch;
        final INDArray inputs;     // [T,B,3H] input sides (the decoder adds its context part per step)
        final INDArray recurrent;  // [B,3H]   one step's W_h h
        final INDArray weights;    // [H,3H]   W_h side by side
        final Map<Long, INDArray> inputWeights = new HashMap<>(); // by rows: input weights side by side
        final INDArray previous;   // [T,B,H]  state before each step
        final INDArray states;     // [T,B,H]  state after each step
        final INDArray dInputs;    // [T,B,3H] gradients of the input sides: da_r | da_z | da_n
        final INDArray dRecurrent; // [T,B,3H] of the recurrent sides: da_r | da_z | d(W_hn h + b_hn)
        final GruSteps kernel;

        Trace(INDArray inputs, int steps, INDArray weights, INDArray bhn) {
            var type = inputs.dataType();
            long width = inputs.size(1);
            long hidden = width / GATES;
            this.steps = steps;
            this.batch = (int) (inputs.size(0) / steps);
            this.inputs = inputs.reshape(steps, batch, width);
            this.recurrent = Nd4j.createUninitialized(type, batch, width);
            this.weights = weights;
            this.previous = Nd4j.createUninitialized(type, steps, batch, hidden);
            this.states = Nd4j.createUninitialized(type, steps, batch, hidden);
            this.dInputs = Nd4j.zeros(type, steps, batch, width);
            this.dRecurrent = Nd4j.zeros(type, steps, batch, width);
            this.kernel = GruSteps.of(type, steps, batch, (int) hidden, bhn);
        }

        @Override
        public INDArray states() {
            return states;
        }

        long rows() {
            return (long) steps * batch;
        }
    }

    /** A trace over input projections [T·B,3H] of T steps. */
    @Override
    public Trace newTrace(INDArray inputProjections, int steps) {
        INDArray weights = Nd4j.hstack(wh[0].value(), wh[1].value(), wh[2].value()); // [H,3H]
        return new Trace(inputProjections, steps, weights, bh[N].value());
    }

    private INDArray inputWeights(Trace trace, long from, long count) {
        return trace.inputWeights.computeIfAbsent(from << 24 | count, key -> inputWeights(from, count));
    }

    /** Adds {@code x W_i[from:from+k]} to step t's input projections: the decoder's context, known only at t. */
    // x: [B,k]
    @Override
    public void addInput(RecurrentCell.Trace traced, int t, INDArray x, long from) {
        Trace trace = (Trace) traced;
        Nd4j.gemm(x, inputWeights(trace, from, x.size(1)), trace.inputs.slice(t), false, false, 1.0, 1.0);
    }

    /** Step t: reads the input projections of t and hPrev, writes the gates and h[t]. mask: [B,1] or null. */
    // hPrev: [B,H] -> h[t]: [B,H]
    @Override
    public INDArray step(RecurrentCell.Trace traced, int t, INDArray hPrev, INDArray mask) {
        Trace trace = (Trace) traced;
        Nd4j.gemm(hPrev, trace.weights, trace.recurrent, false, false, 1.0, 0.0);
        INDArray previous = trace.previous.slice(t);
        previous.assign(hPrev);
        INDArray out = trace.states.slice(t);
        trace.kernel.forward(t, trace.inputs.slice(t), trace.recurrent, previous, mask, out);
        return out;
    }

    /**
     * Backward through step t: dh is the gradient of h[t] from everything that used it. Writes the step's gate
     * gradients into the trace and returns the gradient of hPrev, [B,H].
     */
    @Override
    public INDArray stepBackward(RecurrentCell.Trace traced, int t, INDArray dh, INDArray mask) {
        Trace trace = (Trace) traced;
        INDArray dRecurrent = trace.dRecurrent.slice(t);
        INDArray dPrevious = Nd4j.createUninitialized(dh.dataType(), trace.batch, hidden);
        trace.kernel.backward(t, dh, trace.previous.slice(t), mask, trace.dInputs.slice(t), dRecurrent, dPrevious);
        Nd4j.gemm(dRecurrent, trace.weights, dPrevious, false, true, 1.0, 1.0);
        return dPrevious;
    }

    // [T·B,3H] views of a trace's [T,B,3H] gradients
    private static INDArray flat(INDArray gradients, Trace trace) {
        return gradients.reshape(trace.rows(), gradients.size(2));
    }

    // adds a side-by-side gradient [k,3H] into the gate-major blocks
    private void addSideBySide(INDArray sideBySide, Param[] blocks) {
        for (int g = 0; g < GATES; g++) {
            INDArray block = blocks[g].gradient();
            FloatCopies.addColumns(sideBySide, g * hidden, block.rank() == 1 ? block.reshape(1, hidden) : block);
        }
    }

    /** After the backward loop: the recurrent weight and bias gradients of all steps, one product. */
    @Override
    public void finishRecurrentBackward(RecurrentCell.Trace traced) {
        Trace trace = (Trace) traced;
        INDArray dRecurrent = flat(trace.dRecurrent, trace);
        INDArray dWeights = Nd4j.createUninitialized(dRecurrent.dataType(), hidden, GATES * hidden);
        Nd4j.gemm(trace.previous.reshape(trace.rows(), hidden), dRecurrent, dWeights, true, false, 1.0, 0.0);
        addSideBySide(dWeights, wh);
        addSideBySide(dRecurrent.sum(true, 0), bh);
    }

    /**
     * Input weight gradients for input columns [from, from + k): x [T·B,k]; with the input bias when asked (once per
     * cell, with the first part of a concatenated input).
     */
    @Override
    public void accumulateInputGradients(RecurrentCell.Trace traced, INDArray x, long from, boolean includeBias) {
        Trace trace = (Trace) traced;
        INDArray dInputs = flat(trace.dInputs, trace);
        long k = x.size(1);
        INDArray dWeights = Nd4j.createUninitialized(x.dataType(), k, GATES * hidden);
        Nd4j.gemm(x, dInputs, dWeights, true, false, 1.0, 0.0);
        addSideBySide(dWeights, new Param[] {inputRows(0, from, k), inputRows(1, from, k), inputRows(2, from, k)});
        if (includeBias) {
            addSideBySide(dInputs.sum(true, 0), bi);
        }
    }

    /** Gradient of input columns [from, to) of all steps: -> [T·B,to−from]. */
    @Override
    public INDArray inputGradient(RecurrentCell.Trace traced, long from, long to) {
        Trace trace = (Trace) traced;
        INDArray dx = Nd4j.createUninitialized(trace.dInputs.dataType(), trace.rows(), to - from);
        Nd4j.gemm(flat(trace.dInputs, trace), inputWeights(trace, from, to - from), dx, false, true, 1.0, 0.0);
        return dx;
    }

    /** Adds the gradient of step t's input columns [from, from + k) into dx [B,k]. */
    @Override
    public void addInputGradient(RecurrentCell.Trace traced, int t, long from, INDArray dx) {
        Trace trace = (Trace) traced;
        Nd4j.gemm(trace.dInputs.slice(t), inputWeights(trace, from, dx.size(1)), dx, false, true, 1.0, 1.0);
    }
}
