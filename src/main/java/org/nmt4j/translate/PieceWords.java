package org.nmt4j.translate;

import java.util.ArrayList;
import java.util.List;

import org.nmt4j.text.BpeEncoder;
import org.nmt4j.text.SpaceSymbolTokenizer;
import org.nmt4j.text.Token;
import org.nmt4j.text.Vocabulary;

/**
 * The words of a sequence of pieces, as the tokenized text has them: a word is a run of pieces all but the last of
 * which end with {@code @@} (a sequence cut at a length limit may end in one), written without continuation marks,
 * joiner marks or the ▁ of tokenizer none; {@code </s>} is a word of its own.
 */
final class PieceWords {

    /** A word and its pieces [from, to). */
    record Word(String text, int from, int to) {
    }

    private PieceWords() {
    }

    static List<Word> of(List<String> pieces) {
        List<Word> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int start = 0;
        for (int i = 0; i < pieces.size(); i++) {
            String piece = pieces.get(i);
            boolean marked = piece.endsWith(BpeEncoder.CONTINUATION) && piece.length() > 2;
            word.append(marked ? piece.substring(0, piece.length() - BpeEncoder.CONTINUATION.length()) : piece);
            if (!marked || i == pieces.size() - 1) {
                String text = word.toString();
                String written = text.equals(Vocabulary.EOS) ? text : Token.fromMarked(text).text();
                boolean spaced = written.startsWith(SpaceSymbolTokenizer.SPACE) && written.length() > 1;
                words.add(new Word(spaced ? written.substring(SpaceSymbolTokenizer.SPACE.length()) : written, start,
                        i + 1));
                word.setLength(0);
                start = i + 1;
            }
        }
        return words;
    }
}
