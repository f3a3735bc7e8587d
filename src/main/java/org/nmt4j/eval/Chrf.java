package org.nmt4j.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.nmt4j.text.Whitespace;

/**
 * chrF (Popović 2015) and chrF++ (Popović 2017) exactly as sacreBLEU 2.6.0 computes them: character n-grams up to
 * {@code charOrder} over the text without whitespace, word n-grams up to {@code wordOrder} (with sacreBLEU's
 * punctuation splitting), statistics summed over the corpus, F-beta averaged over the orders present (effective
 * order), and for several references the one with the best F per segment.
 */
public record Chrf(int charOrder, int wordOrder, int beta, boolean lowercase) {

    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    /** chrF2: sacreBLEU's default. */
    public static Chrf chrf() {
        return new Chrf(6, 0, 2, false);
    }

    /** chrF++: chrF2 plus word unigrams and bigrams. */
    public static Chrf chrfPlusPlus() {
        return new Chrf(6, 2, 2, false);
    }

    public Chrf withLowercase(boolean lowercase) {
        return new Chrf(charOrder, wordOrder, beta, lowercase);
    }

    /** The name sacreBLEU prints: {@code chrF2} or {@code chrF2++}. */
    public String name() {
        return "chrF" + beta + "+".repeat(wordOrder);
    }

    public String signature(int referenceCount) {
        return "nrefs:" + referenceCount + "|case:" + (lowercase ? "lc" : "mixed") + "|eff:yes|nc:" + charOrder
                + "|nw:" + wordOrder + "|space:no|version:" + Bleu.SACREBLEU_VERSION;
    }

    public ChrfScore corpusScore(List<String> hypotheses, List<List<String>> references) {
        MetricInputs.check(hypotheses, references);
        long[] total = new long[3 * (charOrder + wordOrder)];
        for (int i = 0; i < hypotheses.size(); i++) {
            List<String> segmentReferences = new ArrayList<>(references.size());
            for (List<String> reference : references) {
                segmentReferences.add(reference.get(i));
            }
            long[] stats = segmentStatistics(hypotheses.get(i), segmentReferences);
            for (int k = 0; k < total.length; k++) {
                total[k] += stats[k];
            }
        }
        return new ChrfScore(name(), fScore(total), signature(references.size()));
    }

    public ChrfScore sentenceScore(String hypothesis, List<String> references) {
        return new ChrfScore(name(), fScore(segmentStatistics(hypothesis, references)), signature(references.size()));
    }

    /** Per order: hypothesis n-grams, reference n-grams, matches; of the reference with the best F. */
    private long[] segmentStatistics(String hypothesis, List<String> references) {
        List<NgramCounts> hypothesisNgrams = ngrams(hypothesis);
        long[] best = null;
        double bestF = -1;
        for (String reference : references) {
            List<NgramCounts> referenceNgrams = ngrams(reference);
            long[] stats = new long[3 * hypothesisNgrams.size()];
            for (int k = 0; k < hypothesisNgrams.size(); k++) {
                stats[3 * k] = hypothesisNgrams.get(k).total();
                stats[3 * k + 1] = referenceNgrams.get(k).total();
                stats[3 * k + 2] = hypothesisNgrams.get(k).matches(referenceNgrams.get(k));
            }
            double f = fScore(stats);
            if (f > bestF) {
                bestF = f;
                best = stats;
            }
        }
        return best;
    }

    private List<NgramCounts> ngrams(String segment) {
        String text = lowercase ? segment.toLowerCase(Locale.ROOT) : segment;
        List<NgramCounts> ngrams = new ArrayList<>(charOrder + wordOrder);
        int[] characters = String.join("", Whitespace.split(text)).codePoints().toArray();
        for (int n = 1; n <= charOrder; n++) {
            ngrams.add(NgramCounts.ofCharacters(characters, n));
        }
        if (wordOrder > 0) {
            List<String> words = splitPunctuation(text);
            for (int n = 1; n <= wordOrder; n++) {
                ngrams.add(NgramCounts.ofWords(words, n));
            }
        }
        return ngrams;
    }

    /** sacreBLEU's {@code _remove_punctuation}: one ASCII punctuation mark split off a word's end, else its start. */
    private static List<String> splitPunctuation(String text) {
        List<String> words = new ArrayList<>();
        for (String word : Whitespace.split(text)) {
            int length = word.codePointCount(0, word.length());
            if (length == 1) {
                words.add(word);
                continue;
            }
            int last = word.codePointBefore(word.length());
            int first = word.codePointAt(0);
            if (PUNCTUATION.indexOf(last) >= 0) {
                words.add(word.substring(0, word.length() - Character.charCount(last)));
                words.add(new String(Character.toChars(last)));
            } else if (PUNCTUATION.indexOf(first) >= 0) {
                words.add(new String(Character.toChars(first)));
                words.add(word.substring(Character.charCount(first)));
            } else {
                words.add(word);
            }
        }
        return words;
    }

    /** sacreBLEU's {@code _compute_f_score} without eps smoothing: F-beta of precision and recall averaged over orders. */
    private double fScore(long[] stats) {
        double factor = beta * beta;
        double precision = 0;
        double recall = 0;
        int effectiveOrder = 0;
        for (int k = 0; k < stats.length / 3; k++) {
            long hypothesisCount = stats[3 * k];
            long referenceCount = stats[3 * k + 1];
            long matches = stats[3 * k + 2];
            if (hypothesisCount > 0 && referenceCount > 0) {
                precision += (double) matches / hypothesisCount;
                recall += (double) matches / referenceCount;
                effectiveOrder++;
            }
        }
        if (effectiveOrder == 0) {
            return 0.0;
        }
        precision /= effectiveOrder;
        recall /= effectiveOrder;
        if (precision + recall == 0) {
            return 0.0;
        }
        return 100 * (1 + factor) * precision * recall / (factor * precision + recall);
    }
}
