package org.nmt4j.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * No tokenizer at all ({@code preprocessing.tokenizer: none}), in SentencePiece's manner: the text is NFKC-normalised
 * (unless asked not to), split at whitespace only, and each word carries the space before it as U+2581 (▁), so that
 * subwords learned on these words keep the spaces and detokenization is exact:
 * {@code detokenize(tokenizeMarked(s)) == normalize(s)} for every line, in every script; a script written without
 * spaces is one word per run, which BPE then splits. Normalisation: NFKC, ▁ in the input read as a space, runs of
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
     * The words between spaces, each with ▁ in front: the ▁ is part of the word, so subwords are learned with it
     * (none attached: the space is in the token itself).
     */
    @Override
    public List<Token> tokenize(String line) {
        List<Token> tokens = new ArrayList<>();
        for (String word : Whitespace.split(normalize(line))) {
            tokens.add(new Token(SPACE + word, false));
        }
        return tokens;
    }

    /** Words (or any run of pieces) back to text: ▁ is a space, none at the ends. */
    @Override
    public String detokenize(List<String> markedTokens) {
        return String.join("", markedTokens).replace(SPACE, " ").strip();
    }
}
