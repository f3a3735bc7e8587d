package org.nmt4j.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.nmt4j.io.UserError;

/**
 * BLEU (Papineni et al. 2002) exactly as sacreBLEU 2.6.0 computes it: the same tokenizers, n-gram clipping against
 * one or more references, closest reference length, brevity penalty, smoothing, and effective order.
 *
 * @param maxOrder n-gram order (4)
 * @param effectiveOrder average only over orders the hypothesis has (sacreBLEU's sentence BLEU)
 */
public record Bleu(BleuTokenizer tokenizer, boolean lowercase, Smoothing smoothing, boolean effectiveOrder,
                   int maxOrder) {

    /** sacreBLEU's version whose numbers and signatures nmt4j reproduces. */
    public static final String SACREBLEU_VERSION = "2.6.0";

    /** sacreBLEU's smoothing methods, with its default values. */
    public enum Smoothing {
        NONE("none", Double.NaN), FLOOR("floor", 0.1), ADD_K("add-k", 1), EXP("exp", Double.NaN);

        private final String signatureName;
        private final double value;

        Smoothing(String signatureName, double value) {
            this.signatureName = signatureName;
            this.value = value;
        }

        String signature() {
            return Double.isNaN(value) ? signatureName : String.format(Locale.ROOT, "%s[%.2f]", signatureName, value);
        }

        public static Smoothing fromName(String name) {
            for (Smoothing smoothing : values()) {
                if (smoothing.signatureName.equals(name)) {
                    return smoothing;
                }
            }
            throw new UserError("unknown BLEU smoothing '" + name + "': use exp, floor, add-k or none");
        }
    }

    /** sacreBLEU's corpus BLEU defaults: 13a, mixed case, exp smoothing. */
    public static Bleu corpusDefault() {
        return new Bleu(BleuTokenizer.THIRTEEN_A, false, Smoothing.EXP, false, 4);
    }

    /** sacreBLEU's {@code sentence_bleu} defaults: as the corpus one, with effective order. */
    public static Bleu sentenceDefault() {
        return new Bleu(BleuTokenizer.THIRTEEN_A, false, Smoothing.EXP, true, 4);
    }

    public Bleu withLowercase(boolean lowercase) {
        return new Bleu(tokenizer, lowercase, smoothing, effectiveOrder, maxOrder);
    }

    public Bleu withTokenizer(BleuTokenizer tokenizer) {
        return new Bleu(tokenizer, lowercase, smoothing, effectiveOrder, maxOrder);
    }

    /**
     * Corpus BLEU of hypotheses against references; {@code references.get(r).get(i)} is reference r of segment i.
     */
    public BleuScore corpusScore(List<String> hypotheses, List<List<String>> references) {
        MetricInputs.check(hypotheses, references);
        Statistics total = new Statistics(maxOrder);
        for (int i = 0; i < hypotheses.size(); i++) {
            List<String> segmentReferences = new ArrayList<>(references.size());
            for (List<String> reference : references) {
                segmentReferences.add(reference.get(i));
            }
            total.add(segmentStatistics(hypotheses.get(i), segmentReferences));
        }
        return score(total, references.size());
    }

    public BleuScore sentenceScore(String hypothesis, List<String> references) {
        return score(segmentStatistics(hypothesis, references), references.size());
    }

    private List<String> words(String segment) {
        String text = lowercase ? segment.toLowerCase(Locale.ROOT) : segment;
        return tokenizer.words(text.stripTrailing());
    }

    private Statistics segmentStatistics(String hypothesis, List<String> references) {
        List<String> hypothesisWords = words(hypothesis);
        int hypothesisLength = hypothesisWords.size();
        int closestLength = -1;
        int closestDiff = Integer.MAX_VALUE;
        List<List<String>> referenceWords = new ArrayList<>(references.size());
        for (String reference : references) {
            List<String> w = words(reference);
            referenceWords.add(w);
            int diff = Math.abs(hypothesisLength - w.size());
            if (diff < closestDiff || (diff == closestDiff && w.size() < closestLength)) {
                closestDiff = diff;
                closestLength = w.size();
            }
        }
        Statistics statistics = new Statistics(maxOrder);
        statistics.hypothesisLength = hypothesisLength;
        statistics.referenceLength = closestLength;
        for (int n = 1; n <= maxOrder; n++) {
            NgramCounts hypothesisNgrams = NgramCounts.ofWords(hypothesisWords, n);
            List<NgramCounts> referenceNgrams = new ArrayList<>(referenceWords.size());
            for (List<String> w : referenceWords) {
                referenceNgrams.add(NgramCounts.ofWords(w, n));
            }
            statistics.correct[n - 1] = hypothesisNgrams.matchesAgainstMax(referenceNgrams);
            statistics.total[n - 1] = hypothesisNgrams.total();
        }
        return statistics;
    }

    /** sacreBLEU's {@code compute_bleu}. */
    private BleuScore score(Statistics stats, int referenceCount) {
        double[] precisions = new double[maxOrder];
        String signature = signature(referenceCount);
        boolean anyCorrect = false;
        for (long c : stats.correct) {
            anyCorrect |= c > 0;
        }
        if (!anyCorrect) {
            return new BleuScore(0.0, precisions, 0.0, stats.hypothesisLength, stats.referenceLength, signature);
        }
        double smoothMteval = 1.0;
        int order = maxOrder;
        for (int n = 1; n <= maxOrder; n++) {
            double correct = stats.correct[n - 1];
            double total = stats.total[n - 1];
            if (smoothing == Smoothing.ADD_K && n > 1) {
                correct += smoothing.value;
                total += smoothing.value;
            }
            if (total == 0) {
                break;
            }
            if (effectiveOrder) {
                order = n;
            }
            if (correct == 0) {
                if (smoothing == Smoothing.EXP) {
                    smoothMteval *= 2;
                    precisions[n - 1] = 100.0 / (smoothMteval * total);
                } else if (smoothing == Smoothing.FLOOR) {
                    precisions[n - 1] = 100.0 * smoothing.value / total;
                }
            } else {
                precisions[n - 1] = 100.0 * correct / total;
            }
        }
        double bp = brevityPenalty(stats.hypothesisLength, stats.referenceLength);
        double logSum = 0;
        for (int n = 0; n < order; n++) {
            logSum += precisions[n] == 0 ? -9999999999.0 : Math.log(precisions[n]);
        }
        double score = bp * Math.exp(logSum / order);
        return new BleuScore(score, precisions, bp, stats.hypothesisLength, stats.referenceLength, signature);
    }

    private static double brevityPenalty(long hypothesisLength, long referenceLength) {
        if (hypothesisLength < referenceLength) {
            return hypothesisLength > 0 ? Math.exp(1 - (double) referenceLength / hypothesisLength) : 0.0;
        }
        return 1.0;
    }

    /** sacreBLEU's signature, e.g. {@code nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0}. */
    public String signature(int referenceCount) {
        return "nrefs:" + referenceCount + "|case:" + (lowercase ? "lc" : "mixed") + "|eff:"
                + (effectiveOrder ? "yes" : "no") + "|tok:" + tokenizer.signatureName() + "|smooth:"
                + smoothing.signature() + "|version:" + SACREBLEU_VERSION;
    }

    /** BLEU's sufficient statistics, summed over segments for corpus BLEU. */
    private static final class Statistics {
        final long[] correct;
        final long[] total;
        long hypothesisLength;
        long referenceLength;

        Statistics(int maxOrder) {
            correct = new long[maxOrder];
            total = new long[maxOrder];
        }

        void add(Statistics other) {
            for (int n = 0; n < correct.length; n++) {
                correct[n] += other.correct[n];
                total[n] += other.total[n];
            }
            hypothesisLength += other.hypothesisLength;
            referenceLength += other.referenceLength;
        }
    }
}
