package org.nmt4j.text;

import java.util.List;

/**
 * Joins joiner-marked tokens back into text: a token marked as attached is written against the previous one, every
 * other token after a single space. Works on tokens a model generated, which have no original string to look at.
 */
public final class Detokenizer {

    private Detokenizer() {
    }

    public static String detokenize(List<String> markedTokens) {
        StringBuilder out = new StringBuilder();
        for (String marked : markedTokens) {
            Token token = Token.fromMarked(marked);
            if (out.length() > 0 && !token.attachedToPrevious()) {
                out.append(' ');
            }
            out.append(token.text());
        }
        return out.toString();
    }

    public static String detokenizeTokens(List<Token> tokens) {
        return detokenize(tokens.stream().map(Token::marked).toList());
    }
}
