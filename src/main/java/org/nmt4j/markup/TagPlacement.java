package org.nmt4j.markup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where a line's elements go in its translation, from the word-level soft alignment: a pair of tags goes around the
 * contiguous target words that attend most to its source words (the run of words with the largest sum of
 * {@code share − threshold}, a word's share being the part of its attention on the pair's source words; the single
 * word with the largest share if no run gains), inside its parent's target words and beside, never across, the pairs
 * placed before it; a point goes after the target word that attends most to the source word before it (at its
 * parent's start or end when it is at the start or end of the parent's source words). So pairs stay paired and
 * nested whatever the alignment says.
 */
public final class TagPlacement {

    /** The share of a word's attention on a pair's source words above which the word counts toward the pair. */
    public static final double THRESHOLD = 0.5;

    private final float[][] weights; // [target words][source words]
    private final double[] aligned;  // each target word's attention on source words (the rest is on </s>)
    private final int[] sourceStarts;
    private final int[] sourceEnds;
    private final double threshold;

    /**
     * weights: the word-level alignment [target words][source words] without {@code </s>}; sourceSpans: each source
     * word's characters [start, end) in the plain text.
     */
    public TagPlacement(float[][] weights, int[][] sourceSpans, double threshold) {
        this.weights = weights;
        this.aligned = new double[weights.length];
        for (int t = 0; t < weights.length; t++) {
            for (float w : weights[t]) {
                aligned[t] += w;
            }
        }
        this.sourceStarts = new int[sourceSpans.length];
        this.sourceEnds = new int[sourceSpans.length];
        for (int j = 0; j < sourceSpans.length; j++) {
            sourceStarts[j] = sourceSpans[j][0];
            sourceEnds[j] = sourceSpans[j][1];
        }
        this.threshold = threshold;
    }

    /** The elements of a line placed over its translation's target words. */
    public List<Placed> place(MarkedText marked) {
        return place(marked.elements(), 0, weights.length, 0, sourceStarts.length);
    }

    // elements inside the target words [lo, hi), their parent's source words being [srcLo, srcHi)
    private List<Placed> place(List<Element> elements, int lo, int hi, int srcLo, int srcHi) {
        List<Placed> placed = new ArrayList<>();
        List<int[]> taken = new ArrayList<>();
        for (Element e : elements) { // pairs first: points then keep out of them
            int[] words = sourceWords(e);
            if (e.point() || words[0] >= words[1]) {
                continue;
            }
            int[] span = bestSpan(words[0], words[1], lo, hi, taken);
            if (span == null) {
                placed.add(new Placed(e, lo, lo, List.of()));
                continue;
            }
            taken.add(span);
            placed.add(new Placed(e, span[0], span[1], place(e.children(), span[0], span[1], words[0], words[1])));
        }
        for (Element e : elements) {
            int[] words = sourceWords(e);
            if (!e.point() && words[0] < words[1]) {
                continue;
            }
            int at = outside(boundary(words[0], lo, hi, srcLo, srcHi), taken);
            placed.add(new Placed(e, at, at, List.of()));
        }
        placed.sort(Comparator.comparingInt(Placed::from));
        return placed;
    }

    /** The source words [a, b) whose middles lie inside the element (a point: b = a = the words before it). */
    int[] sourceWords(Element e) {
        int a = 0;
        while (a < sourceStarts.length && middle(a) < e.start()) {
            a++;
        }
        int b = a;
        while (b < sourceStarts.length && middle(b) < e.end()) {
            b++;
        }
        return new int[] {a, b};
    }

    private double middle(int j) {
        return (sourceStarts[j] + sourceEnds[j] - 1) / 2.0;
    }

    // the run of free target words in [lo, hi) with the largest sum of share − threshold; null if none is free
    private int[] bestSpan(int a, int b, int lo, int hi, List<int[]> taken) {
        double best = 0;
        int[] span = null;
        double run = 0;
        int runStart = lo;
        int bestWord = -1;
        double bestShare = -1;
        for (int t = lo; t < hi; t++) {
            if (isTaken(t, taken)) {
                run = 0;
                runStart = t + 1;
                continue;
            }
            double share = share(t, a, b);
            if (share > bestShare) {
                bestShare = share;
                bestWord = t;
            }
            if (run <= 0) {
                run = 0;
                runStart = t;
            }
            run += share - threshold * aligned[t];
            if (run > best) {
                best = run;
                span = new int[] {runStart, t + 1};
            }
        }
        if (span == null && bestWord >= 0) {
            span = new int[] {bestWord, bestWord + 1};
        }
        return span;
    }

    private double share(int t, int a, int b) {
        double sum = 0;
        for (int j = a; j < b; j++) {
            sum += weights[t][j];
        }
        return sum;
    }

    // the target boundary for source boundary k (before source word k)
    private int boundary(int k, int lo, int hi, int srcLo, int srcHi) {
        if (k <= srcLo || lo >= hi) {
            return lo;
        }
        if (k >= srcHi) {
            return hi;
        }
        int best = lo;
        for (int t = lo + 1; t < hi; t++) {
            if (weights[t][k - 1] > weights[best][k - 1]) {
                best = t;
            }
        }
        return best + 1;
    }

    // a boundary strictly inside a placed pair moves to that pair's nearer edge
    private static int outside(int at, List<int[]> taken) {
        for (int[] span : taken) {
            if (at > span[0] && at < span[1]) {
                return at - span[0] <= span[1] - at ? span[0] : span[1];
            }
        }
        return at;
    }

    private static boolean isTaken(int t, List<int[]> taken) {
        for (int[] span : taken) {
            if (t >= span[0] && t < span[1]) {
                return true;
            }
        }
        return false;
    }
}
