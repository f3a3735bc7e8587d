package org.nmt4j.translate;

/**
 * One translation the search found, in target ids.
 *
 * @param tokens         the target ids, without {@code </s>}
 * @param logProbability log p(tokens, </s> | source) under the model (without {@code </s>} if the search hit its
 *                       length limit)
 * @param score          what the search ranked by: log p / length^α (length counting {@code </s>})
 * @param attention      the attention weights the decoder computed, one row per target step (a row for
 *                       {@code </s>} at the end when the hypothesis ended with it), one column per source position
 *                       ({@code </s>} included); each row sums to 1
 * @param ended          whether the hypothesis ended with {@code </s>} (false: cut at the length limit)
 * @param tokenScores    log p of each step's token given those before it, {@code </s>} last when it ended: they sum
 *                       to logProbability
 */
public record Hypothesis(int[] tokens, double logProbability, double score, float[][] attention, boolean ended,
                         float[] tokenScores) {

    /** A step of a hypothesis in the making, as a beam keeps it: its token and attention row, and the way back. */
    interface Step {
        Step parent();

        int token();

        float[] attention();

        /** log p of the tokens up to this one. */
        double logProbability();

        /** The tokens up to this one. */
        int length();
    }

    /** The hypothesis that ends with step last (with {@code </s>} when ended); alpha: the length penalty. */
    static Hypothesis of(Step last, boolean ended, double alpha) {
        int length = last.length();
        int[] tokens = new int[ended ? length - 1 : length];
        float[][] attention = new float[length][];
        float[] tokenScores = new float[length];
        Step step = last;
        for (int i = length - 1; i >= 0; i--) {
            attention[i] = step.attention();
            tokenScores[i] = (float) (step.logProbability() - (step.parent() == null ? 0
                    : step.parent().logProbability()));
            if (i < tokens.length) {
                tokens[i] = step.token();
            }
            step = step.parent();
        }
        return new Hypothesis(tokens, last.logProbability(), normalized(last.logProbability(), Math.max(1, length),
                alpha), attention, ended, tokenScores);
    }

    /** The ranking score: log p / length^α, the length counting {@code </s>} (Wu et al. 2016 use a smoothed form). */
    static double normalized(double logProbability, int length, double alpha) {
        return alpha == 0 ? logProbability : logProbability / Math.pow(length, alpha);
    }
}
