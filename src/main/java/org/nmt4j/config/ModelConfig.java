package org.nmt4j.config;

import org.nmt4j.io.UserError;

/**
 * The sizes and regularisation of the attention model, in the letters of docs/architecture.md.
 *
 * @param embeddingSize  E, source and target embeddings
 * @param encoderSize    H, encoder units per direction (the encoder states are 2H wide)
 * @param decoderSize    D, decoder units
 * @param attentionSize  A, hidden units of the additive attention score (unused by dot and general)
 * @param outputSize     O, the deep-output layer before the vocabulary projection
 * @param attention      the attention score, a name in {@code model.AttentionKinds}: {@code additive} (Bahdanau),
 *                       {@code general} or {@code dot} (Luong), {@code scaled_dot} (Vaswani et al.)
 * @param cell           the recurrent cell of encoder and decoder, a name in {@code model.CellKinds}: {@code gru},
 *                       {@code lstm}
 * @param dropout        dropout on embeddings and before the output projection (0 = off)
 * @param labelSmoothing ε of label-smoothed cross-entropy (0 = plain cross-entropy)
 * @param attentionHeads K, attention heads: each scores its own projections (of attention_size / K units) and forms
 *                       its own context; the contexts, concatenated, are projected to 2H (1 = one head, no projection)
 * @param attentionWindow W, local attention (Luong's local-p) over the positions within W of a predicted centre;
 *                       0 = global attention over every position
 * @param attentionQuery what the attention at step t asks with: {@code state}, the previous decoder state s_{t−1}
 *                       (Bahdanau et al.), or {@code state_and_word}, {@code [s_{t−1} ; E[y_{t−1}]]}, which also
 *                       knows the word just emitted (as the conditional GRU of Nematus gives its attention)
 * @param alignmentHead  an attention head for word alignment only (Garg et al. 2019; Zenkel et al. 2019): a
 *                       score whose query is {@code [s_t ; E[y_t]]}, the decoder state and the target word being
 *                       aligned; guided alignment trains it, forced alignment reads it, translation never uses it
 * @param alignmentJumps K, the alignment head's jump prior: a learned bias over the jump (up to ±K) from where the
 *                       head aligned the previous target token, as the HMM alignment model has; 0 = none
 * @param alignmentAttention the alignment head's score, a registered attention kind that projects its query:
 *                       {@code additive} or {@code scaled_dot}
 * @param alignmentLookahead L, how many of the target tokens after y_t the alignment head's query reads as well,
 *                       {@code [s_t ; E[y_t] ; E[y_{t+1}] ; … ; E[y_{t+L}]]}: forced alignment knows the whole
 *                       target, and the words that follow tell which source word a word translates (an article by
 *                       its noun); 0 = none
 */
