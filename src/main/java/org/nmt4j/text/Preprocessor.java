package org.nmt4j.text;

import java.util.List;

/**
 * One language's way between raw text and the model's pieces: tokenize, then split into subwords (when BPE codes are
 * given); and back: join subwords, then detokenize.
 */
public final class Preprocessor {

    private final Tokenizer tokenizer;
    private final BpeEncoder bpe; // null: whole tokens

    public Preprocessor(Tokenizer tokenizer, BpeEncoder bpe) {
        this.tokenizer = tokenizer;
        this.bpe = bpe;
    }

    /** Raw text → the pieces the model reads. */
    public List<String> pieces(String line) {
        List<String> tokens = tokenizer.tokenizeMarked(line);
        return bpe == null ? tokens : bpe.encode(tokens);
    }

    /** Pieces the model wrote → text. */
    public static String text(List<String> pieces) {
        return Detokenizer.detokenize(BpeEncoder.decode(pieces));
    }
}
