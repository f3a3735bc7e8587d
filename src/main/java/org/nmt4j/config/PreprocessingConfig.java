package org.nmt4j.config;

import java.util.List;

import org.nmt4j.io.UserError;
import org.nmt4j.text.BpeEncoder;
import org.nmt4j.text.Language;
import org.nmt4j.text.Preprocessor;
import org.nmt4j.text.Tokenizer;
import org.nmt4j.text.Tokenizers;

/**
 * How raw text becomes pieces, per side, and which training pairs are kept.
 *
 * @param sourceLanguage  language code of the source side (CoreNLP's rules; any code, or none, for other tokenizers)
 * @param targetLanguage  language code of the target side
 * @param tokenizer       {@code corenlp} (cased-aware, invertible, joiner-annotated tokens that detokenize exactly; en,
 *                        de, fr, es), {@code unicode} (the same for any language written with spaces), {@code none}
 *                        (SentencePiece's manner for any language: words with ▁, subwords learned on them) or
 *                        {@code regex} (the reference configuration's {@code \w+|[^\w\s]}, plain tokens); see
 *                        {@link Tokenizers}
 * @param lowercase       lowercase text before tokenizing
 * @param nfkc            NFKC-normalise the text first (tokenizer {@code none}; on by default, as in SentencePiece)
 * @param bpeMerges       joint BPE merges learned on the training text (0 = whole tokens)
 * @param maxLength       training pairs with more pieces than this on either side are skipped
 * @param maxLengthRatio  training pairs whose length ratio exceeds this are skipped (0 = no limit)
 */
public record PreprocessingConfig(String sourceLanguage, String targetLanguage, String tokenizer, boolean lowercase,
                                  boolean nfkc, int bpeMerges, int maxLength, double maxLengthRatio) {

    public static final List<String> TOKENIZERS = Tokenizers.NAMES;

    static PreprocessingConfig read(Section s) {
        String source = s.string("source_language", null);
        String target = s.string("target_language", null);
        String tokenizer = s.choice("tokenizer", "corenlp", TOKENIZERS);
        boolean lowercase = s.bool("lowercase", false);
        boolean nfkc = s.bool("nfkc", true);
        int merges = s.nonNegative("bpe_merges", 0);
        int maxLength = s.positive("max_length", 50);
        double maxRatio = s.number("max_length_ratio", 0);
        if (tokenizer.equals("corenlp")) {
            if (source == null || target == null) {
                throw s.error(source == null ? "source_language" : "target_language", "missing (a language code "
                        + "such as de, en, fr, es; for other languages set tokenizer: unicode or none)");
            }
            checkLanguage(s, "source_language", source);
            checkLanguage(s, "target_language", target);
        }
        return new PreprocessingConfig(source, target, tokenizer, lowercase, nfkc, merges, maxLength, maxRatio);
    }

    private static void checkLanguage(Section s, String key, String code) {
        try {
            Language.fromCode(code);
        } catch (UserError e) {
            throw s.error(key, e.getMessage() + " (for other languages set tokenizer: unicode or none)");
        }
    }

    /** Whether tokens carry marks (joiners, or ▁) and so detokenize exactly. */
    public boolean joinerMarks() {
        return Tokenizers.marksTokens(tokenizer);
    }

    public Preprocessor source(BpeEncoder bpe) {
        return new Preprocessor(tokenizer(sourceLanguage), bpe, joinerMarks());
    }

    public Preprocessor target(BpeEncoder bpe) {
        return new Preprocessor(tokenizer(targetLanguage), bpe, joinerMarks());
    }

    public Tokenizer sourceTokenizer() {
        return tokenizer(sourceLanguage);
    }

    public Tokenizer targetTokenizer() {
        return tokenizer(targetLanguage);
    }

    private Tokenizer tokenizer(String language) {
        return Tokenizers.create(tokenizer, language, lowercase, nfkc);
    }
}
