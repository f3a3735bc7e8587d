package org.nmt4j.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.compute.Activations;

/**
 * A GRU cell in the convention of Cho et al. (2014) that PyTorch uses, gates r, z, n:
 * <pre>
 *   r = σ(W_ir x + b_ir + W_hr h + b_hr)      z = σ(W_iz x + b_iz + W_hz h + b_hz)
 *   n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))      h' = (1 − z) ⊙ n + z ⊙ h
 * </pre>
 * Weights are stored gate-major ({@code W_i [3,In,H]}, {@code W_h [3,H,H]}, biases {@code [3,H]}), so every gate's
 * pre-activation is a contiguous block: ND4J's element-wise ops run about ten times slower on strided views. The
 * input projections of a whole sequence are computed before the recurrence ({@link #projectInputs}, one GEMM per
 * gate); a step does one GEMM per gate for the recurrent part. With a mask, a padded position keeps the previous
 * state ({@code h' = h}), so a sentence's state stops changing where the sentence ends.
 *
 * <p>Weight gradients are not taken per step: {@link #stepBackward} writes each step's gate gradients into the trace,
 * and {@link #finishRecurrentBackward} and {@link #accumulateInputGradients} turn all of them into weight gradients,
 * one GEMM per gate.
 */
public final class GruCell implements RecurrentCell {

    private static final int R = 0;
    private static final int Z = 1;
    private static final int N = 2;

    private final Parameters parameters;
    private final String prefix;
    private final java.util.Map<Long, Param> inputRowBlocks = new java.util.concurrent.ConcurrentHashMap<>();
    private final Param wi; // [3,In,H]
    private final Param wh; // [3,H,H]
    private final long hidden;
    private final INDArray[] whGate = new INDArray[3]; // [H,H]
    private final INDArray[] biGate = new INDArray[3]; // [H]
    private final INDArray[] bhGate = new INDArray[3];
    private final INDArray[] dWhGate = new INDArray[3];
    private final INDArray[] dBiGate = new INDArray[3];
    private final INDArray[] dBhGate = new INDArray[3];

