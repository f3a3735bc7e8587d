package org.nmt4j.eval;

import java.util.Locale;

/** A BLEU score with what sacreBLEU reports beside it. Precisions are in percent, one per n-gram order. */
public record BleuScore(double score, double[] precisions, double brevityPenalty, long hypothesisLength,
                        long referenceLength, String signature) {

    /**
     * sacreBLEU's text line, e.g. {@code BLEU|nrefs:1|...|version:2.6.0 = 29.36 58.3/35.1/23.3/15.6 (BP = 1.000
     * ratio = 1.010 hyp_len = 13090 ref_len = 12955)}.
     */
    public String format() {
        StringBuilder p = new StringBuilder();
        for (int i = 0; i < precisions.length; i++) {
            p.append(i == 0 ? "" : "/").append(String.format(Locale.ROOT, "%.1f", precisions[i]));
        }
        double ratio = referenceLength == 0 ? 0 : (double) hypothesisLength / referenceLength;
        return String.format(Locale.ROOT, "BLEU|%s = %.2f %s (BP = %.3f ratio = %.3f hyp_len = %d ref_len = %d)",
                signature, score, p, brevityPenalty, ratio, hypothesisLength, referenceLength);
    }
}
