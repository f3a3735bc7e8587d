package org.nmt4j.model;

import org.nmt4j.config.ModelConfig;
import org.nmt4j.io.UserError;
import org.nmt4j.model.attention.AttentionKinds;
import org.nmt4j.model.cell.CellKinds;

/**
 * The model section's variants checked against the registries ({@link AttentionKinds}, {@link CellKinds}) and the
 * sizes each variant's parameters are laid out for. The config holds the names as text; here, where the model is
 * built, they are checked, so a config that names an unknown variant or an impossible combination fails before
 * anything is trained or loaded, with a one-line error naming the key.
 */
public final class ModelVariants {

    private ModelVariants() {
    }

    /** Fails with a one-line {@link UserError} ("model.KEY: ...") unless the variants exist and fit together. */
    public static void check(ModelConfig c) {
        AttentionKind kind = AttentionKinds.ALL.find(c.attention());
        if (kind == null) {
            throw new UserError("model.attention: '" + c.attention() + "' is not one of "
                    + String.join(", ", AttentionKinds.ALL.names()));
        }
        if (c.queryReadsWord() && !kind.projectsQuery()) {
            throw new UserError("model.attention_query: '" + c.attention() + "' scores the decoder state itself, so "
                    + "it cannot read the previous word too; use additive or scaled_dot, or attention_query: state");
        }
        String problem = kind.problem(new AttentionKind.Sizes(c.decoderSize(), 2L * c.encoderSize(),
                c.attentionSize() / c.attentionHeads()));
        if (problem != null) {
            throw new UserError("model.attention: " + problem);
        }
        if (c.attentionHeads() > 1 && !kind.hasHeads()) {
            throw new UserError("model.attention_heads: '" + c.attention() + "' has no parameters of its own, so its "
                    + c.attentionHeads() + " heads would be identical; use additive, general or scaled_dot");
        }
        if (c.alignmentHead()) {
            AttentionKind head = AttentionKinds.ALL.find(c.alignmentAttention());
            if (head == null || !head.projectsQuery()) {
                throw new UserError("model.alignment_attention: '" + c.alignmentAttention() + "' is not an attention "
                        + "kind that projects its query (additive or scaled_dot)");
            }
            String headProblem = head.problem(alignmentHeadSizes(c));
            if (headProblem != null) {
                throw new UserError("model.alignment_attention: " + headProblem);
            }
        }
        if (CellKinds.ALL.find(c.cell()) == null) {
            throw new UserError("model.cell: '" + c.cell() + "' is not one of "
                    + String.join(", ", CellKinds.ALL.names()));
        }
    }

    /** The same, each message after {@code origin + ": "} (the config file). */
    public static void check(ModelConfig c, String origin) {
        try {
            check(c);
        } catch (UserError e) {
            throw new UserError(origin + ": " + e.getMessage());
        }
    }

    /**
     * The sizes each head's attention score is built for: query (D, or D + E reading the previous word), values 2H,
     * A / K.
     */
    public static AttentionKind.Sizes attentionSizes(ModelConfig c) {
        return new AttentionKind.Sizes(c.querySize(), 2L * c.encoderSize(), c.attentionSize() / c.attentionHeads());
    }

    /** The alignment head's registered score ({@code model.alignment_attention}). */
    public static AttentionKind alignmentKind(ModelConfig c) {
        return AttentionKinds.ALL.get(c.alignmentAttention());
    }

    /**
     * The sizes of the alignment head's score: query D + (1 + L)·E ({@code [s_t ; E[y_t] ; … ; E[y_{t+L}]]}), values
     * 2H, A.
     */
    public static AttentionKind.Sizes alignmentHeadSizes(ModelConfig c) {
        return new AttentionKind.Sizes(c.decoderSize() + (1L + c.alignmentLookahead()) * c.embeddingSize(),
                2L * c.encoderSize(),
                c.attentionSize());
    }
}
