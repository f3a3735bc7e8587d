package org.nmt4j.model;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A GRU cell in the convention of Cho et al. (2014) that PyTorch uses, gates in the order r, z, n:
 * <pre>
 *   r = σ(W_ir x + b_ir + W_hr h + b_hr)      z = σ(W_iz x + b_iz + W_hz h + b_hz)
 *   n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))      h' = (1 − z) ⊙ n + z ⊙ h
 * </pre>
 * The input projections {@code W_i x + b_i} of a whole sequence are one GEMM ({@link #projectInputs}) before the
 * recurrence; a step does one GEMM for the recurrent part. With a mask, a padded position keeps the previous state
 * ({@code h' = h}), so a sentence's state stops changing where the sentence ends.
 *
 * <p>Recurrent weight gradients are not taken per step: {@link #stepBackward} writes each step's gate gradients into
 * the trace, and {@link #finishBackward} turns all of them into the weight gradients with one GEMM each.
 */
public final class GruCell {

    private final Param wi; // [In,3H]
    private final Param wh; // [H,3H]
    private final Param bi; // [3H]
    private final Param bh; // [3H]
    private final long hidden;

    public GruCell(Param wi, Param wh, Param bi, Param bh) {
        this.wi = wi;
        this.wh = wh;
        this.bi = bi;
        this.bh = bh;
        this.hidden = wh.value().size(0);
    }

    public long hiddenSize() {
        return hidden;
    }

    public long inputSize() {
        return wi.value().size(0);
    }

    /** The input weights for input columns [from, to), e.g. the embedding part of a concatenated input. */
    public INDArray inputWeights(long from, long to) {
        return wi.value().get(interval(from, to), all());
    }

    // x: [N,In] -> [N,3H]: x W_i + b_i, for all time steps at once
    public INDArray projectInputs(INDArray x) {
        return projectInputs(x, 0);
    }

    // x: [N,k] -> [N,3H]: x W_i[from:from+k] + b_i, when x is the first part of a concatenated input
    public INDArray projectInputs(INDArray x, long from) {
        INDArray out = Nd4j.createUninitialized(x.dataType(), x.size(0), 3 * hidden);
        Nd4j.gemm(x, inputWeights(from, from + x.size(1)), out, false, false, 1.0, 0.0);
        return out.addiRowVector(bi.value());
    }

    /** What a run of T steps over a batch of B keeps for the backward pass; slices are steps. */
    public static final class Trace {
        final INDArray gi;    // [T,B,3H] input projections (read only by the cell)
        final INDArray gh;    // [T,B,3H] recurrent projections h W_h + b_h
        final INDArray rz;    // [T,B,2H] gates r and z
        final INDArray n;     // [T,B,H]  candidate state
        final INDArray hPrev; // [T,B,H]  state before each step
        final INDArray h;     // [T,B,H]  state after each step
        final INDArray dGi;   // [T,B,3H] gradient of the input projections (written by backward)
        final INDArray dGh;   // [T,B,3H] gradient of the recurrent projections

        public Trace(INDArray gi, long hidden) {
            long steps = gi.size(0);
            long batch = gi.size(1);
            var type = gi.dataType();
            this.gi = gi;
            this.gh = Nd4j.createUninitialized(type, steps, batch, 3 * hidden);
            this.rz = Nd4j.createUninitialized(type, steps, batch, 2 * hidden);
            this.n = Nd4j.createUninitialized(type, steps, batch, hidden);
            this.hPrev = Nd4j.createUninitialized(type, steps, batch, hidden);
            this.h = Nd4j.createUninitialized(type, steps, batch, hidden);
            this.dGi = Nd4j.createUninitialized(type, steps, batch, 3 * hidden);
            this.dGh = Nd4j.createUninitialized(type, steps, batch, 3 * hidden);
        }

        /** The states after each step, [T,B,H]. */
        public INDArray states() {
            return h;
        }

        /** The gradients of the input projections, [T,B,3H], once backward has run. */
        public INDArray inputProjectionGradients() {
            return dGi;
        }
    }

    public Trace newTrace(INDArray inputProjections) {
        return new Trace(inputProjections, hidden);
    }

    /**
     * Step t of the trace: reads gi[t] and hPrev, writes the gates and h[t]. mask: [B,1] (1 real, 0 padded) or null.
     */
    // hPrev: [B,H] -> h[t]: [B,H]
    public INDArray step(Trace trace, int t, INDArray hPrev, INDArray mask) {
        INDArray out = trace.h.slice(t);
        trace.hPrev.slice(t).assign(hPrev);
        step(trace.gi.slice(t), hPrev, mask, trace.gh.slice(t), trace.rz.slice(t), trace.n.slice(t), out);
        return out;
    }

    /** One step without a trace (inference): gi [B,3H], hPrev [B,H] -> new state [B,H]. */
    public INDArray step(INDArray gi, INDArray hPrev) {
        var type = hPrev.dataType();
        long batch = hPrev.size(0);
        INDArray out = Nd4j.createUninitialized(type, batch, hidden);
        step(gi, hPrev, null, Nd4j.createUninitialized(type, batch, 3 * hidden),
                Nd4j.createUninitialized(type, batch, 2 * hidden), Nd4j.createUninitialized(type, batch, hidden), out);
        return out;
    }

    private void step(INDArray gi, INDArray hPrev, INDArray mask, INDArray gh, INDArray rz, INDArray n, INDArray out) {
        long h = hidden;
        Nd4j.gemm(hPrev, wh.value(), gh, false, false, 1.0, 0.0);
        gh.addiRowVector(bh.value());
        gi.get(all(), interval(0, 2 * h)).add(gh.get(all(), interval(0, 2 * h)), rz);
        Transforms.sigmoid(rz, false);
        INDArray r = rz.get(all(), interval(0, h));
        INDArray z = rz.get(all(), interval(h, 2 * h));
        r.mul(gh.get(all(), interval(2 * h, 3 * h)), n);
        n.addi(gi.get(all(), interval(2 * h, 3 * h)));
        Transforms.tanh(n, false);
        hPrev.sub(n, out).muli(z).addi(n); // n + z ⊙ (hPrev − n)
        if (mask != null) {
            out.subi(hPrev).muliColumnVector(mask).addi(hPrev); // hPrev + m ⊙ (h' − hPrev)
        }
    }

    /**
     * Backward through step t: dh is the gradient of h[t] (from everything that used it). Writes the step's gate
     * gradients into the trace and returns the gradient of hPrev, [B,H].
     */
    public INDArray stepBackward(Trace trace, int t, INDArray dh, INDArray mask) {
        long h = hidden;
        var type = dh.dataType();
        long batch = dh.size(0);
        INDArray hPrev = trace.hPrev.slice(t);
        INDArray rz = trace.rz.slice(t);
        INDArray r = rz.get(all(), interval(0, h));
        INDArray z = rz.get(all(), interval(h, 2 * h));
        INDArray n = trace.n.slice(t);
        INDArray ghn = trace.gh.slice(t).get(all(), interval(2 * h, 3 * h));
        INDArray dGi = trace.dGi.slice(t);
        INDArray dGh = trace.dGh.slice(t);

        INDArray dhPrev = Nd4j.createUninitialized(type, batch, h);
        INDArray dhStep = dh;
        if (mask != null) {
            dhStep = dh.mulColumnVector(mask);
            dh.sub(dhStep, dhPrev); // padded positions pass their gradient straight to hPrev
        } else {
            dhPrev.assign(0);
        }
        // h' = n + z ⊙ (hPrev − n)
        INDArray dn = z.rsub(1.0).muli(dhStep);
        INDArray dRz = Nd4j.createUninitialized(type, batch, 2 * h);
        INDArray dz = dRz.get(all(), interval(h, 2 * h));
        hPrev.sub(n, dz).muli(dhStep);
        dhPrev.addi(dhStep.mul(z));
        // n = tanh(a_n), a_n = gi_n + r ⊙ ghn
        INDArray daN = dGi.get(all(), interval(2 * h, 3 * h));
        n.mul(n, daN).rsubi(1.0).muli(dn);
        daN.mul(ghn, dRz.get(all(), interval(0, h)));          // dr
        daN.mul(r, dGh.get(all(), interval(2 * h, 3 * h)));   // d ghn
        // r, z = σ(a_rz)
        INDArray daRz = dGi.get(all(), interval(0, 2 * h));
        rz.rsub(1.0, daRz).muli(rz).muli(dRz);
        dGh.get(all(), interval(0, 2 * h)).assign(daRz);
        Nd4j.gemm(dGh, wh.value(), dhPrev, false, true, 1.0, 1.0);
        return dhPrev;
    }

    /**
     * After the backward loop: the recurrent weight and bias gradients from all steps, one GEMM. Input weight
     * gradients are left to {@link #accumulateInputGradients}, since the input may be split (embedding, context).
     */
    public void finishRecurrentBackward(Trace trace) {
        long rows = trace.h.size(0) * trace.h.size(1);
        INDArray hPrev = trace.hPrev.reshape(rows, hidden);
        INDArray dGh = trace.dGh.reshape(rows, 3 * hidden);
        Nd4j.gemm(hPrev, dGh, wh.gradient(), true, false, 1.0, 1.0);
        bh.gradient().addi(dGh.sum(0));
    }

    /**
     * Input weight gradient for input columns [from, from + k): x [N,k], dGi [N,3H]; with the input bias when asked
     * (once per cell, with the first part of a concatenated input).
     */
    public void accumulateInputGradients(INDArray x, INDArray dGi, long from, boolean includeBias) {
        Nd4j.gemm(x, dGi, wi.gradient().get(interval(from, from + x.size(1)), all()), true, false, 1.0, 1.0);
        if (includeBias) {
            bi.gradient().addi(dGi.sum(0));
        }
    }

    /** Gradient of input columns [from, to): dGi [N,3H] -> dx [N,to−from]. */
    public INDArray inputGradient(INDArray dGi, long from, long to) {
        INDArray dx = Nd4j.createUninitialized(dGi.dataType(), dGi.size(0), to - from);
        Nd4j.gemm(dGi, inputWeights(from, to), dx, false, true, 1.0, 0.0);
        return dx;
    }
}
