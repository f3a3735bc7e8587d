package org.nmt4j.align;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.nmt4j.io.UserError;
import org.nmt4j.translate.Terminology;
import org.nmt4j.translate.Translation;
import org.nmt4j.translate.Translator;
import org.nmt4j.translate.WordScores;

/**
 * How well translation keeps to a glossary: a glossary drawn from a test set's references (each source noun — a
 * capitalised word, as German writes nouns — with the reference word the model's forced alignment links it to most
 * often, the most frequent nouns first), the share of matched entries whose target term the translation holds, with
 * and without the glossary, and both sets of translations for scoring.
 */
public final class TerminologyEvaluation {

    /** The entries matched in the sources, how many of them the translations hold, with and without the glossary. */
    public record Result(int matched, int keptWith, int keptWithout, List<String> with, List<String> without) {
    }

    private TerminologyEvaluation() {
    }

    /**
     * A glossary of up to size entries from the sources and references: source words of 3 or more letters starting
     * with a capital, each with the lower-case reference word of 3 or more letters the forced alignment links it to
     * most often; the source words linked most often first.
     */
    public static Terminology draw(Translator translator, List<String> sources, List<String> references, int size) {
        List<AlignmentMatrix> matrices = new ForcedAligner(translator, 64).align(sources, references);
        Map<String, Map<String, Integer>> counts = new HashMap<>();
        for (AlignmentMatrix m : matrices) {
            if (m.targetTokens().isEmpty()) {
                continue;
            }
            AlignmentMatrix words = WordLevel.merge(m.withoutEos());
            for (Links.Link link : Links.argmax(words, false)) {
                String source = words.sourceTokens().get(link.source());
                String target = words.targetTokens().get(link.target());
                if (source.matches("\\p{Lu}\\p{L}{2,}") && target.matches("\\p{Ll}{3,}")) {
                    counts.computeIfAbsent(source, s -> new HashMap<>()).merge(target, 1, Integer::sum);
                }
            }
        }
        List<Map.Entry<String, Map<String, Integer>>> nouns = new ArrayList<>(counts.entrySet());
        nouns.sort((a, b) -> {
            int byCount = Integer.compare(total(b.getValue()), total(a.getValue()));
            return byCount != 0 ? byCount : a.getKey().compareTo(b.getKey());
        });
        List<Terminology.Entry> entries = new ArrayList<>();
        for (Map.Entry<String, Map<String, Integer>> noun : nouns.subList(0, Math.min(size, nouns.size()))) {
            String target = noun.getValue().entrySet().stream().sorted((a, b) -> {
                int byCount = Integer.compare(b.getValue(), a.getValue());
                return byCount != 0 ? byCount : a.getKey().compareTo(b.getKey());
            }).findFirst().orElseThrow().getKey();
            entries.add(new Terminology.Entry(noun.getKey(), target));
        }
        return Terminology.of(entries);
    }

    /** Translates the sources with and without the glossary and counts the matched entries each keeps. */
    public static Result evaluate(Translator translator, Terminology glossary, List<String> sources) {
        List<Translation> without = translator.translate(sources);
        List<Translation> with = translator.withTerminology(glossary).translate(sources);
        int matched = 0;
        int keptWith = 0;
        int keptWithout = 0;
        for (int i = 0; i < sources.size(); i++) {
            String source = " " + sources.get(i).toLowerCase(Locale.ROOT).replaceAll("[\\p{P}]", " ") + " ";
            for (Terminology.Entry e : glossary.entries()) {
                if (source.contains(" " + e.source().toLowerCase(Locale.ROOT) + " ")) {
                    matched++;
                    keptWith += holds(with.get(i), e.target()) ? 1 : 0;
                    keptWithout += holds(without.get(i), e.target()) ? 1 : 0;
                }
            }
        }
        if (matched == 0) {
            throw new UserError("no glossary entry occurs in the sources");
        }
        return new Result(matched, keptWith, keptWithout, with.stream().map(Translation::text).toList(),
                without.stream().map(Translation::text).toList());
    }

    // whether a translation's words hold a term's words in a row
    private static boolean holds(Translation t, String term) {
        String words = " " + String.join(" ", WordScores.of(t).words()).toLowerCase(Locale.ROOT) + " ";
        return words.contains(" " + term.toLowerCase(Locale.ROOT) + " ");
    }

    private static int total(Map<String, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }
}
