package org.nmt4j.model;

/**
 * The alignment head's jump prior ({@code model.alignment_jumps}: K): what the HMM alignment model adds to IBM Model
 * 1, a preference for aligning a word near where its predecessor aligned. The head's score of source position j for
 * target step t gets a learned bias over the jump from there,
 * {@code score(t, j) += Σ_p prev_t(p) · w[clamp(j − (p − 1), −K, K)]}, where {@code prev_t} is where the head
 * aligned step t − 1, over S + 1 slots: slot 0 is "before the first word" (so the first step's jump is j + 1),
 * slot j + 1 is source position j. {@code prev_0} is slot 0; {@code prev_{t+1}(j + 1) = α_t(j)} for the real
 * positions but the last (the source's {@code </s>}, where the head puts the words it leaves unaligned), and the
 * weight on {@code </s>} carries the previous slots over, {@code prev_{t+1} += α_t(last) · prev_t}, as the HMM's
 * empty word remembers the last position. The weights w [1, 2K+1] start at 0 (no preference) and are learned with
 * the head. Stateless kernels over batch-major rows; training and search share them.
 */
public final class AlignmentJumps {

    /** The name of the weights w [1, 2K+1]. */
    public static final String NAME = AlignmentHead.PREFIX + ".jumps";

    private AlignmentJumps() {
    }

    /** prev_0 of {@code rows} rows over S source positions: every row's slot 0. */
    public static double[] start(int rows, int s) {
        double[] prev = new double[rows * (s + 1)];
        for (int r = 0; r < rows; r++) {
            prev[r * (s + 1)] = 1;
        }
        return prev;
    }

    /**
     * The bias of each row's real positions ({@code lengths[r]} of them) into {@code out} [rows·S] (added to what is
     * there); w holds 2K + 1 weights.
     */
    public static void addBias(double[] w, double[] prev, int rows, int s, int[] lengths, double[] out) {
        int k = w.length / 2;
        for (int r = 0; r < rows; r++) {
            int slots = r * (s + 1);
            for (int p = 0; p <= lengths[r]; p++) {
                double weight = prev[slots + p];
                if (weight == 0) {
                    continue;
                }
                for (int j = 0; j < lengths[r]; j++) {
                    out[r * s + j] += weight * w[Math.max(-k, Math.min(k, j - p + 1)) + k];
                }
            }
        }
    }

    /**
     * Backward of {@link #addBias}: from dBias [rows·S] adds dL/dw into dw and returns dL/dprev [rows·(S+1)].
     */
    public static double[] biasBackward(double[] w, double[] prev, int rows, int s, int[] lengths, double[] dBias,
                                        double[] dw) {
        int k = w.length / 2;
        double[] dPrev = new double[prev.length];
        for (int r = 0; r < rows; r++) {
            int slots = r * (s + 1);
            for (int p = 0; p <= lengths[r]; p++) {
                double weight = prev[slots + p];
                double sum = 0;
                for (int j = 0; j < lengths[r]; j++) {
                    int d = Math.max(-k, Math.min(k, j - p + 1)) + k;
                    double g = dBias[r * s + j];
                    sum += g * w[d];
                    dw[d] += g * weight;
                }
                dPrev[slots + p] = sum;
            }
        }
        return dPrev;
    }

    /** prev_{t+1} from prev_t and the step's weights alpha [rows·S]. */
    public static double[] next(double[] prev, double[] alpha, int rows, int s, int[] lengths) {
        double[] next = new double[prev.length];
        for (int r = 0; r < rows; r++) {
            int slots = r * (s + 1);
            int last = lengths[r] - 1;
            double stay = last < 0 ? 1 : alpha[r * s + last];
            for (int p = 0; p <= lengths[r]; p++) {
                next[slots + p] = stay * prev[slots + p];
            }
            for (int j = 0; j < last; j++) {
                next[slots + j + 1] += alpha[r * s + j];
            }
        }
        return next;
    }

    /**
     * Backward of {@link #next}: from dNext [rows·(S+1)] adds dL/dα into dAlpha [rows·S] and returns dL/dprev_t.
     */
    public static double[] nextBackward(double[] prev, double[] alpha, int rows, int s, int[] lengths,
                                        double[] dNext, double[] dAlpha) {
        double[] dPrev = new double[prev.length];
        for (int r = 0; r < rows; r++) {
            int slots = r * (s + 1);
            int last = lengths[r] - 1;
            if (last < 0) {
                System.arraycopy(dNext, slots, dPrev, slots, lengths[r] + 1);
                continue;
            }
            double stay = alpha[r * s + last];
            double dStay = 0;
            for (int p = 0; p <= lengths[r]; p++) {
                dStay += dNext[slots + p] * prev[slots + p];
                dPrev[slots + p] = stay * dNext[slots + p];
            }
            dAlpha[r * s + last] += dStay;
            for (int j = 0; j < last; j++) {
                dAlpha[r * s + j] += dNext[slots + j + 1];
            }
        }
        return dPrev;
    }
}