public record ModelConfig(int embeddingSize, int encoderSize, int decoderSize, int attentionSize, int outputSize,
                          String attention, String cell, double dropout, double labelSmoothing, int attentionHeads,
                          int attentionWindow, String attentionQuery, boolean alignmentHead, int alignmentJumps,
                          String alignmentAttention, int alignmentLookahead) {

    /** The attention's query: the previous decoder state. */
    public static final String QUERY_STATE = "state";
    /** The attention's query: the previous decoder state and the embedding of the previous target token. */
    public static final String QUERY_STATE_AND_WORD = "state_and_word";
    /** The values of {@code model.attention_query}. */
    public static final java.util.List<String> QUERIES = java.util.List.of(QUERY_STATE, QUERY_STATE_AND_WORD);

    public ModelConfig {
        if (!QUERIES.contains(attentionQuery)) {
            throw new UserError("model.attention_query: '" + attentionQuery + "' is not one of " + QUERIES);
        }
        if (alignmentJumps < 0) {
            throw new UserError("model.alignment_jumps: must be 0 (none) or more, not " + alignmentJumps);
        }
        if (!alignmentAttention.equals(ADDITIVE) && !alignmentHead) {
            throw new UserError("model.alignment_attention: needs model.alignment_head (it is the head's score)");
        }
        if (alignmentLookahead < 0 || alignmentLookahead > MAX_LOOKAHEAD) {
            throw new UserError("model.alignment_lookahead: must be 0 (none) to " + MAX_LOOKAHEAD + ", not "
                    + alignmentLookahead);
        }
        if (alignmentLookahead > 0 && !alignmentHead) {
            throw new UserError("model.alignment_lookahead: needs model.alignment_head (it is the head's query)");
        }
        if (alignmentJumps > 0 && !alignmentHead) {
            throw new UserError("model.alignment_jumps: needs model.alignment_head (the jumps are the head's)");
        }
        if (attentionWindow < 0) {
            throw new UserError("model.attention_window: must be 0 (global attention) or more, not "
                    + attentionWindow);
        }
        positive("attention_heads", attentionHeads);
        if (attentionSize % attentionHeads != 0) {
            throw new UserError("model.attention_heads: attention_size " + attentionSize + " is not a multiple of "
                    + attentionHeads + " heads");
        }
        positive("embedding_size", embeddingSize);
        positive("encoder_size", encoderSize);
        positive("decoder_size", decoderSize);
        positive("attention_size", attentionSize);
        positive("output_size", outputSize);
        if (!(dropout >= 0 && dropout < 1)) {
            throw new UserError("model.dropout: " + dropout + " is not in [0, 1)");
        }
        if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
            throw new UserError("model.label_smoothing: " + labelSmoothing + " is not in [0, 1)");
        }
    }

    /** The alignment head's score, additive unless {@code model.alignment_attention} says otherwise. */
    public static final String ADDITIVE = "additive";

    /** The most following target tokens the alignment head's query may read. */
    public static final int MAX_LOOKAHEAD = 4;

    /** A model whose alignment head, if any, reads no token after the one it aligns. */
    public ModelConfig(int embeddingSize, int encoderSize, int decoderSize, int attentionSize, int outputSize,
                       String attention, String cell, double dropout, double labelSmoothing, int attentionHeads,
                       int attentionWindow, String attentionQuery, boolean alignmentHead, int alignmentJumps,
                       String alignmentAttention) {
        this(embeddingSize, encoderSize, decoderSize, attentionSize, outputSize, attention, cell, dropout,
                labelSmoothing, attentionHeads, attentionWindow, attentionQuery, alignmentHead, alignmentJumps,
                alignmentAttention, 0);
    }

    /** A model whose alignment head, if any, scores additively. */
    public ModelConfig(int embeddingSize, int encoderSize, int decoderSize, int attentionSize, int outputSize,
                       String attention, String cell, double dropout, double labelSmoothing, int attentionHeads,
                       int attentionWindow, String attentionQuery, boolean alignmentHead, int alignmentJumps) {
        this(embeddingSize, encoderSize, decoderSize, attentionSize, outputSize, attention, cell, dropout,
                labelSmoothing, attentionHeads, attentionWindow, attentionQuery, alignmentHead, alignmentJumps,
                ADDITIVE);
    }

    /** A model whose alignment head, if any, has no jump prior. */
    public ModelConfig(int embeddingSize, int encoderSize, int decoderSize, int attentionSize, int outputSize,
                       String attention, String cell, double dropout, double labelSmoothing, int attentionHeads,
                       int attentionWindow, String attentionQuery, boolean alignmentHead) {
        this(embeddingSize, encoderSize, decoderSize, attentionSize, outputSize, attention, cell, dropout,
                labelSmoothing, attentionHeads, attentionWindow, attentionQuery, alignmentHead, 0);
    }

    /** A model without an alignment head. */
    public ModelConfig(int embeddingSize, int encoderSize, int decoderSize, int attentionSize, int outputSize,
                       String attention, String cell, double dropout, double labelSmoothing, int attentionHeads,
                       int attentionWindow, String attentionQuery) {
        this(embeddingSize, encoderSize, decoderSize, attentionSize, outputSize, attention, cell, dropout,
                labelSmoothing, attentionHeads, attentionWindow, attentionQuery, false);
    }

    /** A model whose attention asks with the previous state. */
    public ModelConfig(int embeddingSize, int encoderSize, int decoderSize, int attentionSize, int outputSize,
                       String attention, String cell, double dropout, double labelSmoothing, int attentionHeads,
                       int attentionWindow) {
        this(embeddingSize, encoderSize, decoderSize, attentionSize, outputSize, attention, cell, dropout,
                labelSmoothing, attentionHeads, attentionWindow, QUERY_STATE, false);
    }

    /** A model with global attention. */
    public ModelConfig(int embeddingSize, int encoderSize, int decoderSize, int attentionSize, int outputSize,
                       String attention, String cell, double dropout, double labelSmoothing, int attentionHeads) {
        this(embeddingSize, encoderSize, decoderSize, attentionSize, outputSize, attention, cell, dropout,
                labelSmoothing, attentionHeads, 0);
    }

    /** A model with one attention head. */
    public ModelConfig(int embeddingSize, int encoderSize, int decoderSize, int attentionSize, int outputSize,
                       String attention, String cell, double dropout, double labelSmoothing) {
        this(embeddingSize, encoderSize, decoderSize, attentionSize, outputSize, attention, cell, dropout,
                labelSmoothing, 1);
    }

    /** A model with the default cell, {@code gru}, and one attention head. */
    public ModelConfig(int embeddingSize, int encoderSize, int decoderSize, int attentionSize, int outputSize,
                       String attention, double dropout, double labelSmoothing) {
        this(embeddingSize, encoderSize, decoderSize, attentionSize, outputSize, attention, "gru", dropout,
                labelSmoothing);
    }

    /** Whether the attention's query holds the previous word's embedding after the previous state. */
    public boolean queryReadsWord() {
        return attentionQuery.equals(QUERY_STATE_AND_WORD);
    }

    /** The width of the attention's query: D, or D + E when it reads the previous word too. */
    public long querySize() {
        return decoderSize + (queryReadsWord() ? embeddingSize : 0);
    }

    /** The {@code model} section of a config; the defaults are the reference configuration. */
    public static ModelConfig read(Section s) {
        ModelConfig reference = reference();
        int embedding = s.positive("embedding_size", reference.embeddingSize());
        int encoder = s.positive("encoder_size", reference.encoderSize());
        int decoder = s.positive("decoder_size", reference.decoderSize());
        int attentionSize = s.positive("attention_size", reference.attentionSize());
        int output = s.positive("output_size", reference.outputSize());
        String attention = s.string("attention", reference.attention());
        String cell = s.string("cell", reference.cell());
        double dropout = s.fraction("dropout", reference.dropout(), 0, 1);
        double smoothing = s.fraction("label_smoothing", reference.labelSmoothing(), 0, 1);
        int heads = s.positive("attention_heads", 1);
        int window = s.nonNegative("attention_window", 0);
        String query = s.choice("attention_query", QUERY_STATE, QUERIES);
        boolean alignmentHead = s.bool("alignment_head", false);
        int jumps = s.nonNegative("alignment_jumps", 0);
        String alignmentAttention = s.string("alignment_attention", ADDITIVE);
        int lookahead = s.nonNegative("alignment_lookahead", 0);
        try {
            return new ModelConfig(embedding, encoder, decoder, attentionSize, output, attention, cell, dropout,
                    smoothing, heads, window, query, alignmentHead, jumps, alignmentAttention, lookahead);
        } catch (UserError e) {
            throw new UserError(s.source() + ": " + e.getMessage());
        }
    }

    /** The reference configuration of docs/architecture.md, identical to the PyTorch yardstick's model. */
    public static ModelConfig reference() {
        return new ModelConfig(256, 256, 512, 256, 256, "additive", "gru", 0.3, 0.0);
    }

    private static void positive(String key, int value) {
        if (value < 1) {
            throw new UserError("model." + key + ": must be at least 1, not " + value);
        }
    }
}
