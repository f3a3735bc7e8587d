package org.nmt4j.config;

import java.util.List;

/**
 * Guided alignment ({@code training.guided_alignment}): links that pull the attention towards them during training.
 *
 * @param links  a file of Pharaoh links, one line per training pair (over the tokens of the tokenized training text,
 *               source first), {@code auto} for the built-in aligner's links, or null (off)
 * @param weight the guided loss's weight beside the translation loss
 * @param cost   {@code ce} (cross-entropy of the attention against the links) or {@code mse}
 * @param decay  the weight at step t is {@code weight · decay^t} (1 = constant)
 * @param unaligned what the loss does with a target token the links leave unaligned (in a pair that has links):
 *               {@code ignore} it, or guide it to the source's {@code </s>} ({@code eos}), which word-level links
 *               leave out, so that an alignment head learns to leave words unaligned
 * @param detach  with an alignment head: the loss trains the head's own parameters only, and the translation model
 *               gets the gradients of unguided training (true), or its gradient reaches the states the head reads
 *               too (false)
 */
public record GuidedAlignmentConfig(String links, double weight, String cost, double decay, String unaligned,
                                    boolean detach) {

    public static final List<String> COSTS = List.of("ce", "mse");

    /** The values of {@code unaligned}. */
    public static final List<String> UNALIGNED = List.of("ignore", "eos");

    /** Guidance that ignores unaligned tokens. */
    public GuidedAlignmentConfig(String links, double weight, String cost, double decay) {
        this(links, weight, cost, decay, "ignore", false);
    }

    /** The word for the built-in aligner's links. */
    public static final String AUTO = "auto";

    static GuidedAlignmentConfig read(Section s) {
        GuidedAlignmentConfig c = new GuidedAlignmentConfig(s.string("links", null), s.number("weight", 0.1),
                s.choice("cost", "ce", COSTS), s.number("decay", 1.0), s.choice("unaligned", "ignore", UNALIGNED),
                s.bool("detach", false));
        if (c.links != null && c.links.isBlank()) {
            throw s.error("links", "must be a file of links or 'auto'");
        }
        if (!(c.weight >= 0)) {
            throw s.error("weight", "must be 0 or more");
        }
        if (!(c.decay > 0 && c.decay <= 1)) {
            throw s.error("decay", "must be in (0, 1]");
        }
        return c;
    }

    /** Whether training is guided. */
    public boolean enabled() {
        return links != null && weight > 0;
    }

    /** Whether unaligned target tokens are guided to the source's {@code </s>}. */
    public boolean unalignedToEos() {
        return unaligned.equals("eos");
    }

    /** Whether the links come from the built-in aligner. */
    public boolean automatic() {
        return AUTO.equals(links);
    }

    /** The weight at a step. */
    public double weightAt(long step) {
        return weight * Math.pow(decay, step);
    }
}
