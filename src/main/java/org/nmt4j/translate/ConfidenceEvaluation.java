package org.nmt4j.translate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.nmt4j.io.UserError;

/**
 * Whether low word confidence points at the words that are wrong: each word of each translation is labelled wrong
 * when the reference does not hold it (matched case-insensitively, each reference word used once, after both are
 * tokenized as the model tokenizes its target), and the area under the ROC curve says how well 1 − confidence ranks
 * the wrong words above the right ones (0.5: no better than chance; 1: perfectly).
 */
public final class ConfidenceEvaluation {

    /** The words scored, how many were wrong, and the area under the ROC curve. */
    public record Result(long words, long wrong, double auc) {
    }

    private ConfidenceEvaluation() {
    }

    /** Translates the sources and scores the translations' word confidences against the references. */
    public static Result evaluate(Translator translator, List<String> sources, List<String> references) {
        if (sources.size() != references.size()) {
            throw new UserError(sources.size() + " sources but " + references.size() + " references");
        }
        List<Translation> translations = translator.translate(sources);
        List<double[]> scored = new ArrayList<>(); // {confidence, wrong ? 1 : 0}
        for (int i = 0; i < translations.size(); i++) {
            WordScores w = WordScores.of(translations.get(i));
            Map<String, Integer> left = counts(words(translator, references.get(i)));
            for (int k = 0; k < w.words().size(); k++) {
                String word = w.words().get(k);
                if (word.equals(org.nmt4j.text.Vocabulary.EOS)) {
                    continue;
                }
                String key = word.toLowerCase(Locale.ROOT);
                boolean found = left.getOrDefault(key, 0) > 0;
                if (found) {
                    left.merge(key, -1, Integer::sum);
                }
                scored.add(new double[] {w.confidence(k), found ? 0 : 1});
            }
        }
        long wrong = scored.stream().filter(s -> s[1] == 1).count();
        return new Result(scored.size(), wrong, auc(scored));
    }

    /**
     * The area under the ROC curve of 1 − confidence as a detector of wrong words: the chance that a wrong word has a
     * lower confidence than a right one, ties counting half (Mann–Whitney). NaN without both kinds.
     */
    static double auc(List<double[]> scored) {
        double[][] sorted = scored.toArray(new double[0][]);
        Arrays.sort(sorted, (a, b) -> Double.compare(b[0], a[0])); // most confident first
        long right = 0;
        long wrong = 0;
        double pairs = 0; // (wrong, right) pairs with the right word more confident, ties half
        for (int i = 0; i < sorted.length; ) {
            int j = i;
            long tiedRight = 0;
            long tiedWrong = 0;
            while (j < sorted.length && sorted[j][0] == sorted[i][0]) {
                if (sorted[j][1] == 1) {
                    tiedWrong++;
                } else {
                    tiedRight++;
                }
                j++;
            }
            pairs += tiedWrong * (right + tiedRight / 2.0);
            right += tiedRight;
            wrong += tiedWrong;
            i = j;
        }
        return right == 0 || wrong == 0 ? Double.NaN : pairs / ((double) right * wrong);
    }

    // the words of a reference as the model's target preprocessing gives them (pieces merged back)
    private static List<String> words(Translator translator, String reference) {
        return PieceWords.of(translator.targetPreprocessor().pieces(reference)).stream().map(PieceWords.Word::text)
                .toList();
    }

    private static Map<String, Integer> counts(List<String> words) {
        Map<String, Integer> counts = new HashMap<>();
        for (String word : words) {
            counts.merge(word.toLowerCase(Locale.ROOT), 1, Integer::sum);
        }
        return counts;
    }
}
