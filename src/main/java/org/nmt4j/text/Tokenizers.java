package org.nmt4j.text;

import java.util.List;

import org.nmt4j.io.UserError;

/**
 * The tokenizers by name, as {@code preprocessing.tokenizer} and the command line's {@code --tokenizer} give them:
 * {@code corenlp} (CoreNLP's rules for en, de, fr, es; joiner marks), {@code unicode} (Unicode categories, any
 * language written with spaces; joiner marks), {@code none} (SentencePiece's manner, any language: words with ▁,
 * NFKC), {@code regex} (the reference configuration's plain tokens) and {@code space} (text tokenized already: a
 * token is what lies between spaces).
 */
public final class Tokenizers {

    /** Every name, the default first. */
    public static final List<String> NAMES = List.of("corenlp", "unicode", "none", "regex", "space");

    private Tokenizers() {
    }

    /**
     * The tokenizer of this name; the language matters to {@code corenlp} only (where it is required) and may be
     * null otherwise; nfkc matters to {@code none} only.
     */
    public static Tokenizer create(String name, String language, boolean lowercase, boolean nfkc) {
        return switch (name) {
            case "corenlp" -> {
                if (language == null) {
                    throw new UserError("the corenlp tokenizer needs a language (en, de, fr or es); for any other "
                            + "language use the unicode tokenizer or none");
                }
                yield new CoreNlpTokenizer(Language.fromCode(language), lowercase);
            }
            case "unicode" -> new UnicodeTokenizer(lowercase);
            case "none" -> new SpaceSymbolTokenizer(lowercase, nfkc);
            case "regex" -> new RegexTokenizer(lowercase);
            case "space" -> new SpaceTokenizer(lowercase);
            default -> throw new UserError("unknown tokenizer '" + name + "': " + String.join(", ", NAMES));
        };
    }

    /** Whether the tokenizer's one-string tokens carry marks that make it invertible (all but regex). */
    public static boolean marksTokens(String name) {
        return !name.equals("regex");
    }
}
