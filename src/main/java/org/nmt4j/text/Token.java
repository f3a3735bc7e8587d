package org.nmt4j.text;

/**
 * One token of a tokenized sentence: its text, and whether it was written against the previous token with no space
 * between them. The attachment is what makes tokenization invertible.
 */
public record Token(String text, boolean attachedToPrevious) {

    /**
     * The joiner mark (U+FFED, OpenNMT's convention) that a token's string form carries when it attaches to the previous
     * one: {@code "Mann" "￭."} is {@code "Mann."}. It lets the detokenizer work on tokens that a model generated.
     */
    public static final String JOINER = "\uFFED";

    public Token {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty token");
        }
    }

    /** The token as one string, with the joiner mark in front when it attaches to the previous token. */
    public String marked() {
        return attachedToPrevious ? JOINER + text : text;
    }

    /** The inverse of {@link #marked()}. */
    public static Token fromMarked(String marked) {
        if (marked.startsWith(JOINER) && marked.length() > JOINER.length()) {
            return new Token(marked.substring(JOINER.length()), true);
        }
        return new Token(marked, false);
    }
}
