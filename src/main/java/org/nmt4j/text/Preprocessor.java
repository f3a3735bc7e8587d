package org.nmt4j.text;

import java.util.List;

/**
 * One language's way between raw text and the model's pieces: tokenize, then split into subwords (when BPE codes are
 * given); and back: join subwords, then detokenize. Tokens carry joiner marks unless asked not to (the reference
 * configuration, like the PyTorch yardstick, uses plain tokens).
 */
public final class Preprocessor {

    private final Tokenizer tokenizer;
    private final BpeEncoder bpe; // null: whole tokens
    private final boolean joinerMarks;

    public Preprocessor(Tokenizer tokenizer, BpeEncoder bpe) {
        this(tokenizer, bpe, true);
    }

    public Preprocessor(Tokenizer tokenizer, BpeEncoder bpe, boolean joinerMarks) {
        this.tokenizer = tokenizer;
        this.bpe = bpe;
        this.joinerMarks = joinerMarks;
    }

    /** Raw text → the pieces the model reads. */
    public List<String> pieces(String line) {
        List<String> tokens = joinerMarks ? tokenizer.tokenizeMarked(line)
                : tokenizer.tokenize(line).stream().map(Token::text).toList();
        return bpe == null ? tokens : bpe.encode(tokens);
    }

    /**
     * Pieces the model wrote → text: joiner-marked tokens detokenize exactly, plain tokens by
     * {@link PlainTokenDetokenizer}'s rules.
     */
    public String detokenize(List<String> pieces) {
        List<String> tokens = bpe == null ? pieces : BpeEncoder.decode(pieces).stream()
                .map(Preprocessor::innerJoinersRemoved).toList();
        return joinerMarks ? tokenizer.detokenize(tokens) : PlainTokenDetokenizer.detokenize(tokens);
    }

    // a model may continue a word with a joiner-marked piece ("ball@@ ￭."): the mark inside a word means nothing
    private static String innerJoinersRemoved(String token) {
        int inner = token.indexOf(Token.JOINER, 1);
        return inner < 0 ? token : token.charAt(0) + token.substring(1).replace(Token.JOINER, "");
    }
}
