package org.nmt4j.model.cell;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.compute.Products;
import org.nmt4j.compute.FloatCopies;
import org.nmt4j.compute.NdOps;
import org.nmt4j.model.Param;
import org.nmt4j.model.Parameters;
import org.nmt4j.model.RecurrentCell;

/**
 * A gated recurrent cell, as training runs it: a GRU ({@link #gru}, gates r | z | n, {@link GruFloatRows}) or an LSTM
 * ({@link #lstm}, gates i | f | g | o, {@link LstmFloatRows}), in PyTorch's conventions. Weights are stored gate-major
 * ({@code W_i [G,In,H]}, {@code W_h [G,H,H]}, biases {@code [G,H]}); a run lays them side by side ({@code [In,GH]},
 * {@code [H,GH]}) so that every product covers all gates at once: the input projections of a whole sequence are one
 * product before the recurrence ({@link #projectInputs}), a step is one product for {@code W_h h} and the
 * element-wise rest in the cell's {@link CellSteps}, and a step backward is one product for the previous state's
 * gradient. With a mask, a padded position keeps the previous state ({@code h' = h}, and {@code c' = c}), so a
 * sentence's state stops changing where the sentence ends. An LSTM's cell state starts as the state it is given
 * ({@code c_0 = h_0}: zero in the encoder, the bridge's {@code s_0} in the decoder, as Joey NMT does).
 *
 * <p>Weight gradients are not taken per step: {@link #stepBackward} writes each step's gate gradients into the trace,
 * and {@link #finishRecurrentBackward} and {@link #accumulateInputGradients} turn all of them into weight gradients,
 * one product each.
 */
public final class GatedCell implements RecurrentCell {

    /** What makes a gated cell a GRU or an LSTM here: its gate count, its bias folding and its steps. */
    private interface Gates {
        int count();

        /** Whether gate g's recurrent bias goes into its input side (where the gate only sees b_i + b_h). */
        boolean foldsRecurrentBias(int gate);

        /** The element-wise steps of a run, over the cell's parameters. */
        CellSteps steps(GatedCell cell, DataType type, int steps, int batch);
    }

    private static final int GRU_N = 2;

    private static final Gates GRU = new Gates() {
        @Override
        public int count() {
            return 3;
        }

        @Override
        public boolean foldsRecurrentBias(int gate) {
            return gate != GRU_N; // b_hn stays inside r ⊙ (W_hn h + b_hn)
        }

        @Override
        public CellSteps steps(GatedCell cell, DataType type, int steps, int batch) {
            return CellSteps.gru(type, steps, batch, (int) cell.hidden, cell.bh[GRU_N].value());
        }
    };

    private static final Gates LSTM = new Gates() {
        @Override
        public int count() {
            return 4;
        }

        @Override
        public boolean foldsRecurrentBias(int gate) {
            return true;
        }

        @Override
        public CellSteps steps(GatedCell cell, DataType type, int steps, int batch) {
            return CellSteps.lstm(type, steps, batch, (int) cell.hidden);
        }
    };

    private final Gates gates;
    private final int count;
    private final Parameters parameters;
    private final String prefix;
    private final Map<Long, Param> inputRowBlocks = new ConcurrentHashMap<>();
    private final Param wi; // [G,In,H]
    private final long hidden;
    private final Param[] wh; // [H,H] per gate
    private final Param[] bi; // [H]
    private final Param[] bh;

    /** A GRU (Cho et al. 2014) over {@code prefix.W_i}, {@code .W_h}, {@code .b_i} and {@code .b_h}: see {@link GruFloatRows}. */
    public static GatedCell gru(Parameters parameters, String prefix) {
        return new GatedCell(parameters, prefix, GRU);
    }

    /** An LSTM (Hochreiter and Schmidhuber 1997) over the same parameter names: see {@link LstmFloatRows}. */
    public static GatedCell lstm(Parameters parameters, String prefix) {
        return new GatedCell(parameters, prefix, LSTM);
    }

