package org.nmt4j.text;

import java.util.List;

/** Splits one line of raw text into tokens that remember how they were attached, so that the split can be undone. */
public interface Tokenizer {

    List<Token> tokenize(String line);

    /** The tokens in their one-string form (joiner-marked), ready for subwords and vocabularies. */
    default List<String> tokenizeMarked(String line) {
        return tokenize(line).stream().map(this::marked).toList();
    }

    /** One token in the one-string form {@link #tokenizeMarked} gives it. */
    default String marked(Token token) {
        return token.marked();
    }

    /** Tokens in their one-string form (as {@link #tokenizeMarked} writes them, or a model generated them) → text. */
    default String detokenize(List<String> markedTokens) {
        return Detokenizer.detokenize(markedTokens);
    }
}
