package org.nmt4j.translate;

import java.util.List;
import java.util.Locale;


/**
 * A translation's scores by word: each word of the tokenized translation (its pieces merged, as word-level alignment
 * merges them) with the sum of its pieces' log-probabilities, and {@code </s>} last when the translation ended with
 * it; they sum to log p of the translation. A word's confidence is its probability, e^score.
 *
 * @param words  the words, {@code </s>} last when the translation ended with it
 * @param scores each word's log-probability given the source and the words before it
 */
public record WordScores(List<String> words, double[] scores) {

    /** The word scores of a translation. */
    public static WordScores of(Translation t) {
        List<PieceWords.Word> words = PieceWords.of(t.targetPieces());
        double[] scores = new double[words.size()];
        for (int w = 0; w < scores.length; w++) {
            for (int i = words.get(w).from(); i < words.get(w).to(); i++) {
                scores[w] += t.pieceScores()[i];
            }
        }
        return new WordScores(words.stream().map(PieceWords.Word::text).toList(), scores);
    }

    /** Word i's probability, e^score. */
    public double confidence(int i) {
        return Math.exp(scores[i]);
    }

    /** Marian's form: {@code WordScores= s1 s2 …}, one per word, {@code </s>} last. */
    public String marian() {
        StringBuilder out = new StringBuilder("WordScores=");
        for (double s : scores) {
            out.append(' ').append(String.format(Locale.ROOT, "%.5f", s));
        }
        return out.toString();
    }
}
