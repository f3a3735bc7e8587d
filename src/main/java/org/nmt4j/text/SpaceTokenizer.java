package org.nmt4j.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * For text that is tokenized already (Moses-tokenized corpora, word-alignment gold sets): a token is what lies
 * between spaces, nothing is split or joined, and detokenizing joins the tokens with single spaces. Word positions,
 * and hence word-level alignments, are those of the text as given. The joiner mark is reserved: in input text it
 * becomes {@code ■}, as with the other tokenizers.
 */
public final class SpaceTokenizer implements Tokenizer {

    private final boolean lowercase;

    public SpaceTokenizer(boolean lowercase) {
        this.lowercase = lowercase;
    }

    @Override
    public List<Token> tokenize(String line) {
        String text = line.strip().replace(Token.JOINER, "\u25A0");
        if (lowercase) {
            text = text.toLowerCase(Locale.ROOT);
        }
        List<Token> tokens = new ArrayList<>();
        if (text.isEmpty()) {
            return tokens;
        }
        for (String word : text.split("\\s+")) {
            tokens.add(new Token(word, false));
        }
        return tokens;
    }
}
