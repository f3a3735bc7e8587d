package org.nmt4j.train;

/**
 * One validation: the mean token loss of the validation pairs (no dropout), its perplexity, and sacreBLEU-compatible
 * BLEU and chrF2 of greedy translations, detokenized, against the raw references.
 */
public record ValidationResult(double loss, double perplexity, double bleu, double chrf, String bleuSignature) {

    /** The score of the chosen metric, higher is better (the loss is negated). */
    public double score(String metric) {
        return switch (metric) {
            case "bleu" -> bleu;
            case "chrf" -> chrf;
            default -> -loss;
        };
    }
}