    private GatedCell(Parameters parameters, String prefix, Gates gates) {
        this.gates = gates;
        this.count = gates.count();
        this.parameters = parameters;
        this.prefix = prefix;
        this.wi = parameters.get(prefix + ".W_i");
        this.hidden = parameters.get(prefix + ".W_h").value().size(2);
        this.wh = new Param[count];
        this.bi = new Param[count];
        this.bh = new Param[count];
        for (int g = 0; g < count; g++) {
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

    // rows [from, from + rows) of the input weights side by side: [rows,GH]
    private INDArray inputWeights(long from, long rows) {
        INDArray[] blocks = new INDArray[count];
        for (int g = 0; g < count; g++) {
            blocks[g] = inputRows(g, from, rows).value();
        }
        return Nd4j.hstack(blocks);
    }

    // x: [N,k] -> [N,GH]: x W_i[from:from+k] + the input biases, side by side. The recurrent biases of the gates that
    // only ever see the sum b_i + b_h are added here too.
    @Override
    public INDArray projectInputs(INDArray x, long from) {
        INDArray out = Nd4j.createUninitialized(x.dataType(), x.size(0), count * hidden);
        Products.gemm(x, inputWeights(from, x.size(1)), out, false, false, 1.0, 0.0);
        INDArray[] biases = new INDArray[count];
        for (int g = 0; g < count; g++) {
            biases[g] = gates.foldsRecurrentBias(g) ? bi[g].value().add(bh[g].value()) : bi[g].value();
        }
        return NdOps.addRowVector(out, Nd4j.hstack(biases));
    }

    /** What a run of T steps over a batch of B keeps for the backward pass. */
    public static final class Trace implements RecurrentCell.Trace {
        final int steps;
        final int batch;
        final INDArray inputs;     // [T,B,GH] input sides (the decoder adds its context part per step)
        final INDArray recurrent;  // [B,GH]   one step's W_h h
        final Products.Reused weights; // [H,GH] W_h side by side
        final Map<Long, Products.Reused> inputWeights = new HashMap<>(); // by rows: input weights side by side
        final INDArray previous;   // [T,B,H]  state before each step
        final INDArray states;     // [T,B,H]  state after each step
        final INDArray dInputs;    // [T,B,GH] gradients of the input sides (GRU: da_r | da_z | da_n): the inputs'
                                   // array, each step's overwritten by its gradient (backward no longer reads it)
        private INDArray dRecurrent; // [T,B,GH] of the recurrent sides (GRU: da_r | da_z | d(W_hn h + b_hn)), made
                                     // by the first step backward (a forward-only run has none)
        final CellSteps kernel;

        Trace(GatedCell cell, INDArray inputs, int steps, INDArray weights) {
            var type = inputs.dataType();
            long width = inputs.size(1);
            long hidden = cell.hidden;
            this.steps = steps;
            this.batch = (int) (inputs.size(0) / steps);
            this.inputs = inputs.reshape(steps, batch, width);
            this.recurrent = Nd4j.createUninitialized(type, batch, width);
            this.weights = Products.reused(weights);
            this.previous = Nd4j.createUninitialized(type, steps, batch, hidden);
            this.states = Nd4j.createUninitialized(type, steps, batch, hidden);
            this.dInputs = this.inputs;
            this.kernel = cell.gates.steps(cell, type, steps, batch);
        }

        @Override
        public INDArray states() {
            return states;
        }

        // every step backward writes its whole slice
        INDArray dRecurrent() {
            if (dRecurrent == null) {
                dRecurrent = Nd4j.createUninitialized(inputs.dataType(), inputs.shape());
            }
            return dRecurrent;
        }

        long rows() {
            return (long) steps * batch;
        }
    }

    /** A trace over input projections [T·B,GH] of T steps. */
    @Override
    public Trace newTrace(INDArray inputProjections, int steps) {
        INDArray[] blocks = new INDArray[count];
        for (int g = 0; g < count; g++) {
            blocks[g] = wh[g].value();
        }
        return new Trace(this, inputProjections, steps, Nd4j.hstack(blocks)); // W_h side by side, [H,GH]
    }

    private Products.Reused inputWeights(Trace trace, long from, long count) {
        return trace.inputWeights.computeIfAbsent(from << 24 | count, key -> Products.reused(inputWeights(from, count)));
    }

    /** Adds {@code x W_i[from:from+k]} to step t's input projections: the decoder's context, known only at t. */
    // x: [B,k]
    @Override
    public void addInput(RecurrentCell.Trace traced, int t, INDArray x, long from) {
        Trace trace = (Trace) traced;
        Products.gemm(x, inputWeights(trace, from, x.size(1)), trace.inputs.slice(t), false, false, 1.0);
    }

    /** Step t: reads the input projections of t and hPrev, writes the gates and h[t]. mask: [B,1] or null. */
    // hPrev: [B,H] -> h[t]: [B,H]
    @Override
    public INDArray step(RecurrentCell.Trace traced, int t, INDArray hPrev, INDArray mask) {
        Trace trace = (Trace) traced;
        Products.gemm(hPrev, trace.weights, trace.recurrent, false, false, 0.0);
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
        INDArray dRecurrent = trace.dRecurrent().slice(t);
        INDArray dPrevious = Nd4j.createUninitialized(dh.dataType(), trace.batch, hidden);
        trace.kernel.backward(t, dh, trace.previous.slice(t), mask, trace.dInputs.slice(t), dRecurrent, dPrevious);
        Products.gemm(dRecurrent, trace.weights, dPrevious, false, true, 1.0);
        return dPrevious;
    }

    // [T·B,GH] views of a trace's [T,B,GH] gradients
    private static INDArray flat(INDArray gradients, Trace trace) {
        return gradients.reshape(trace.rows(), gradients.size(2));
    }

    // adds a side-by-side gradient [k,GH] into the gate-major blocks
    private void addSideBySide(INDArray sideBySide, Param[] blocks) {
        for (int g = 0; g < count; g++) {
            INDArray block = blocks[g].gradient();
            FloatCopies.addColumns(sideBySide, g * hidden, block.rank() == 1 ? block.reshape(1, hidden) : block);
        }
    }

    /** After the backward loop: the recurrent weight and bias gradients of all steps, one product. */
    @Override
    public void finishRecurrentBackward(RecurrentCell.Trace traced) {
        Trace trace = (Trace) traced;
        INDArray dRecurrent = flat(trace.dRecurrent(), trace);
        INDArray dWeights = Nd4j.createUninitialized(dRecurrent.dataType(), hidden, count * hidden);
        Products.gemm(trace.previous.reshape(trace.rows(), hidden), dRecurrent, dWeights, true, false, 1.0, 0.0);
        addSideBySide(dWeights, wh);
        addSideBySide(NdOps.columnSums(dRecurrent), bh);
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
        INDArray dWeights = Nd4j.createUninitialized(x.dataType(), k, count * hidden);
        Products.gemm(x, dInputs, dWeights, true, false, 1.0, 0.0);
        Param[] rows = new Param[count];
        for (int g = 0; g < count; g++) {
            rows[g] = inputRows(g, from, k);
        }
        addSideBySide(dWeights, rows);
        if (includeBias) {
            addSideBySide(NdOps.columnSums(dInputs), bi);
        }
    }

    /** Gradient of input columns [from, to) of all steps: -> [T·B,to−from]. */
    @Override
    public INDArray inputGradient(RecurrentCell.Trace traced, long from, long to) {
        Trace trace = (Trace) traced;
        INDArray dx = Nd4j.createUninitialized(trace.dInputs.dataType(), trace.rows(), to - from);
        Products.gemm(flat(trace.dInputs, trace), inputWeights(trace, from, to - from), dx, false, true, 0.0);
        return dx;
    }

    /** Adds the gradient of step t's input columns [from, from + k) into dx [B,k]. */
    @Override
    public void addInputGradient(RecurrentCell.Trace traced, int t, long from, INDArray dx) {
        Trace trace = (Trace) traced;
        Products.gemm(trace.dInputs.slice(t), inputWeights(trace, from, dx.size(1)), dx, false, true, 1.0);
    }
}
