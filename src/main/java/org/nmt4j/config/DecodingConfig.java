package org.nmt4j.config;

/**
 * How {@code nmt4j translate} searches, unless its options say otherwise.
 *
 * @param beamSize       hypotheses kept per sentence (1 = greedy)
 * @param lengthPenalty  α of the length normalisation: a finished hypothesis scores log p / length^α (0 = raw log
 *                       probability, 1 = per-token average)
 * @param maxLength      the most target pieces per sentence
 * @param maxLengthRatio the most target pieces per source piece, plus 5 (0 = only maxLength limits)
 * @param batchSize      sentences per batch
 */
public record DecodingConfig(int beamSize, double lengthPenalty, int maxLength, double maxLengthRatio,
                             int batchSize) {

    static DecodingConfig read(Section s) {
        DecodingConfig c = new DecodingConfig(s.positive("beam_size", 5), s.number("length_penalty", 1.0),
                s.positive("max_length", 100), s.number("max_length_ratio", 2.0), s.positive("batch_size", 64));
        if (c.lengthPenalty < 0) {
            throw s.error("length_penalty", "must be 0 or more");
        }
        if (c.maxLengthRatio < 0) {
            throw s.error("max_length_ratio", "must be 0 (off) or more");
        }
        return c;
    }

    /** The most target pieces for a source of this many pieces. */
    public int maxLength(int sourceLength) {
        return maxLengthRatio == 0 ? maxLength
                : Math.min(maxLength, (int) Math.ceil(maxLengthRatio * sourceLength) + 5);
    }

    public DecodingConfig withMaxLength(int length, double ratio) {
        return new DecodingConfig(beamSize, lengthPenalty, length, ratio, batchSize);
    }

    public DecodingConfig withBatchSize(int size) {
        return new DecodingConfig(beamSize, lengthPenalty, maxLength, maxLengthRatio, size);
    }

    public DecodingConfig withBeamSize(int beam) {
        return new DecodingConfig(beam, lengthPenalty, maxLength, maxLengthRatio, batchSize);
    }
}
