package org.nmt4j.model;

import java.util.List;

/**
 * Guided alignment (Chen et al. 2016; Marian's {@code --guided-alignment}): a loss that pulls the attention the model
 * exports (the heads' mean) towards given links. For target position t of a sentence with links, the guide is
 * uniform over the source positions linked to t, g_tj = 1/|J_t|; positions without links add nothing (or, with
 * {@link #withUnlinkedToEnd}, are guided to the source's {@code </s>}). The cost is
 * {@code ce}, −w Σ_j g_tj log(α_tj + ε), or {@code mse}, w/2 Σ_j (α_tj − g_tj)² over the real source positions; both
 * are divided by the same normalizer as the translation loss (the batch's target tokens), so the shards of a batch
 * add up to the batch's loss.
 */
public record GuidedAlignment(double weight, Cost cost, boolean unlinkedToEnd, boolean detached) {

    /** The cost's form. */
    public enum Cost { CE, MSE }

    /** Target positions without links add nothing. */
    public GuidedAlignment(double weight, Cost cost) {
        this(weight, cost, false, false);
    }

    /**
     * The same loss, except that in a sentence with links a real target position without any (an unaligned word, and
     * {@code </s>}) is guided to the source's {@code </s>}, which word-level links leave out: how an
     * {@link AlignmentHead} learns to leave a word unaligned.
     */
    public GuidedAlignment withUnlinkedToEnd() {
        return new GuidedAlignment(weight, cost, true, detached);
    }

    /**
     * The same loss training an {@link AlignmentHead}'s own parameters only: the states, embeddings and encoder states
     * it reads are inputs to it, so the translation model trains as it would unguided.
     */
    public GuidedAlignment withDetached() {
        return new GuidedAlignment(weight, cost, unlinkedToEnd, true);
    }

    private static final double EPSILON = 1e-9;

    /** The guided loss of one forward's attention and, when {@code gradients} is true, its gradient by step. */
    public record Result(double loss, double[][] dAlpha) {
    }

    /**
     * The loss of the attention weights of every step ({@code steps.get(t).alpha()}, batch-major [B·S]) against the
     * batch's links, divided by {@code normalizer}; with {@code gradients}, dLoss/dα per step (null for a step no
     * link touches).
     */
    public Result evaluate(List<Attention.Step> steps, Batch batch, double normalizer, boolean gradients) {
        int b = batch.batchSize();
        int s = batch.sourceLength();
        double scale = weight / normalizer;
        double loss = 0;
        double[][] dAlpha = gradients ? new double[steps.size()][] : null;
        int[][] links = batch.links();
        if (links == null || weight == 0) {
            return new Result(0, dAlpha);
        }
        double[] guide = new double[s];
        for (int i = 0; i < b; i++) {
            int[] sentence = links[i];
            if (sentence == null) {
                continue;
            }
            int sourceLength = batch.sourceLengths()[i] - 1; // the real words; </s> is never linked
            for (int t = 0; t < steps.size(); t++) {
                int count = 0;
                java.util.Arrays.fill(guide, 0);
                for (int k = 0; k < sentence.length; k += 2) {
                    if (sentence[k + 1] == t && sentence[k] < sourceLength && guide[sentence[k]] == 0) {
                        guide[sentence[k]] = 1;
                        count++;
                    }
                }
                if (count == 0 && unlinkedToEnd && batch.targetMask()[t * b + i] != 0) {
                    guide[sourceLength] = 1; // the source's </s>
                    count = 1;
                }
                if (count == 0) {
                    continue;
                }
                double[] alpha = steps.get(t).alpha();
                double[] d = null;
                if (gradients) {
                    if (dAlpha[t] == null) {
                        dAlpha[t] = new double[b * s];
                    }
                    d = dAlpha[t];
                }
                for (int j = 0; j < batch.sourceLengths()[i]; j++) {
                    double g = guide[j] / count;
                    double a = alpha[i * s + j];
                    if (cost == Cost.CE) {
                        if (g > 0) {
                            loss -= scale * g * Math.log(a + EPSILON);
                            if (d != null) {
                                d[i * s + j] -= scale * g / (a + EPSILON);
                            }
                        }
                    } else {
                        loss += scale * 0.5 * (a - g) * (a - g);
                        if (d != null) {
                            d[i * s + j] += scale * (a - g);
                        }
                    }
                }
            }
        }
        return new Result(loss, dAlpha);
    }
}
