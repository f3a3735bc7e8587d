package org.nmt4j.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A language-independent tokenizer for text written with spaces ({@code preprocessing.tokenizer: unicode}), by
 * Unicode categories: a token is a run of letters, combining marks and digits in one script (digits and marks join
 * whatever script they follow), or a single punctuation mark, symbol or other character. A script change inside a run
 * splits it ({@code "iPhone-чехол"} → {@code iPhone - чехол}). Tokens carry joiner marks like CoreNLP's, so
 * {@link Detokenizer} gives the input back with its whitespace normalised (runs of spaces as one, none at the ends).
 * The joiner mark itself, reserved, is replaced by U+25A0 (■) in the input.
 */
public final class UnicodeTokenizer implements Tokenizer {

    private final boolean lowercase;

    public UnicodeTokenizer(boolean lowercase) {
        this.lowercase = lowercase;
    }

    private static boolean isWordPart(int codePoint) {
        return Character.isLetterOrDigit(codePoint) || isMark(codePoint);
    }

    private static boolean isMark(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    // the script a code point fixes for its run, or null when it takes the run's (digits, marks, common letters)
    private static Character.UnicodeScript script(int codePoint) {
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        return script == Character.UnicodeScript.COMMON || script == Character.UnicodeScript.INHERITED ? null : script;
    }

    @Override
    public List<Token> tokenize(String line) {
        String text = line.replace(Token.JOINER, "\u25A0");
        if (lowercase) {
            text = text.toLowerCase(Locale.ROOT);
        }
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        boolean spaceBefore = true; // the first token attaches to nothing
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (Whitespace.isSpace(cp)) {
                spaceBefore = true;
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            i += Character.charCount(cp);
            if (isWordPart(cp)) {
                Character.UnicodeScript runScript = script(cp);
                while (i < text.length()) {
                    int next = text.codePointAt(i);
                    if (!isWordPart(next)) {
                        break;
                    }
                    Character.UnicodeScript nextScript = script(next);
                    if (nextScript != null && runScript != null && nextScript != runScript) {
                        break;
                    }
                    runScript = runScript == null ? nextScript : runScript;
                    i += Character.charCount(next);
                }
            }
            tokens.add(new Token(text.substring(start, i), !spaceBefore && !tokens.isEmpty()));
            spaceBefore = false;
        }
        return tokens;
    }
}
