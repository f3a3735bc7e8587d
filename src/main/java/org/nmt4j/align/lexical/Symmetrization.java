package org.nmt4j.align.lexical;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.nmt4j.io.UserError;

/**
 * How two one-directional alignments of a sentence pair become one (Koehn, Och and Marcu 2003; Moses's names): the
 * directions alone, their intersection and union, and grow-diag with or without final(-and), which start from the
 * intersection and add union links next to it, then (final) union links of words still unaligned.
 */
public enum Symmetrization {
    FORWARD, REVERSE, INTERSECTION, UNION, GROW_DIAG, GROW_DIAG_FINAL, GROW_DIAG_FINAL_AND;

    private static final int[][] NEIGHBOURS = {{-1, 0}, {0, -1}, {1, 0}, {0, 1}, {-1, -1}, {-1, 1}, {1, -1}, {1, 1}};

    /** The heuristic's command-line name, e.g. {@code grow-diag-final-and}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The heuristic of a name, or a one-line error listing the names. */
    public static Symmetrization of(String name) {
        for (Symmetrization s : values()) {
            if (s.label().equals(name)) {
                return s;
            }
        }
        throw new UserError("unknown symmetrization '" + name + "'; one of "
                + Arrays.stream(values()).map(Symmetrization::label).collect(Collectors.joining(", ")));
    }

    /**
     * Combines a forward alignment ({@code forward[t]}: the source position of target word t, or -1) and a reverse
     * one ({@code reverse[s]}: the target position of source word s, or -1) into links[s][t].
     */
    public boolean[][] combine(int[] forward, int[] reverse) {
        int n = reverse.length;
        int m = forward.length;
        boolean[][] f = new boolean[n][m];
        boolean[][] r = new boolean[n][m];
        for (int t = 0; t < m; t++) {
            if (forward[t] >= 0) {
                f[forward[t]][t] = true;
            }
        }
        for (int s = 0; s < n; s++) {
            if (reverse[s] >= 0) {
                r[s][reverse[s]] = true;
            }
        }
        boolean[][] links = new boolean[n][m];
        switch (this) {
            case FORWARD -> copy(f, links);
            case REVERSE -> copy(r, links);
            case INTERSECTION, UNION -> {
                for (int s = 0; s < n; s++) {
                    for (int t = 0; t < m; t++) {
                        links[s][t] = this == UNION ? f[s][t] || r[s][t] : f[s][t] && r[s][t];
                    }
                }
            }
            default -> {
                for (int s = 0; s < n; s++) {
                    for (int t = 0; t < m; t++) {
                        links[s][t] = f[s][t] && r[s][t];
                    }
                }
                growDiagonally(links, f, r);
                if (this != GROW_DIAG) {
                    boolean and = this == GROW_DIAG_FINAL_AND;
                    addFinal(links, f, and);
                    addFinal(links, r, and);
                }
            }
        }
        return links;
    }

    private static void copy(boolean[][] from, boolean[][] to) {
        for (int s = 0; s < from.length; s++) {
            System.arraycopy(from[s], 0, to[s], 0, from[s].length);
        }
    }

    // Koehn's GROW-DIAG: until nothing changes, add union links next to a link (diagonals included) that align a
    // word still unaligned
    private static void growDiagonally(boolean[][] links, boolean[][] f, boolean[][] r) {
        int n = links.length;
        int m = n == 0 ? 0 : links[0].length;
        boolean[] sourceAligned = new boolean[n];
        boolean[] targetAligned = new boolean[m];
        mark(links, sourceAligned, targetAligned);
        boolean added = true;
        while (added) {
            added = false;
            for (int s = 0; s < n; s++) {
                for (int t = 0; t < m; t++) {
                    if (!links[s][t]) {
                        continue;
                    }
                    for (int[] d : NEIGHBOURS) {
                        int ns = s + d[0];
                        int nt = t + d[1];
                        if (ns < 0 || nt < 0 || ns >= n || nt >= m || links[ns][nt]) {
                            continue;
                        }
                        if ((!sourceAligned[ns] || !targetAligned[nt]) && (f[ns][nt] || r[ns][nt])) {
                            links[ns][nt] = true;
                            sourceAligned[ns] = true;
                            targetAligned[nt] = true;
                            added = true;
                        }
                    }
                }
            }
        }
    }

    // FINAL(a) (or FINAL-AND): links of one direction whose source or (and) target word is still unaligned
    private static void addFinal(boolean[][] links, boolean[][] direction, boolean both) {
        int n = links.length;
        int m = n == 0 ? 0 : links[0].length;
        boolean[] sourceAligned = new boolean[n];
        boolean[] targetAligned = new boolean[m];
        mark(links, sourceAligned, targetAligned);
        for (int s = 0; s < n; s++) {
            for (int t = 0; t < m; t++) {
                if (!direction[s][t] || links[s][t]) {
                    continue;
                }
                boolean add = both ? !sourceAligned[s] && !targetAligned[t] : !sourceAligned[s] || !targetAligned[t];
                if (add) {
                    links[s][t] = true;
                    sourceAligned[s] = true;
                    targetAligned[t] = true;
                }
            }
        }
    }

    private static void mark(boolean[][] links, boolean[] sourceAligned, boolean[] targetAligned) {
        for (int s = 0; s < links.length; s++) {
            for (int t = 0; t < links[s].length; t++) {
                if (links[s][t]) {
                    sourceAligned[s] = true;
                    targetAligned[t] = true;
                }
            }
        }
    }

    /** Pharaoh form of links[s][t]: {@code s-t} pairs, source first, sorted. */
    public static String pharaoh(boolean[][] links) {
        StringBuilder out = new StringBuilder();
        for (int s = 0; s < links.length; s++) {
            for (int t = 0; t < links[s].length; t++) {
                if (links[s][t]) {
                    if (!out.isEmpty()) {
                        out.append(' ');
                    }
                    out.append(s).append('-').append(t);
                }
            }
        }
        return out.toString();
    }
}
