package org.nmt4j.translate;

import java.util.List;
import java.util.Locale;

import org.nmt4j.text.Vocabulary;

/**
 * A translated sentence.
 *
 * @param text         the detokenized translation
 * @param score        the search's score (log p / length^α)
 * @param sourcePieces the pieces the model read, {@code </s>} last
 * @param targetPieces the pieces it wrote, {@code </s>} last when the hypothesis ended with it
 * @param attention    [target piece][source piece] attention weights, each row summing to 1
 * @param cropped      how many source pieces were left out because the line was longer than
 *                     {@code decoding.max_source_length} (0: none)
 * @param pieceScores  log p of each target piece given the source and the pieces before it, one per target piece
 *                     ({@code </s>} included): their sum is log p of the translation
 */
public record Translation(String text, double score, List<String> sourcePieces, List<String> targetPieces,
                          float[][] attention, int cropped, float[] pieceScores) {

    /** Whether the search stopped at the length limit before writing {@code </s>}. */
    public boolean stoppedAtLengthLimit() {
        return !targetPieces.isEmpty() && !targetPieces.get(targetPieces.size() - 1).equals(Vocabulary.EOS);
    }

    /** This translation of input line {@code sentence} (from 0) as a Moses n-best line: {@code i ||| text ||| score}. */
    public String nbestLine(int sentence) {
        return sentence + " ||| " + text + " ||| " + String.format(Locale.ROOT, "%.6f", score);
    }

    /** As {@link #nbestLine(int)}, with features before the score: {@code i ||| text ||| features ||| score}. */
    public String nbestLine(int sentence, String features) {
        return sentence + " ||| " + text + " ||| " + features + " ||| " + String.format(Locale.ROOT, "%.6f", score);
    }

    /** The same translation written as another text (its markup put back, say). */
    public Translation withText(String other) {
        return new Translation(other, score, sourcePieces, targetPieces, attention, cropped, pieceScores);
    }

    Translation withCropped(int pieces) {
        return new Translation(text, score, sourcePieces, targetPieces, attention, pieces, pieceScores);
    }

    static Translation empty() {
        return new Translation("", 0, List.of(), List.of(), new float[0][], 0, new float[0]);
    }
}
