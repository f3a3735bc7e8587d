package org.nmt4j.align.lexical;

/**
 * The M-step both aligners' lexical tables share: p(f | e) over the word pairs of a {@link PairTable} from expected
 * counts, as relative frequencies or, with α > 0, in fast_align's variational-Bayes form
 * exp(ψ(c(e, f) + α)) / exp(ψ(Σ_f c(e, f) + α)), which discounts the rare pairs that plain EM overfits.
 */
final class LexicalTable {

    private LexicalTable() {
    }

    /**
     * Sums the per-thread {@code counts} into {@code counts[0]} and writes the new p(f | e) of every filled slot into
     * {@code probabilities}; {@code conditioningWords} bounds the e ids.
     */
    static void maximize(PairTable table, float[] probabilities, double[][] counts, int conditioningWords,
            double alpha) {
        double[] total = counts[0];
        for (int k = 1; k < counts.length; k++) {
            double[] c = counts[k];
            for (int slot = 0; slot < total.length; slot++) {
                total[slot] += c[slot];
            }
        }
        double[] perWord = new double[conditioningWords];
        for (int slot = 0; slot < total.length; slot++) {
            int e = table.conditioning(slot);
            if (e >= 0) {
                perWord[e] += total[slot] + alpha;
            }
        }
        if (alpha > 0) {
            for (int e = 0; e < perWord.length; e++) {
                perWord[e] = digamma(perWord[e] > 0 ? perWord[e] : 1);
            }
        }
        for (int slot = 0; slot < total.length; slot++) {
            int e = table.conditioning(slot);
            if (e >= 0) {
                probabilities[slot] = (float) (alpha > 0 ? Math.exp(digamma(total[slot] + alpha) - perWord[e])
                        : perWord[e] > 0 ? total[slot] / perWord[e] : 0);
            }
        }
    }

    /** ψ(x) for x > 0: the recurrence up to 6, then the asymptotic series. */
    static double digamma(double x) {
        double result = 0;
        while (x < 6) {
            result -= 1 / x;
            x += 1;
        }
        double f = 1 / (x * x);
        return result + Math.log(x) - 0.5 / x
                - f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f / 132))));
    }
}
