package org.nmt4j.align;

import java.util.ArrayList;
import java.util.List;

import org.nmt4j.io.UserError;
import org.nmt4j.translate.Translation;

/**
 * The attention of two models, source→target and target→source, over the same sentence pair combined as statistical
 * aligners combine their two directions: each model's hard links (the most attended word of every word, none where
 * that is {@code </s>} or its weight is below the rule's threshold) symmetrized by the rule's heuristic, and their soft
 * matrices averaged, (A + Bᵀ) / 2, a row per target word, {@code </s>} left out.
 */
public record SymmetrizedAlignment(AlignmentMatrix soft, List<Links.Link> links) {

    /**
     * Combines {@code forward} (rows: target words, columns: source words) and {@code reverse} (rows: source words,
     * columns: target words), each with its {@code </s>} row and column if the model has them.
     */
    public static SymmetrizedAlignment of(AlignmentMatrix forward, AlignmentMatrix reverse, SymmetrizationRule rule) {
        AlignmentMatrix f = forward.withoutEos();
        AlignmentMatrix r = reverse.withoutEos();
        int n = f.sourceTokens().size();
        int m = f.targetTokens().size();
        if (r.targetTokens().size() != n || r.sourceTokens().size() != m) {
            throw new UserError("the reverse model reads the pair as " + r.targetTokens().size() + " source and "
                    + r.sourceTokens().size() + " target words, the model " + n + " and " + m + ": the two models "
                    + "must tokenize each language alike (" + String.join(" ", f.sourceTokens()) + ")");
        }
        int[] forwardLinks = best(forward, m, rule.linkThreshold());
        int[] reverseLinks = best(reverse, n, rule.linkThreshold());
        boolean[][] combined = rule.heuristic().combine(forwardLinks, reverseLinks);
        List<Links.Link> links = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            for (int t = 0; t < m; t++) {
                if (combined[s][t]) {
                    links.add(new Links.Link(s, t));
                }
            }
        }
        float[][] w = new float[m][n];
        for (int t = 0; t < m; t++) {
            for (int s = 0; s < n; s++) {
                w[t][s] = (f.weights()[t][s] + r.weights()[s][t]) / 2;
            }
        }
        return new SymmetrizedAlignment(new AlignmentMatrix(f.sourceTokens(), f.targetTokens(), w), links);
    }

    /**
     * Every pair's alignment combined with the reverse model's: {@code forward.get(k)} is the model's raw alignment of
     * {@code sources.get(k)} with {@code targets.get(k)}; {@code reverse} aligns each pair read the other way.
     */
    public static List<SymmetrizedAlignment> of(List<AlignmentMatrix> forward, ForcedAligner reverse,
                                                List<String> sources, List<String> targets, SymmetrizationRule rule) {
        List<AlignmentMatrix> reversed = reverse.align(targets, sources);
        List<SymmetrizedAlignment> out = new ArrayList<>(forward.size());
        for (int k = 0; k < forward.size(); k++) {
            out.add(of(WordLevel.merge(forward.get(k)), WordLevel.merge(reversed.get(k)), rule));
        }
        return out;
    }

    /**
     * The alignment of every translation (each source's n-best list, in order) combined with the reverse model's
     * forced alignment of it, in the same order.
     */
    public static List<SymmetrizedAlignment> ofTranslations(List<String> sources,
                                                            List<List<Translation>> translations,
                                                            ForcedAligner reverse, SymmetrizationRule rule) {
        List<String> pairSources = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        List<AlignmentMatrix> forward = new ArrayList<>();
        for (int i = 0; i < translations.size(); i++) {
            for (Translation t : translations.get(i)) {
                pairSources.add(sources.get(i));
                targets.add(t.text());
                forward.add(AlignmentMatrix.of(t));
            }
        }
        return of(forward, reverse, pairSources, targets, rule);
    }

    /** The alignment in a format: the symmetrized links for {@code hard}, the averaged matrix for the others. */
    public String format(LinkFormat format) {
        return format instanceof LinkFormat.Hard ? Links.pharaoh(links) : format.format(soft, false);
    }

    // the most attended column of each row but </s>'s, or -1 where that is </s> (Links.argmax's links) or its weight
    // is below the threshold
    private static int[] best(AlignmentMatrix matrix, int rows, double threshold) {
        int[] best = new int[rows];
        java.util.Arrays.fill(best, -1);
        for (Links.Link link : Links.argmax(matrix, false)) {
            if (matrix.weights()[link.target()][link.source()] >= threshold) {
                best[link.target()] = link.source();
            }
        }
        return best;
    }
}
