package org.nmt4j.train;

/**
 * One validation: the mean token loss of the validation pairs (no dropout), its perplexity, sacreBLEU-compatible
 * BLEU and chrF2 of greedy translations, detokenized, against the raw references, and (with
 * {@code validation.alignment}) the AER, precision and recall of the word-level forced alignment of the alignment
 * pairs against their gold links (NaN without).
 */
public record ValidationResult(double loss, double perplexity, double bleu, double chrf, String bleuSignature,
                               double aer, double alignmentPrecision, double alignmentRecall) {

    /** A validation without alignment scores. */
    public ValidationResult(double loss, double perplexity, double bleu, double chrf, String bleuSignature) {
        this(loss, perplexity, bleu, chrf, bleuSignature, Double.NaN, Double.NaN, Double.NaN);
    }

    /** The score of the chosen metric, higher is better (the loss and the AER are negated). */
    public double score(String metric) {
        return switch (metric) {
            case "bleu" -> bleu;
            case "chrf" -> chrf;
            case "aer" -> -aer;
            default -> -loss;
        };
    }
}
