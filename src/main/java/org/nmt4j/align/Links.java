package org.nmt4j.align;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Hard alignment links in Pharaoh form: 0-based {@code source-target} pairs, source first, sorted, separated by
 * spaces ({@code 0-0 1-2 2-1}), as Moses, fast_align and Marian write them.
 */
public final class Links {

    private Links() {
    }

    /** A link between source position {@code source} and target position {@code target}. */
    public record Link(int source, int target) {
    }

    /**
     * The most attended source token of each target token. {@code </s>} rows and columns are left out unless
     * {@code keepEos}; a target token whose most attended source is {@code </s>} then gets no link.
     */
    public static List<Link> argmax(AlignmentMatrix m, boolean keepEos) {
        int rows = m.targetTokens().size() - (!keepEos && m.targetEndsWithEos() ? 1 : 0);
        int realColumns = m.sourceTokens().size() - (!keepEos && m.sourceEndsWithEos() ? 1 : 0);
        List<Link> links = new ArrayList<>();
        for (int t = 0; t < rows; t++) {
            float[] row = m.weights()[t];
            int best = 0;
            for (int s = 1; s < row.length; s++) {
                if (row[s] > row[best]) {
                    best = s;
                }
            }
            if (best < realColumns) {
                links.add(new Link(best, t));
            }
        }
        return sorted(links);
    }

    /** Every link of weight ≥ threshold ({@code </s>} left out unless keepEos). */
    public static List<Link> threshold(AlignmentMatrix m, double threshold, boolean keepEos) {
        AlignmentMatrix matrix = keepEos ? m : m.withoutEos();
        List<Link> links = new ArrayList<>();
        for (int t = 0; t < matrix.targetTokens().size(); t++) {
            for (int s = 0; s < matrix.sourceTokens().size(); s++) {
                if (matrix.weights()[t][s] >= threshold) {
                    links.add(new Link(s, t));
                }
            }
        }
        return sorted(links);
    }

    private static List<Link> sorted(List<Link> links) {
        links.sort(Comparator.comparingInt(Link::source).thenComparingInt(Link::target));
        return links;
    }

    public static String pharaoh(List<Link> links) {
        return links.stream().map(l -> l.source() + "-" + l.target()).collect(Collectors.joining(" "));
    }

    /**
     * The full matrix in Marian's soft-alignment form: one row per target token, weights separated by commas, rows
     * by spaces.
     */
    public static String soft(AlignmentMatrix m) {
        StringBuilder out = new StringBuilder();
        for (float[] row : m.weights()) {
            if (out.length() > 0) {
                out.append(' ');
            }
            for (int s = 0; s < row.length; s++) {
                if (s > 0) {
                    out.append(',');
                }
                out.append(String.format(java.util.Locale.ROOT, "%.6g", row[s]));
            }
        }
        return out.toString();
    }
}
