package org.nmt4j.config;

import java.util.List;

/**
 * Validation during training: loss, perplexity, and BLEU and chrF of greedy translations of the validation set.
 *
 * @param everySteps   steps between validations (0 = at the end of each epoch)
 * @param metric       what picks the best checkpoint, drives the learning-rate decay and early stopping:
 *                     {@code bleu}, {@code chrf} or {@code loss}
 * @param lowercase    score lowercased (sacreBLEU {@code -lc}), as the reference configuration does
 * @param maxSentences validate on the first this many pairs (0 = all)
 * @param batchSize    sentences per decoding batch
 */
public record ValidationConfig(int everySteps, String metric, boolean lowercase, int maxSentences, int batchSize) {

    public static final List<String> METRICS = List.of("bleu", "chrf", "loss");

    static ValidationConfig read(Section s) {
        return new ValidationConfig(s.nonNegative("every_steps", 0), s.choice("metric", "bleu", METRICS),
                s.bool("lowercase", false), s.nonNegative("max_sentences", 0), s.positive("batch_size", 64));
    }
}
