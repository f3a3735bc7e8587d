package org.nmt4j.config;

import java.util.List;

import org.nmt4j.UserError;

/**
 * The sizes and regularisation of the attention model, in the letters of ARCHITECTURE.md.
 *
 * @param embeddingSize  E, source and target embeddings
 * @param encoderSize    H, encoder GRU units per direction (the encoder states are 2H wide)
 * @param decoderSize    D, decoder GRU units
 * @param attentionSize  A, hidden units of the additive attention score (unused by dot and general)
 * @param outputSize     O, the deep-output layer before the vocabulary projection
 * @param attention      the attention score: {@code additive} (Bahdanau), {@code general} or {@code dot} (Luong)
 * @param dropout        dropout on embeddings and before the output projection (0 = off)
 * @param labelSmoothing ε of label-smoothed cross-entropy (0 = plain cross-entropy)
 */
public record ModelConfig(int embeddingSize, int encoderSize, int decoderSize, int attentionSize, int outputSize,
                          String attention, double dropout, double labelSmoothing) {

    public static final List<String> ATTENTION_SCORES = List.of("additive", "general", "dot");

    public ModelConfig {
        positive("embedding_size", embeddingSize);
        positive("encoder_size", encoderSize);
        positive("decoder_size", decoderSize);
        positive("attention_size", attentionSize);
        positive("output_size", outputSize);
        if (!ATTENTION_SCORES.contains(attention)) {
            throw new UserError("model.attention: '" + attention + "' is not one of " + ATTENTION_SCORES);
        }
        if (attention.equals("dot") && decoderSize != 2 * encoderSize) {
            throw new UserError("model.attention: 'dot' needs decoder_size = 2 × encoder_size (" + decoderSize
                    + " ≠ 2 × " + encoderSize + "); use 'general' or 'additive'");
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new UserError("model.dropout: " + dropout + " is not in [0, 1)");
        }
        if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
            throw new UserError("model.label_smoothing: " + labelSmoothing + " is not in [0, 1)");
        }
    }

    /** The {@code model} section of a config; the defaults are the reference configuration. */
    public static ModelConfig read(Section s) {
        ModelConfig reference = reference();
        int embedding = s.positive("embedding_size", reference.embeddingSize());
        int encoder = s.positive("encoder_size", reference.encoderSize());
        int decoder = s.positive("decoder_size", reference.decoderSize());
        int attentionSize = s.positive("attention_size", reference.attentionSize());
        int output = s.positive("output_size", reference.outputSize());
        String attention = s.choice("attention", reference.attention(), ATTENTION_SCORES);
        double dropout = s.fraction("dropout", reference.dropout(), 0, 1);
        double smoothing = s.fraction("label_smoothing", reference.labelSmoothing(), 0, 1);
        try {
            return new ModelConfig(embedding, encoder, decoder, attentionSize, output, attention, dropout, smoothing);
        } catch (UserError e) {
            throw new UserError(s.source() + ": " + e.getMessage());
        }
    }

    /** The reference configuration of ARCHITECTURE.md, identical to the PyTorch yardstick's model. */
    public static ModelConfig reference() {
        return new ModelConfig(256, 256, 512, 256, 256, "additive", 0.3, 0.0);
    }

    private static void positive(String key, int value) {
        if (value < 1) {
            throw new UserError("model." + key + ": must be at least 1, not " + value);
        }
    }
}
