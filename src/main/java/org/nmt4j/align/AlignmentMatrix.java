package org.nmt4j.align;

import java.util.List;

import org.nmt4j.text.Vocabulary;
import org.nmt4j.translate.Translation;

/**
 * The attention of one sentence pair: a row per target token, a column per source token, each row summing to 1
 * (at most 1 with local attention, whose Gaussian weights are not renormalised).
 * The tokens are the model's pieces ({@code </s>} last on each side when present) or, after {@link WordLevel}, the
 * words of the text.
 */
public record AlignmentMatrix(List<String> sourceTokens, List<String> targetTokens, float[][] weights) {

    public static AlignmentMatrix of(Translation translation) {
        return new AlignmentMatrix(translation.sourcePieces(), translation.targetPieces(), translation.attention());
    }

    public boolean sourceEndsWithEos() {
        return !sourceTokens.isEmpty() && sourceTokens.get(sourceTokens.size() - 1).equals(Vocabulary.EOS);
    }

    public boolean targetEndsWithEos() {
        return !targetTokens.isEmpty() && targetTokens.get(targetTokens.size() - 1).equals(Vocabulary.EOS);
    }

    /** The matrix without the {@code </s>} row and column (the rows then need not sum to 1). */
    public AlignmentMatrix withoutEos() {
        int rows = targetTokens.size() - (targetEndsWithEos() ? 1 : 0);
        int columns = sourceTokens.size() - (sourceEndsWithEos() ? 1 : 0);
        float[][] w = new float[rows][columns];
        for (int t = 0; t < rows; t++) {
            System.arraycopy(weights[t], 0, w[t], 0, columns);
        }
        return new AlignmentMatrix(sourceTokens.subList(0, columns), targetTokens.subList(0, rows), w);
    }
}
