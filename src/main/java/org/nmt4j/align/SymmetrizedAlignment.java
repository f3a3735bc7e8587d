package org.nmt4j.align;

import java.util.ArrayList;
import java.util.List;

import org.nmt4j.UserError;
import org.nmt4j.align.lexical.Symmetrization;

/**
 * The attention of two models, source→target and target→source, over the same sentence pair combined as statistical
 * aligners combine their two directions: each model's hard links (the most attended word of every word, none where
 * that is {@code </s>}) symmetrized by a heuristic, and their soft matrices averaged, (A + Bᵀ) / 2, a row per target
 * word, {@code </s>} left out.
 */
public record SymmetrizedAlignment(AlignmentMatrix soft, List<Links.Link> links) {

    /**
     * Combines {@code forward} (rows: target words, columns: source words) and {@code reverse} (rows: source words,
     * columns: target words), each with its {@code </s>} row and column if the model has them.
     */
    public static SymmetrizedAlignment of(AlignmentMatrix forward, AlignmentMatrix reverse, Symmetrization heuristic) {
        AlignmentMatrix f = forward.withoutEos();
        AlignmentMatrix r = reverse.withoutEos();
        int n = f.sourceTokens().size();
        int m = f.targetTokens().size();
        if (r.targetTokens().size() != n || r.sourceTokens().size() != m) {
            throw new UserError("the reverse model reads the pair as " + r.targetTokens().size() + " source and "
                    + r.sourceTokens().size() + " target words, the model " + n + " and " + m + ": the two models "
                    + "must tokenize each language alike (" + String.join(" ", f.sourceTokens()) + ")");
        }
        int[] forwardLinks = best(forward, m, n);
        int[] reverseLinks = best(reverse, n, m);
        boolean[][] combined = heuristic.combine(forwardLinks, reverseLinks);
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

    // the most attended column of each of the first rows rows, or -1 where it is past the real columns (</s>)
    private static int[] best(AlignmentMatrix matrix, int rows, int realColumns) {
        int[] best = new int[rows];
        for (int t = 0; t < rows; t++) {
            float[] row = matrix.weights()[t];
            int top = 0;
            for (int s = 1; s < row.length; s++) {
                if (row[s] > row[top]) {
                    top = s;
                }
            }
            best[t] = top < realColumns ? top : -1;
        }
        return best;
    }
}