    /** The cell whose parameters are {@code prefix.W_i}, {@code .W_h}, {@code .b_i} and {@code .b_h}. */
    public GruCell(Parameters parameters, String prefix) {
        this.parameters = parameters;
        this.prefix = prefix;
        this.wi = parameters.get(prefix + ".W_i");
        this.wh = parameters.get(prefix + ".W_h");
        this.hidden = wh.value().size(2);
        for (int g = 0; g < 3; g++) {
            Param whPart = parameters.part(prefix + ".W_h", g);
            Param biPart = parameters.part(prefix + ".b_i", g);
            Param bhPart = parameters.part(prefix + ".b_h", g);
            whGate[g] = whPart.value();
            biGate[g] = biPart.value();
            bhGate[g] = bhPart.value();
            dWhGate[g] = whPart.gradient();
            dBiGate[g] = biPart.gradient();
            dBhGate[g] = bhPart.gradient();
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

    // x: [N,k] -> [3,N,H]: x W_i[g][from:from+k] + b_i[g] per gate; x is the part of the input at columns from..
    // The recurrent biases b_hr and b_hz are added here too: r and z only ever see the sum b_i + b_h.
    @Override
    public INDArray projectInputs(INDArray x, long from) {
        long rows = x.size(0);
        INDArray out = Nd4j.createUninitialized(x.dataType(), 3, rows, hidden);
        for (int g = 0; g < 3; g++) {
            INDArray gate = out.slice(g);
            Nd4j.gemm(x, inputRows(g, from, x.size(1)).value(), gate, false, false, 1.0, 0.0);
            gate.addiRowVector(biGate[g]);
            if (g != N) {
                gate.addiRowVector(bhGate[g]);
            }
        }
        return out;
    }

    /** Rows [from, from + count) of gate g's input weights (values and gradients). */
    private Param inputRows(int gate, long from, long count) {
        long in = wi.value().size(1);
        long key = ((long) gate << 48) | (from << 24) | count;
        return inputRowBlocks.computeIfAbsent(key,
                k -> parameters.block(prefix + ".W_i", (gate * in + from) * hidden, count, hidden));
    }

    /** What a run of T steps over a batch of B keeps for the backward pass. Gate g of step t is slice g·T + t. */
    public static final class Trace implements RecurrentCell.Trace {
        final int steps;
        final INDArray gi;    // [3T,B,H] input projections (the decoder adds its context part per step); for r and z
                              //          the step adds the recurrent part, leaving the gates' pre-activations
        final INDArray ghN;   // [T,B,H]  W_hn h + b_hn (b_hn filled in up front)
        final INDArray r;     // [T,B,H]
        final INDArray z;     // [T,B,H]
        final INDArray n;     // [T,B,H]
        final INDArray hPrev; // [T,B,H]  state before each step
        final INDArray h;     // [T,B,H]  state after each step
        final INDArray dGi;   // [3T,B,H] gradient of the gate pre-activations' input parts
        final INDArray dGhN;  // [T,B,H]  gradient of W_hn h + b_hn

        Trace(INDArray gi, int steps, long batch, long hidden, INDArray bhN) {
            var type = gi.dataType();
            this.steps = steps;
            this.gi = gi.reshape(3L * steps, batch, hidden);
            this.ghN = Nd4j.zeros(type, steps, batch, hidden);
            ghN.reshape((long) steps * batch, hidden).addiRowVector(bhN);
            this.r = Nd4j.createUninitialized(type, steps, batch, hidden);
            this.z = Nd4j.createUninitialized(type, steps, batch, hidden);
            this.n = Nd4j.createUninitialized(type, steps, batch, hidden);
            this.hPrev = Nd4j.createUninitialized(type, steps, batch, hidden);
            this.h = Nd4j.createUninitialized(type, steps, batch, hidden);
            this.dGi = Nd4j.createUninitialized(type, 3L * steps, batch, hidden);
            this.dGhN = Nd4j.createUninitialized(type, steps, batch, hidden);
        }

        INDArray gi(int gate, int t) {
            return gi.slice((long) gate * steps + t);
        }

        INDArray dGi(int gate, int t) {
            return dGi.slice((long) gate * steps + t);
        }

        @Override
        public INDArray states() {
            return h;
        }
    }

    /** A trace over input projections [3,T·B,H] of T steps. */
    @Override
    public Trace newTrace(INDArray inputProjections, int steps) {
        long batch = inputProjections.size(1) / steps;
        return new Trace(inputProjections, steps, batch, hidden, bhGate[N]);
    }

    /** Adds {@code x W_i[from:from+k]} to step t's input projections: the decoder's context, known only at t. */
    // x: [B,k]
    @Override
    public void addInput(RecurrentCell.Trace traced, int t, INDArray x, long from) {
        Trace trace = (Trace) traced;
        for (int g = 0; g < 3; g++) {
            Nd4j.gemm(x, inputRows(g, from, x.size(1)).value(), trace.gi(g, t), false, false, 1.0, 1.0);
        }
    }

    /** Step t: reads the input projections of t and hPrev, writes the gates and h[t]. mask: [B,1] or null. */
    // hPrev: [B,H] -> h[t]: [B,H]
    @Override
    public INDArray step(RecurrentCell.Trace traced, int t, INDArray hPrev, INDArray mask) {
        Trace trace = (Trace) traced;
        INDArray ghN = trace.ghN.slice(t);
        INDArray aR = trace.gi(R, t);
        INDArray aZ = trace.gi(Z, t);
        Nd4j.gemm(hPrev, whGate[R], aR, false, false, 1.0, 1.0);
        Nd4j.gemm(hPrev, whGate[Z], aZ, false, false, 1.0, 1.0);
        Nd4j.gemm(hPrev, whGate[N], ghN, false, false, 1.0, 1.0);
        INDArray r = trace.r.slice(t);
        INDArray z = trace.z.slice(t);
        INDArray n = trace.n.slice(t);
        INDArray out = trace.h.slice(t);
        trace.hPrev.slice(t).assign(hPrev);
        Activations.sigmoid(aR, r);
        Activations.sigmoid(aZ, z);
        Activations.tanh(r.mul(ghN, n).addi(trace.gi(N, t)));
        hPrev.sub(n, out).muli(z).addi(n); // n + z ⊙ (hPrev − n)
        if (mask != null) {
            out.subi(hPrev).muliColumnVector(mask).addi(hPrev); // hPrev + m ⊙ (h' − hPrev)
        }
        return out;
    }

    /**
     * Backward through step t: dh is the gradient of h[t] from everything that used it. Writes the step's gate
     * gradients into the trace and returns the gradient of hPrev, [B,H].
     */
    @Override
    public INDArray stepBackward(RecurrentCell.Trace traced, int t, INDArray dh, INDArray mask) {
        Trace trace = (Trace) traced;
        INDArray hPrev = trace.hPrev.slice(t);
        INDArray r = trace.r.slice(t);
        INDArray z = trace.z.slice(t);
        INDArray n = trace.n.slice(t);
        INDArray dStep = mask == null ? dh : dh.mulColumnVector(mask);
        // h' = n + z ⊙ (hPrev − n)
        INDArray dhPrev = dStep.mul(z);
        if (mask != null) {
            dhPrev.addi(dh).subi(dStep); // padded positions pass their gradient straight to hPrev
        }
        INDArray dn = z.rsub(1.0).muli(dStep);
        INDArray dz = hPrev.sub(n).muli(dStep);
        // n = tanh(a_n), a_n = gi_n + r ⊙ ghN
        INDArray daN = trace.dGi(N, t);
        n.mul(n, daN).rsubi(1.0).muli(dn);
        INDArray dr = daN.mul(trace.ghN.slice(t));
        daN.mul(r, trace.dGhN.slice(t));
        // r, z = σ(a): da = σ(1 − σ) ⊙ dσ; the recurrent parts of a_r, a_z get the same gradient
        INDArray daR = trace.dGi(R, t);
        r.rsub(1.0, daR).muli(r).muli(dr);
        INDArray daZ = trace.dGi(Z, t);
        z.rsub(1.0, daZ).muli(z).muli(dz);
        Nd4j.gemm(daR, whGate[R], dhPrev, false, true, 1.0, 1.0);
        Nd4j.gemm(daZ, whGate[Z], dhPrev, false, true, 1.0, 1.0);
        Nd4j.gemm(trace.dGhN.slice(t), whGate[N], dhPrev, false, true, 1.0, 1.0);
        return dhPrev;
    }

    /** After the backward loop: the recurrent weight and bias gradients of all steps, one GEMM per gate. */
    @Override
    public void finishRecurrentBackward(RecurrentCell.Trace traced) {
        Trace trace = (Trace) traced;
        long rows = trace.h.size(0) * trace.h.size(1);
        INDArray hPrev = trace.hPrev.reshape(rows, hidden);
        INDArray[] dGh = {gateGradients(trace, R), gateGradients(trace, Z), trace.dGhN.reshape(rows, hidden)};
        for (int g = 0; g < 3; g++) {
            Nd4j.gemm(hPrev, dGh[g], dWhGate[g], true, false, 1.0, 1.0);
            dBhGate[g].addi(dGh[g].sum(0));
        }
    }

    // the input-side gradients of gate g for all steps: [T·B,H]
    private INDArray gateGradients(Trace trace, int gate) {
        long rows = trace.h.size(0) * trace.h.size(1);
        return trace.dGi.reshape(3, rows, hidden).slice(gate);
    }

    /**
     * Input weight gradients for input columns [from, from + k): x [T·B,k]; with the input bias when asked (once per
     * cell, with the first part of a concatenated input).
     */
    @Override
    public void accumulateInputGradients(RecurrentCell.Trace traced, INDArray x, long from, boolean includeBias) {
        Trace trace = (Trace) traced;
        for (int g = 0; g < 3; g++) {
            INDArray dGate = gateGradients(trace, g);
            Nd4j.gemm(x, dGate, inputRows(g, from, x.size(1)).gradient(), true, false, 1.0, 1.0);
            if (includeBias) {
                dBiGate[g].addi(dGate.sum(0));
            }
        }
    }

    /** Gradient of input columns [from, to) of all steps: -> [T·B,to−from]. */
    @Override
    public INDArray inputGradient(RecurrentCell.Trace traced, long from, long to) {
        Trace trace = (Trace) traced;
        long rows = trace.h.size(0) * trace.h.size(1);
        INDArray dx = Nd4j.zeros(trace.h.dataType(), rows, to - from);
        for (int g = 0; g < 3; g++) {
            Nd4j.gemm(gateGradients(trace, g), inputRows(g, from, to - from).value(), dx, false, true, 1.0, 1.0);
        }
        return dx;
    }

    /** Adds the gradient of step t's input columns [from, from + k) into dx [B,k]. */
    @Override
    public void addInputGradient(RecurrentCell.Trace traced, int t, long from, INDArray dx) {
        Trace trace = (Trace) traced;
        for (int g = 0; g < 3; g++) {
            Nd4j.gemm(trace.dGi(g, t), inputRows(g, from, dx.size(1)).value(), dx, false, true, 1.0, 1.0);
        }
    }
}
