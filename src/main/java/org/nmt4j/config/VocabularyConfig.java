package org.nmt4j.config;

/**
 * The source and target vocabularies, built separately from the training pieces.
 *
 * @param minFrequency pieces seen fewer times become {@code <unk>}
 * @param maxSize      the most entries, specials included (0 = no limit)
 */
public record VocabularyConfig(int minFrequency, int maxSize) {

    static VocabularyConfig read(Section s) {
        return new VocabularyConfig(s.positive("min_frequency", 2), s.nonNegative("max_size", 0));
    }
}
