package org.nmt4j.eval;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Counts of the n-grams of one order in one segment; n-grams are joined with a space (words never contain one). */
final class NgramCounts {

    private final Map<String, Integer> counts = new HashMap<>();
    private int total;

    static NgramCounts ofWords(List<String> words, int order) {
        NgramCounts ngrams = new NgramCounts();
        for (int i = 0; i + order <= words.size(); i++) {
            ngrams.add(String.join(" ", words.subList(i, i + order)));
        }
        return ngrams;
    }

    /** Character n-grams over code points. */
    static NgramCounts ofCharacters(int[] codePoints, int order) {
        NgramCounts ngrams = new NgramCounts();
        for (int i = 0; i + order <= codePoints.length; i++) {
            ngrams.add(new String(codePoints, i, order));
        }
        return ngrams;
    }

    private void add(String ngram) {
        counts.merge(ngram, 1, Integer::sum);
        total++;
    }

    int total() {
        return total;
    }

    /** The number of this segment's n-grams found in the other, each clipped to the other's count. */
    int matches(NgramCounts other) {
        int matched = 0;
        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
            matched += Math.min(entry.getValue(), other.counts.getOrDefault(entry.getKey(), 0));
        }
        return matched;
    }

    /** Matches clipped to the highest count of each n-gram in any of several references. */
    int matchesAgainstMax(List<NgramCounts> references) {
        if (references.size() == 1) {
            return matches(references.get(0));
        }
        int matched = 0;
        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
            int max = 0;
            for (NgramCounts reference : references) {
                max = Math.max(max, reference.counts.getOrDefault(entry.getKey(), 0));
            }
            matched += Math.min(entry.getValue(), max);
        }
        return matched;
    }
}
