package org.nmt4j.config;

import org.nmt4j.io.UserError;

/**
 * How {@code nmt4j translate} searches, unless its options say otherwise.
 *
 * @param beamSize       hypotheses kept per sentence (1 = greedy)
 * @param lengthPenalty  α of the length normalisation: a finished hypothesis scores log p / length^α (0 = raw log
 *                       probability, 1 = per-token average)
 * @param maxLength      the most target pieces per sentence
 * @param maxLengthRatio the most target pieces per source piece, plus 5 (0 = only maxLength limits)
 * @param batchSize      sentences per batch
 * @param maxSourceLength the most source pieces read: a longer input line is cropped to its first pieces, with a
 *                        warning naming the line
 * @param batchTokens    the most padded source pieces per batch (sentences × the longest one's pieces, {@code </s>}
 *                       included), 0 = only {@code batchSize} bounds a batch: batches of long lines then hold fewer
 *                       sentences, so search's memory is bounded whatever the input (Marian's mini-batch-words)
 */
public record DecodingConfig(int beamSize, double lengthPenalty, int maxLength, double maxLengthRatio,
                             int batchSize, int maxSourceLength, int batchTokens) {

    /** The default of {@code decoding.batch_tokens}: 64 sentences of up to 32 pieces, Multi30k's batches whole. */
    public static final int BATCH_TOKENS = 2048;

    public DecodingConfig(int beamSize, double lengthPenalty, int maxLength, double maxLengthRatio, int batchSize,
                          int maxSourceLength) {
        this(beamSize, lengthPenalty, maxLength, maxLengthRatio, batchSize, maxSourceLength, BATCH_TOKENS);
    }

    static DecodingConfig read(Section s) {
        DecodingConfig c = new DecodingConfig(s.positive("beam_size", 5), s.number("length_penalty", 1.0),
                s.positive("max_length", 100), s.number("max_length_ratio", 2.0), s.positive("batch_size", 64),
                s.positive("max_source_length", 250), s.integer("batch_tokens", BATCH_TOKENS));
        if (c.batchTokens < 0) {
            throw s.error("batch_tokens", "must be 0 (off) or more");
        }
        if (c.lengthPenalty < 0) {
            throw s.error("length_penalty", "must be 0 or more");
        }
        if (c.maxLengthRatio < 0) {
            throw s.error("max_length_ratio", "must be 0 (off) or more");
        }
        return c;
    }

    /**
     * This config with the values a user gave (each null where not given), checked as the config's own are: a beam
     * and a batch of at least 1, a length penalty and a length ratio of 0 or more; {@code nbest} (0 = off) no larger
     * than the beam. Errors name the command-line option.
     */
    public DecodingConfig withOverrides(Integer beam, Double alpha, Double ratio, Integer batch, Integer sourceLength,
                                        int nbest) {
        DecodingConfig c = new DecodingConfig(beam == null ? beamSize : beam, alpha == null ? lengthPenalty : alpha,
                maxLength, ratio == null ? maxLengthRatio : ratio, batch == null ? batchSize : batch,
                sourceLength == null ? maxSourceLength : sourceLength, batchTokens);
        checkOverrides(c.beamSize, c.lengthPenalty, c.maxLengthRatio, c.batchSize, c.maxSourceLength);
        if (nbest < 0 || nbest > c.beamSize) {
            throw new UserError("--nbest " + nbest + " is not between 0 and the beam (" + c.beamSize + ")");
        }
        return c;
    }

    /**
     * Checks the command-line settings given (null: not given) with the messages of {@link #withOverrides}: a caller
     * that applies them later (on a cluster's executors) reports a bad one before any work starts.
     */
    public static void checkOverrides(Integer beam, Double alpha, Double ratio, Integer batch, Integer sourceLength) {
        if (sourceLength != null && sourceLength < 1) {
            throw new UserError("--max-source-length must be at least 1, not " + sourceLength);
        }
        if (beam != null && beam < 1) {
            throw new UserError("--beam must be at least 1, not " + beam);
        }
        if (batch != null && batch < 1) {
            throw new UserError("--batch-size must be at least 1, not " + batch);
        }
        if (alpha != null && !(alpha >= 0)) {
            throw new UserError("--alpha must be 0 or more, not " + alpha);
        }
        if (ratio != null && !(ratio >= 0)) {
            throw new UserError("--max-length-ratio must be 0 (off) or more, not " + ratio);
        }
    }

    /** The most target pieces for a source of this many pieces. */
    public int maxLength(int sourceLength) {
        return maxLengthRatio == 0 ? maxLength
                : Math.min(maxLength, (int) Math.ceil(maxLengthRatio * sourceLength) + 5);
    }

    public DecodingConfig withMaxLength(int length, double ratio) {
        return new DecodingConfig(beamSize, lengthPenalty, length, ratio, batchSize, maxSourceLength, batchTokens);
    }

    public DecodingConfig withBatchSize(int size) {
        return new DecodingConfig(beamSize, lengthPenalty, maxLength, maxLengthRatio, size, maxSourceLength,
                batchTokens);
    }

    public DecodingConfig withBeamSize(int beam) {
        return new DecodingConfig(beam, lengthPenalty, maxLength, maxLengthRatio, batchSize, maxSourceLength,
                batchTokens);
    }

    /**
     * This config with another padded-token bound per batch (null: this one's; 0 = off), checked as
     * {@code --batch-tokens}.
     */
    public DecodingConfig withBatchTokens(Integer tokens) {
        if (tokens == null) {
            return this;
        }
        if (tokens < 0) {
            throw new UserError("--batch-tokens must be 0 (off) or more, not " + tokens);
        }
        return new DecodingConfig(beamSize, lengthPenalty, maxLength, maxLengthRatio, batchSize, maxSourceLength,
                tokens);
    }

    /**
     * Whether a batch of {@code sentences} sentences, the longest of {@code longest} source pieces ({@code </s>} not
     * counted), stays within {@link #batchTokens}; a single sentence always does.
     */
    public boolean fits(int sentences, int longest) {
        return sentences <= 1 || batchTokens == 0 || (long) sentences * (longest + 1) <= batchTokens;
    }
}
