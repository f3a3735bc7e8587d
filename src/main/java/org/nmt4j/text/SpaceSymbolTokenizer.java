package org.nmt4j.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * No tokenizer at all ({@code preprocessing.tokenizer: none}), in SentencePiece's manner: the text is NFKC-normalised
 * (unless asked not to), split at whitespace and where SentencePiece's defaults split (scripts, digits, punctuation;
 * see {@link #tokenize}), and each word carries the space before it as U+2581 (▁), so that subwords learned on these
 * runs keep the spaces and detokenization is exact:
 * {@code detokenize(tokenizeMarked(s)) == normalize(s)} for every line, in every script; a script written without
 * spaces is one run per script between spaces and punctuation, which BPE then splits. Normalisation: NFKC, ▁ in the input read as a space, runs of
 * spaces as one, none at the ends.
 */
public final class SpaceSymbolTokenizer implements Tokenizer {

    /** The visible space, SentencePiece's U+2581. */
    public static final String SPACE = "\u2581";

    private final boolean lowercase;
    private final boolean nfkc;

    public SpaceSymbolTokenizer(boolean lowercase, boolean nfkc) {
        this.lowercase = lowercase;
        this.nfkc = nfkc;
    }

    /** The text as the tokens give it back. */
    public String normalize(String line) {
        String text = nfkc ? Normalizer.normalize(line, Normalizer.Form.NFKC) : line;
        text = text.replace(SPACE, " ");
        if (lowercase) {
            text = text.toLowerCase(Locale.ROOT);
        }
        return String.join(" ", Whitespace.split(text));
    }

    /**
     * The words between spaces, each with ▁ in front and split where SentencePiece's defaults split them (its
     * {@code split_by_unicode_script} and {@code split_by_number}): between letters of different scripts, between
     * letters and digits, and around runs of punctuation and symbols. The runs after a word's first carry no ▁, so
     * subwords never cross those boundaries and the text still comes back by concatenation. Combining marks and
     * letters of no script of their own stay in their run.
     */
    @Override
    public List<Token> tokenize(String line) {
        List<Token> tokens = new ArrayList<>();
        for (String word : Whitespace.split(normalize(line))) {
            int start = 0;
            int kind = kind(word.codePointAt(0), -1);
            for (int i = Character.charCount(word.codePointAt(0)); i < word.length(); ) {
                int cp = word.codePointAt(i);
                int next = kind(cp, kind);
                if (next != kind) {
                    tokens.add(new Token((start == 0 ? SPACE : "") + word.substring(start, i), start > 0));
                    start = i;
                    kind = next;
                }
                i += Character.charCount(cp);
            }
            tokens.add(new Token((start == 0 ? SPACE : "") + word.substring(start), start > 0));
        }
        return tokens;
    }

    private static final int DIGIT = -2;
    private static final int OTHER = -3;

    // the run a code point belongs to: a letter's script, DIGIT or OTHER; a mark or a script-less letter continues
    // the current run (current: the previous code point's kind, −1 at a word's start)
    private static int kind(int codePoint, int current) {
        if (Character.isDigit(codePoint)) {
            return DIGIT;
        }
        int type = Character.getType(codePoint);
        boolean mark = type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
        if (!Character.isLetter(codePoint) && !mark) {
            return OTHER;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        boolean scriptless = script == Character.UnicodeScript.COMMON || script == Character.UnicodeScript.INHERITED;
        if (scriptless || mark) {
            return current >= 0 ? current : Character.UnicodeScript.LATIN.ordinal();
        }
        return script.ordinal();
    }

    /** A token as it goes to subwords: a word's first run with its ▁, the others as they are (no joiner marks). */
    @Override
    public String marked(Token token) {
        return token.text();
    }

    /** Words (or any run of pieces) back to text: ▁ is a space, none at the ends. */
    @Override
    public String detokenize(List<String> markedTokens) {
        return String.join("", markedTokens).replace(SPACE, " ").strip();
    }
}
