package org.nmt4j.model;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.compute.Products;
import org.nmt4j.compute.FloatCopies;
import org.nmt4j.model.attention.LocalWindow;

/**
 * Attention over the encoder states: a pluggable {@link AttentionScore}, a softmax over the real source positions
 * (padding gets weight exactly 0), and the context vector {@code c_t = Σ_j α_tj h_j}. With K heads
 * ({@code model.attention_heads}), each head scores its own projections of the query and keys and forms its own
 * context, and the heads' contexts, concatenated, are projected back to the context size:
 * {@code c_t = [c_t^1 ; … ; c_t^K] W_c}, {@code W_c [K·2H,2H]}. With a {@link LocalWindow}
 * ({@code model.attention_window}), every head scores only the positions of the window around a predicted centre,
 * and its weights are multiplied by the window's Gaussian. The queries (and their projection's gradients) are
 * products in ND4J; the scores, the softmax, the context and their backward are Java loops over the memory's
 * batch-major rows ({@link AttentionFloatRows} for a float model, its double twin for a double one), with no ND4J
 * operation per source position.
 */
public final class Attention {

    private final List<AttentionScore> heads;
    private final Param combine; // W_c [K·2H,2H]; null with one head
    private final LocalWindow window; // null: global attention

    /** Global attention with one head. */
    public Attention(AttentionScore score) {
        this(List.of(score), null, null);
    }

    /**
     * Attention with these heads and, with more than one, their contexts' projection W_c [K·2H,2H]; local over a
     * window, or global when window is null.
     */
    public Attention(List<AttentionScore> heads, Param combine, LocalWindow window) {
        if (heads.size() > 1 == (combine == null)) {
            throw new IllegalArgumentException("several heads need W_c, one head none");
        }
        this.heads = List.copyOf(heads);
        this.combine = combine;
        this.window = window;
    }

    /** The first head's score (the only one with one head). */
    public AttentionScore score() {
        return heads.get(0);
    }

    /** Every head's score. */
    public List<AttentionScore> heads() {
        return heads;
    }

    /** The memory over values [S,B,2H] and mask [S,B,1], with each head's keys. */
    public EncoderMemory memory(INDArray values, INDArray mask) {
        List<INDArray> keys = new ArrayList<>(heads.size());
        for (AttentionScore head : heads) {
            keys.add(head.keys(values));
        }
        return EncoderMemory.of(values, keys, mask);
    }

    /**
     * One head's part of a step: its weights α (batch-major, [B·S]), queries [B·K] and, in a window, the softmax
     * before the Gaussian [B·S].
     */
    public record Head(double[] alpha, double[] queries, double[] softmax) {
    }

    /**
     * One step's result: the weights α (batch-major, [B·S], 0 at padding and outside a window; with several heads,
     * their mean), the context [B,2H], and what backward needs: each head's part, with several heads their contexts
     * [B,K·2H], in a window its centres (else null).
     */
    public record Step(double[] alpha, INDArray context, List<Head> heads, INDArray headContexts,
                       LocalWindow.Centres centres) {

        /** α as an array [S,B] of the given type. */
        public INDArray weights(DataType type, int sourceLength) {
            int b = alpha.length / sourceLength;
            return FloatCopies.ofDoubles(alpha, type, b, sourceLength).transpose().dup('c');
        }
    }

    /**
     * One head's keys' gradient, batch-major [B·S·K], in the memory's precision: rows for a double memory, floats for
     * a float one (the other null).
     */
    public record KeyGradients(double[] rows, float[] floats) {

        static KeyGradients of(EncoderMemory memory) {
            int length = memory.batchSize() * memory.sourceLength() * memory.keySize();
            return memory.exact() ? new KeyGradients(new double[length], null)
                    : new KeyGradients(null, new float[length]);
        }
    }

