package org.nmt4j.model.attention;

import org.nmt4j.model.AttentionKind;
import org.nmt4j.model.AttentionScore;
import org.nmt4j.model.Parameters;
import org.nmt4j.model.Registry;
import org.nmt4j.model.search.SearchScore;

/**
 * The registry of attention scores: {@code additive} (Bahdanau et al. 2015), {@code general} and {@code dot} (Luong et
 * al. 2015), {@code scaled_dot} (Vaswani et al. 2017, over projected queries and keys), and whatever is {@link Registry#register registered} besides (a test registers one of its own).
 */
public final class AttentionKinds {

    /** Every registered kind. */
    public static final Registry<AttentionKind> ALL = new Registry<>("attention", AttentionKind::name);

    static {
        ALL.register(new Additive());
        ALL.register(new Dot("general", true));
        ALL.register(new Dot("dot", false));
        ALL.register(new ScaledDot());
    }

    private AttentionKinds() {
    }

    /** e_tj = v_aᵀ tanh(W_a s_{t−1} + U_a h_j + b_a): W_a [D,A], U_a [2H,A], b_a [A], v_a [A,1]. */
    private static final class Additive implements AttentionKind {

        @Override
        public String name() {
            return "additive";
        }

        @Override
        public void layout(Parameters.Layout layout, String prefix, Sizes sizes) {
            layout.add(prefix + ".W_a", sizes.query(), sizes.attention())
                    .add(prefix + ".U_a", sizes.values(), sizes.attention())
                    .add(prefix + ".b_a", sizes.attention())
                    .add(prefix + ".v_a", sizes.attention(), 1);
        }

        @Override
        public long fanIn(String parameter, Sizes sizes) {
            return switch (parameter) {
                case "W_a" -> sizes.query();
                case "v_a" -> sizes.attention();
                default -> sizes.values(); // U_a and b_a, which go with U_a h_j
            };
        }

        @Override
        public AttentionScore training(Parameters p, String prefix) {
            return new AdditiveScore(p.get(prefix + ".W_a"), p.get(prefix + ".U_a"), p.get(prefix + ".b_a"),
                    p.get(prefix + ".v_a"));
        }

        @Override
        public SearchScore search(Parameters p, String prefix) {
            return new AdditiveSearchScore(p.get(prefix + ".W_a").value(), p.get(prefix + ".v_a").value());
        }
    }

    /** general: e_tj = s_{t−1}ᵀ W h_j, W [2H,D]; dot: e_tj = s_{t−1}ᵀ h_j, no parameters, D = 2H. */
    private record Dot(String name, boolean general) implements AttentionKind {

        @Override
        public String problem(Sizes sizes) {
            return general || sizes.query() == sizes.values() ? null
                    : "'dot' needs decoder_size = 2 × encoder_size (" + sizes.query() + " ≠ 2 × " + sizes.values() / 2
                    + "); use 'general' or 'additive'";
        }

        @Override
        public boolean hasHeads() {
            return general;
        }

        @Override
        public boolean projectsQuery() {
            return false;
        }

        @Override
        public void layout(Parameters.Layout layout, String prefix, Sizes sizes) {
            if (general) {
                layout.add(prefix + ".W", sizes.values(), sizes.query());
            }
        }

        @Override
        public long fanIn(String parameter, Sizes sizes) {
            return sizes.values();
        }

        @Override
        public AttentionScore training(Parameters p, String prefix) {
            return new DotScore(general ? p.get(prefix + ".W") : null);
        }

        @Override
        public SearchScore search(Parameters p, String prefix) {
            return new DotSearchScore();
        }
    }

    /** scaled_dot: e_tj = (s_{t−1} W_q) · (h_j W_k) / √A, W_q [D,A], W_k [2H,A]. */
    private static final class ScaledDot implements AttentionKind {

        @Override
        public String name() {
            return "scaled_dot";
        }

        @Override
        public void layout(Parameters.Layout layout, String prefix, Sizes sizes) {
            layout.add(prefix + ".W_q", sizes.query(), sizes.attention())
                    .add(prefix + ".W_k", sizes.values(), sizes.attention());
        }

        @Override
        public long fanIn(String parameter, Sizes sizes) {
            return parameter.equals("W_q") ? sizes.query() : sizes.values();
        }

        @Override
        public AttentionScore training(Parameters p, String prefix) {
            return new ScaledDotScore(p.get(prefix + ".W_q"), p.get(prefix + ".W_k"));
        }

        @Override
        public SearchScore search(Parameters p, String prefix) {
            return new ScaledDotSearchScore(p.get(prefix + ".W_q").value());
        }
    }
}
