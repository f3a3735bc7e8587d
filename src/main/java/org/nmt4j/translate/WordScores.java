package org.nmt4j.translate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.nmt4j.text.BpeEncoder;
import org.nmt4j.text.SpaceSymbolTokenizer;
import org.nmt4j.text.Token;
import org.nmt4j.text.Vocabulary;

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
        List<String> words = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        double score = 0;
        List<String> pieces = t.targetPieces();
        for (int i = 0; i < pieces.size(); i++) {
            String piece = pieces.get(i);
            score += t.pieceScores()[i];
            boolean marked = piece.endsWith(BpeEncoder.CONTINUATION) && piece.length() > 2;
            boolean continues = marked && i < pieces.size() - 1; // a translation cut at its limit may end in one
            word.append(marked ? piece.substring(0, piece.length() - BpeEncoder.CONTINUATION.length()) : piece);
            if (!continues) {
                String text = word.toString();
                String written = text.equals(Vocabulary.EOS) ? text : Token.fromMarked(text).text();
                boolean spaced = written.startsWith(SpaceSymbolTokenizer.SPACE) && written.length() > 1;
                words.add(spaced ? written.substring(SpaceSymbolTokenizer.SPACE.length()) : written);
                scores.add(score);
                word.setLength(0);
                score = 0;
            }
        }
        return new WordScores(List.copyOf(words), scores.stream().mapToDouble(Double::doubleValue).toArray());
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