    /**
     * The gradients a backward pass gathers over all steps: of each head's keys [B·S·K] and of the values
     * [B·S·2H], in the memory's precision.
     */
    public static final class MemoryGradients {
        private final KeyGradients[] keys;
        private final double[] values;     // a double memory's
        private final float[] valueFloats; // a float memory's
        private final EncoderMemory memory;

        public MemoryGradients(EncoderMemory memory) {
            this.memory = memory;
            int heads = Math.max(1, memory.heads().size());
            this.keys = new KeyGradients[heads];
            for (int k = 0; k < heads; k++) {
                keys[k] = KeyGradients.of(memory.head(k));
            }
            int length = memory.batchSize() * memory.sourceLength() * memory.valueSize();
            this.values = memory.exact() ? new double[length] : null;
            this.valueFloats = memory.exact() ? null : new float[length];
        }

        /** The first head's keys' gradient, [S,B,K] like the keys. */
        public INDArray keys() {
            return keys(0);
        }

        /** Head k's keys' gradient, [S,B,K] like its keys. */
        public INDArray keys(int head) {
            return timeMajor(keys[head].rows(), keys[head].floats(), memory.head(head).keySize());
        }

        /** The values' gradient through the contexts, [S,B,2H] like the values. */
        public INDArray values() {
            return timeMajor(values, valueFloats, memory.valueSize());
        }

        private INDArray timeMajor(double[] rows, float[] floats, int width) {
            long b = memory.batchSize();
            long s = memory.sourceLength();
            INDArray byBatch = rows != null ? FloatCopies.ofDoubles(rows, memory.values().dataType(), b, s, width)
                    : FloatCopies.of(floats, b, s, width);
            return byBatch.permute(1, 0, 2).dup('c');
        }
    }

    // query s_{t-1}: [B,D] -> α: [B·S], c: [B,2H]
    public Step forward(INDArray query, EncoderMemory memory) {
        return forward(query, memory, null);
    }

    /** The same with a bias [B·S] added to every head's scores before the softmax (null: none). */
    public Step forward(INDArray query, EncoderMemory memory, double[] bias) {
        int b = memory.batchSize();
        int s = memory.sourceLength();
        int c = memory.valueSize();
        int count = heads.size();
        boolean exact = memory.exact();
        double[] contexts = exact ? new double[b * count * c] : null; // [B,K·2H], a double memory's
        float[] contextFloats = exact ? null : new float[b * count * c]; // a float memory's
        List<Head> parts = new ArrayList<>(count);
        double[] mean = count == 1 ? null : new double[b * s];
        LocalWindow.Centres centres = window == null ? null : window.forward(query, memory);
        boolean[] scored = centres == null ? memory.real() : inWindow(memory, centres); // the same for every head
        for (int k = 0; k < count; k++) {
            Head head = headForward(heads.get(k), query, memory.head(k), contexts, contextFloats, k, centres, scored,
                    bias);
            parts.add(head);
            if (mean != null) {
                for (int i = 0; i < mean.length; i++) {
                    mean[i] += head.alpha()[i] / count;
                }
            }
        }
        INDArray headContexts = exact ? FloatCopies.ofDoubles(contexts, query.dataType(), b, (long) count * c)
                : FloatCopies.of(contextFloats, b, (long) count * c);
        if (count == 1) {
            return new Step(parts.get(0).alpha(), headContexts, parts, null, centres);
        }
        INDArray context = Nd4j.createUninitialized(query.dataType(), b, c);
        Products.gemm(headContexts, combine.value(), context, false, false, 1.0, 0.0);
        return new Step(mean, context, parts, headContexts, centres);
    }

