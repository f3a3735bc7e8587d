package org.nmt4j.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntConsumer;

/**
 * Learns byte-pair merges (Sennrich, Haddow and Birch 2016) from word frequencies: repeatedly merges the most frequent
 * pair of adjacent symbols. Deterministic: words are visited in sorted order, and a tie in frequency goes to the pair
 * whose left symbol, then right symbol, sorts first; the same counts always give the same merges in the same order.
 *
 * <p>Pair counts are kept up to date incrementally, with an index from each pair to the words that contain it and a
 * priority queue with lazy deletion, so each merge touches only the words it changes.
 */
public final class BpeLearner {

    private final List<String> symbolNames = new ArrayList<>();
    private final Map<String, Integer> symbolIds = new HashMap<>();
    private int[][] words;         // each word as symbol ids
    private long[] wordCounts;
    private final Map<Long, Long> pairCounts = new HashMap<>();
    private final Map<Long, Set<Integer>> pairWords = new HashMap<>();
    private final PriorityQueue<long[]> queue; // {count, pair}

    private BpeLearner() {
        Comparator<long[]> byCount = Comparator.comparingLong(e -> -e[0]);
        queue = new PriorityQueue<>(byCount.thenComparing((a, b) -> comparePairs(a[1], b[1])));
    }

    /**
     * Learns up to {@code numMerges} merges; stops early when the best pair occurs fewer than {@code minFrequency}
     * times. {@code progress} is told the number of merges done so far (may be null).
     */
    public static BpeCodes learn(Map<String, Long> wordFrequencies, int numMerges, int minFrequency,
                                 IntConsumer progress) {
        return new BpeLearner().run(wordFrequencies, numMerges, minFrequency, progress);
    }

    private BpeCodes run(Map<String, Long> wordFrequencies, int numMerges, int minFrequency, IntConsumer progress) {
        TreeMap<String, Long> sorted = new TreeMap<>(wordFrequencies);
        words = new int[sorted.size()][];
        wordCounts = new long[sorted.size()];
        int w = 0;
        for (Map.Entry<String, Long> entry : sorted.entrySet()) {
            words[w] = initialSymbols(entry.getKey());
            wordCounts[w] = entry.getValue();
            addPairs(w, +1);
            w++;
        }
        for (Map.Entry<Long, Long> entry : pairCounts.entrySet()) {
            queue.add(new long[] {entry.getValue(), entry.getKey()});
        }
        List<BpeCodes.Merge> merges = new ArrayList<>();
        while (merges.size() < numMerges) {
            long[] best = queue.poll();
            if (best == null) {
                break;
            }
            long current = pairCounts.getOrDefault(best[1], 0L);
            if (current != best[0]) {
                continue; // stale entry: a fresher one is queued
            }
            if (current < minFrequency) {
                break;
            }
            int left = (int) (best[1] >>> 32);
            int right = (int) best[1];
            merges.add(new BpeCodes.Merge(symbolNames.get(left), symbolNames.get(right)));
            applyMerge(best[1], left, right);
            if (progress != null) {
                progress.accept(merges.size());
            }
        }
        return new BpeCodes(merges);
    }

    private int[] initialSymbols(String word) {
        int[] codePoints = word.codePoints().toArray();
        int[] symbols = new int[codePoints.length];
        for (int i = 0; i < codePoints.length; i++) {
            String symbol = new String(Character.toChars(codePoints[i]));
            if (i == codePoints.length - 1) {
                symbol += BpeCodes.END_OF_WORD;
            }
            symbols[i] = intern(symbol);
        }
        return symbols;
    }

    private int intern(String symbol) {
        Integer id = symbolIds.get(symbol);
        if (id == null) {
            id = symbolNames.size();
            symbolNames.add(symbol);
            symbolIds.put(symbol, id);
        }
        return id;
    }

    private static long pair(int left, int right) {
        return ((long) left << 32) | (right & 0xffffffffL);
    }

    private int comparePairs(long a, long b) {
        int byLeft = symbolNames.get((int) (a >>> 32)).compareTo(symbolNames.get((int) (b >>> 32)));
        return byLeft != 0 ? byLeft : symbolNames.get((int) a).compareTo(symbolNames.get((int) b));
    }

    /** Adds (sign +1) or removes (sign -1) the pairs of word w from the counts; returns the pairs touched. */
    private void addPairs(int w, int sign) {
        int[] symbols = words[w];
        for (int i = 0; i + 1 < symbols.length; i++) {
            long p = pair(symbols[i], symbols[i + 1]);
            pairCounts.merge(p, sign * wordCounts[w], Long::sum);
            if (sign > 0) {
                pairWords.computeIfAbsent(p, k -> new HashSet<>()).add(w);
            }
        }
    }

    private void applyMerge(long mergedPair, int left, int right) {
        int mergedSymbol = intern(symbolNames.get(left) + symbolNames.get(right));
        Set<Integer> touched = pairWords.remove(mergedPair);
        Set<Long> changedPairs = new HashSet<>();
        List<Integer> ordered = new ArrayList<>(touched);
        ordered.sort(null);
        for (int w : ordered) {
            int[] symbols = words[w];
            if (!contains(symbols, left, right)) {
                continue; // the index is not pruned when a word loses a pair
            }
            collectPairs(symbols, changedPairs);
            addPairs(w, -1);
            words[w] = replace(symbols, left, right, mergedSymbol);
            addPairs(w, +1);
            collectPairs(words[w], changedPairs);
        }
        pairCounts.remove(mergedPair);
        changedPairs.remove(mergedPair);
        for (long p : changedPairs) {
            long count = pairCounts.getOrDefault(p, 0L);
            if (count > 0) {
                queue.add(new long[] {count, p});
            } else {
                pairCounts.remove(p);
            }
        }
    }

    private static void collectPairs(int[] symbols, Set<Long> into) {
        for (int i = 0; i + 1 < symbols.length; i++) {
            into.add(pair(symbols[i], symbols[i + 1]));
        }
    }

    private static boolean contains(int[] symbols, int left, int right) {
        for (int i = 0; i + 1 < symbols.length; i++) {
            if (symbols[i] == left && symbols[i + 1] == right) {
                return true;
            }
        }
        return false;
    }

    /** Replaces every non-overlapping occurrence of (left, right), scanning left to right. */
    private static int[] replace(int[] symbols, int left, int right, int merged) {
        int[] out = new int[symbols.length];
        int n = 0;
        for (int i = 0; i < symbols.length; i++) {
            if (i + 1 < symbols.length && symbols[i] == left && symbols[i + 1] == right) {
                out[n++] = merged;
                i++;
            } else {
                out[n++] = symbols[i];
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
