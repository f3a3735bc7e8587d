package org.nmt4j.align;

import org.nmt4j.align.lexical.Symmetrization;
import org.nmt4j.io.UserError;

/**
 * How two models' word alignments of a pair become one ({@link SymmetrizedAlignment}): each model links every word
 * to the word it attends to most, unless that is {@code </s>} or its weight is below {@code linkThreshold} (as the
 * built-in aligner's HMM model links a word only where the link's posterior reaches its threshold); the two
 * directions' links are then combined by {@code heuristic}.
 */
public record SymmetrizationRule(Symmetrization heuristic, double linkThreshold) implements java.io.Serializable {

    /**
     * @throws UserError (one line) for a threshold outside [0, 1]
     */
    public SymmetrizationRule {
        if (!(linkThreshold >= 0 && linkThreshold <= 1)) {
            throw new UserError("the link threshold must be between 0 and 1, not " + linkThreshold);
        }
    }

    /**
     * The rule of a heuristic's name and a threshold.
     *
     * @throws UserError (one line) for an unknown name or a threshold outside [0, 1]
     */
    public static SymmetrizationRule of(String heuristic, double linkThreshold) {
        return new SymmetrizationRule(Symmetrization.of(heuristic), linkThreshold);
    }
}