    // one head: its weights over the scored positions (b·S + j), and its context into contexts [B,K·2H] (the
    // memory's precision's: contexts or contextFloats) at head k's columns
    private Head headForward(AttentionScore score, INDArray query, EncoderMemory memory, double[] contexts,
                             float[] contextFloats, int k, LocalWindow.Centres centres, boolean[] real,
                             double[] bias) {
        int b = memory.batchSize();
        int s = memory.sourceLength();
        int c = memory.valueSize();
        Param projection = score.queryProjection();
        double[] queries = FloatCopies.readDoubles(projection == null ? query : query.mmul(projection.value()));
        double[] alpha = new double[b * s];
        score.scores(queries, memory, alpha);
        if (bias != null) {
            for (int i = 0; i < alpha.length; i++) {
                alpha[i] += bias[i];
            }
        }
        double[] softmax = centres == null ? null : new double[b * s];
        for (int i = 0; i < b; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < s; j++) {
                if (real[i * s + j]) {
                    max = Math.max(max, alpha[i * s + j]);
                }
            }
            double sum = 0;
            for (int j = 0; j < s; j++) {
                int at = i * s + j;
                alpha[at] = real[at] ? Math.exp(alpha[at] - max) : 0;
                sum += alpha[at];
            }
            for (int j = 0; j < s; j++) {
                int at = i * s + j;
                if (real[at]) {
                    double weight = alpha[at] / sum;
                    if (softmax != null) {
                        softmax[at] = weight;
                        weight *= window.gaussian(centres, i, j);
                    }
                    alpha[at] = weight;
                }
            }
        }
        if (contexts != null) {
            AttentionDoubleRows.contexts(alpha, memory.valueRows(), b, s, c, contexts, contexts.length / b, k * c);
        } else {
            AttentionFloatRows.contexts(alpha, memory.valueFloats(), b, s, c, contextFloats,
                    contextFloats.length / b, k * c);
        }
        return new Head(alpha, queries, softmax);
    }

    // the positions a step's window lets each head score: real and in the window, at b·S + j
    private boolean[] inWindow(EncoderMemory memory, LocalWindow.Centres centres) {
        int s = memory.sourceLength();
        boolean[] inside = new boolean[memory.real().length];
        for (int i = 0; i < memory.batchSize(); i++) {
            for (int j = 0; j < s; j++) {
                inside[i * s + j] = memory.real()[i * s + j] && window.inside(centres, i, j);
            }
        }
        return inside;
    }

    /**
     * dContext [B,2H] -> dQuery [B,D], through the heads' weights and scores (and W_c); adds the gradients of the
     * keys and of the values (through the contexts) into gradients.
     */
    public INDArray backward(Step step, INDArray query, EncoderMemory memory, INDArray dContext,
                             MemoryGradients gradients) {
        return backward(step, query, memory, dContext, gradients, null);
    }

    /**
     * The same with a gradient of the loss with respect to the step's exported weights α as well (batch-major [B·S],
     * null for none), as guided alignment adds: each head gets its share, 1/K of it.
     */
    public INDArray backward(Step step, INDArray query, EncoderMemory memory, INDArray dContext,
                             MemoryGradients gradients, double[] dAlpha) {
        return backward(step, query, memory, dContext, gradients, dAlpha, null);
    }

    /**
     * The same for a step whose scores had a bias added ({@link #forward(INDArray, EncoderMemory, double[])}): the
     * bias's gradient (that of the scores, summed over the heads) is added into dBias [B·S].
     */
    public INDArray backward(Step step, INDArray query, EncoderMemory memory, INDArray dContext,
                             MemoryGradients gradients, double[] dAlpha, double[] dBias) {
        int count = heads.size();
        INDArray dHeads = dContext; // [B,K·2H]
        if (count > 1) {
            Products.gemm(step.headContexts(), dContext, combine.gradient(), true, false, 1.0, 1.0);
            dHeads = Nd4j.createUninitialized(dContext.dataType(), dContext.size(0), step.headContexts().size(1));
            Products.gemm(dContext, combine.value(), dHeads, false, true, 1.0, 0.0);
        }
        double[] dc = memory.exact() ? FloatCopies.readDoubles(dHeads) : null;
        float[] dcFloats = memory.exact() ? null : FloatCopies.read(dHeads);
        double[] dCentres = window == null ? null : new double[memory.batchSize()];
        INDArray dQuery = null;
        for (int k = 0; k < count; k++) {
            INDArray d = headBackward(heads.get(k), step.heads().get(k), query, memory.head(k), dc, dcFloats, k,
                    gradients, step.centres(), dCentres, dAlpha, 1.0 / count, dBias);
            dQuery = dQuery == null ? d : dQuery.addi(d);
        }
        if (window != null) {
            dQuery.addi(window.backward(step.centres(), query, dCentres));
        }
        return dQuery;
    }

    // dContexts [B,K·2H] in the memory's precision (dContexts or dContextFloats)
    private INDArray headBackward(AttentionScore score, Head head, INDArray query, EncoderMemory memory,
                                  double[] dContexts, float[] dContextFloats, int k, MemoryGradients gradients,
                                  LocalWindow.Centres centres, double[] dCentres, double[] dAlpha,
                                  double share, double[] dBias) {
        int b = memory.batchSize();
        int s = memory.sourceLength();
        int c = memory.valueSize();
        double[] alpha = head.alpha();
        double[] softmax = head.softmax(); // in a window: α = softmax ⊙ Gaussian
        // c = Σ_j α_j h_j: dα_j = h_j · dc, dh_j += α_j dc
        double[] fromContext = new double[b * s];
        if (dContexts != null) {
            AttentionDoubleRows.contextsBackward(alpha, memory.valueRows(), dContexts, dContexts.length / b, k * c, b,
                    s, c, gradients.values, fromContext);
        } else {
            AttentionFloatRows.contextsBackward(alpha, memory.valueFloats(), dContextFloats,
                    dContextFloats.length / b, k * c, b, s, c, gradients.valueFloats, fromContext);
        }
        double[] dScores = new double[b * s];
        for (int i = 0; i < b; i++) {
            double expected = 0; // Σ_j α_j dα_j
            for (int j = 0; j < s; j++) {
                int at = i * s + j;
                double weight = alpha[at];
                if (weight == 0) {
                    continue;
                }
                double dWeight = fromContext[at] + (dAlpha == null ? 0 : dAlpha[at] * share);
                if (softmax != null) { // α = a g: da = g dα, dg = a dα
                    window.centreGradient(centres, i, j, softmax[at] * dWeight, dCentres);
                    dWeight *= weight / softmax[at];
                    weight = softmax[at];
                }
                dScores[at] = dWeight;
                expected += weight * dWeight;
            }
            double[] a = softmax == null ? alpha : softmax;
            for (int j = 0; j < s; j++) { // a = softmax(e): de = a ⊙ (da − Σ_j a_j da_j)
                int at = i * s + j;
                dScores[at] = a[at] * (dScores[at] - expected);
            }
        }
        if (dBias != null) {
            for (int i = 0; i < dScores.length; i++) {
                dBias[i] += dScores[i];
            }
        }
        double[] dQueries = new double[head.queries().length];
        score.backward(head.queries(), dScores, memory, dQueries, gradients.keys[k]);
        INDArray dq = FloatCopies.ofDoubles(dQueries, query.dataType(), b, dQueries.length / b);
        Param projection = score.queryProjection();
        if (projection == null) {
            return dq;
        }
        Products.gemm(query, dq, projection.gradient(), true, false, 1.0, 1.0);
        INDArray dQuery = Nd4j.createUninitialized(query.dataType(), b, query.size(1));
        Products.gemm(dq, projection.value(), dQuery, false, true, 1.0, 0.0);
        return dQuery;
    }

    /** After all steps: each head's keys' gradient into its parameters, and the values' gradient into dValues. */
    public void keysBackward(EncoderMemory memory, MemoryGradients gradients, INDArray dValues) {
        for (int k = 0; k < heads.size(); k++) {
            heads.get(k).keysBackward(memory.values(), gradients.keys(k), dValues);
        }
    }
}
