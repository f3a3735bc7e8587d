package org.nmt4j.align;

import java.util.ArrayList;
import java.util.List;

import org.nmt4j.text.BpeEncoder;
import org.nmt4j.text.SpaceSymbolTokenizer;
import org.nmt4j.text.Token;
import org.nmt4j.text.Vocabulary;

/**
 * Alignment over words instead of BPE pieces. A word is a run of pieces whose all but the last end with {@code @@};
 * a token attached to the previous one by a joiner mark (punctuation, say) stays a word of its own, because the user's
 * tokenized text counts it. On the source side the columns of a word's pieces are summed (a row still sums to 1); on
 * the target side the rows of a word's pieces are averaged (the word's attention is the mean of its pieces'). Word
 * tokens are written without joiner marks, continuation marks and the ▁ of tokenizer none. {@code </s>} stays a
 * token of its own.
 */
public final class WordLevel {

    private WordLevel() {
    }

    public static AlignmentMatrix merge(AlignmentMatrix m) {
        List<int[]> sourceWords = words(m.sourceTokens());
        List<int[]> targetWords = words(m.targetTokens());
        float[][] w = new float[targetWords.size()][sourceWords.size()];
        for (int tw = 0; tw < targetWords.size(); tw++) {
            int[] rows = targetWords.get(tw);
            for (int sw = 0; sw < sourceWords.size(); sw++) {
                int[] columns = sourceWords.get(sw);
                double sum = 0;
                for (int t = rows[0]; t < rows[1]; t++) {
                    for (int s = columns[0]; s < columns[1]; s++) {
                        sum += m.weights()[t][s];
                    }
                }
                w[tw][sw] = (float) (sum / (rows[1] - rows[0]));
            }
        }
        return new AlignmentMatrix(text(m.sourceTokens(), sourceWords), text(m.targetTokens(), targetWords), w);
    }

    /** [start, end) piece ranges of the words. */
    public static List<int[]> words(List<String> pieces) {
        List<int[]> words = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < pieces.size(); i++) {
            String piece = pieces.get(i);
            boolean continues = piece.endsWith(BpeEncoder.CONTINUATION) && piece.length() > 2
                    && !piece.equals(Vocabulary.EOS);
            if (!continues) {
                words.add(new int[] {start, i + 1});
                start = i + 1;
            }
        }
        if (start < pieces.size()) {
            words.add(new int[] {start, pieces.size()});
        }
        return words;
    }

    private static List<String> text(List<String> pieces, List<int[]> words) {
        List<String> out = new ArrayList<>();
        for (int[] range : words) {
            StringBuilder word = new StringBuilder();
            for (int i = range[0]; i < range[1]; i++) {
                String piece = pieces.get(i);
                if (piece.endsWith(BpeEncoder.CONTINUATION) && i < range[1] - 1) {
                    piece = piece.substring(0, piece.length() - BpeEncoder.CONTINUATION.length());
                }
                word.append(piece);
            }
            String text = Token.fromMarked(word.toString()).text();
            boolean spaced = text.startsWith(SpaceSymbolTokenizer.SPACE) && text.length() > 1; // tokenizer none
            out.add(spaced ? text.substring(SpaceSymbolTokenizer.SPACE.length()) : text);
        }
        return out;
    }
}
