package org.nmt4j.config;

import java.util.List;

/**
 * Validation during training: loss, perplexity, and BLEU and chrF of greedy translations of the validation set.
 *
 * @param everySteps   steps between validations (0 = at the end of each epoch)
 * @param metric       what picks the best checkpoint, drives the learning-rate decay and early stopping:
 *                     {@code bleu}, {@code chrf}, {@code loss} or {@code aer} (with {@code alignment})
 * @param lowercase    score lowercased (sacreBLEU {@code -lc}), as the reference configuration does
 * @param maxSentences validate on the first this many pairs (0 = all)
 * @param batchSize    sentences per decoding batch
 * @param alignment    sentence pairs whose word-level forced alignment is scored against gold links at each
 *                     validation (AER, precision, recall), or null
 */
public record ValidationConfig(int everySteps, String metric, boolean lowercase, int maxSentences, int batchSize,
                               Alignment alignment) {

    public static final List<String> METRICS = List.of("bleu", "chrf", "loss", "aer");

    /** The pairs ({@code source}, {@code target}) and their gold links ({@code gold}: sure i-j, possible i?j). */
    public record Alignment(java.nio.file.Path source, java.nio.file.Path target, java.nio.file.Path gold) {
    }

    static ValidationConfig read(Section s) {
        int everySteps = s.nonNegative("every_steps", 0);
        String metric = s.choice("metric", "bleu", METRICS);
        boolean lowercase = s.bool("lowercase", false);
        int maxSentences = s.nonNegative("max_sentences", 0);
        int batchSize = s.positive("batch_size", 64);
        Section a = s.section("alignment");
        String source = a.string("source", null);
        String target = a.string("target", null);
        String gold = a.string("gold", null);
        Alignment alignment = null;
        if (source != null || target != null || gold != null) {
            for (String[] key : new String[][] {{"source", source}, {"target", target}, {"gold", gold}}) {
                if (key[1] == null) {
                    throw a.error(key[0], "missing (validation.alignment needs source, target and gold)");
                }
            }
            alignment = new Alignment(java.nio.file.Path.of(source), java.nio.file.Path.of(target),
                    java.nio.file.Path.of(gold));
        }
        if (metric.equals("aer") && alignment == null) {
            throw s.error("metric", "aer needs validation.alignment (source, target and gold)");
        }
        return new ValidationConfig(everySteps, metric, lowercase, maxSentences, batchSize, alignment);
    }

    /**
     * Fails with a one-line error unless the alignment's files exist; training checks it (a model folder's config
     * may name files that are not there where the model is used).
     */
    public void checkFilesExist(String configName) {
        if (alignment == null) {
            return;
        }
        String[] keys = {"source", "target", "gold"};
        java.nio.file.Path[] files = {alignment.source(), alignment.target(), alignment.gold()};
        for (int i = 0; i < keys.length; i++) {
            if (!java.nio.file.Files.isRegularFile(files[i])) {
                throw new org.nmt4j.io.UserError(configName + ": validation.alignment." + keys[i] + ": no such file '"
                        + files[i] + "'");
            }
        }
    }
}
