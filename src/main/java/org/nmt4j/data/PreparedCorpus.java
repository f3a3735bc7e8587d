package org.nmt4j.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.nmt4j.text.Preprocessor;
import org.nmt4j.text.Vocabulary;

/** A parallel corpus after preprocessing and filtering: the pairs kept, as pieces, and the report of what was not. */
public record PreparedCorpus(List<PiecePair> pairs, FilterReport report) {

    /** Preprocesses both sides of every pair (in parallel over the available cores) and filters them. */
    public static PreparedCorpus prepare(String name, List<SentencePair> raw, Preprocessor source, Preprocessor target,
                                         PairFilter filter) {
        List<PiecePair> pieces = raw.parallelStream()
                .map(p -> new PiecePair(p.line(), source.pieces(p.source()), target.pieces(p.target())))
                .toList();
        FilterReport report = new FilterReport(name);
        List<PiecePair> kept = new ArrayList<>(pieces.size());
        for (PiecePair pair : pieces) {
            PairFilter.Verdict verdict = filter.check(pair.source().size(), pair.target().size());
            report.count(pair.line(), verdict);
            if (verdict == null) {
                kept.add(pair);
            }
        }
        return new PreparedCorpus(List.copyOf(kept), report);
    }

    public Map<String, Long> sourceCounts() {
        return counts(PiecePair::source);
    }

    public Map<String, Long> targetCounts() {
        return counts(PiecePair::target);
    }

    private Map<String, Long> counts(Function<PiecePair, List<String>> side) {
        Map<String, Long> counts = new HashMap<>();
        for (PiecePair pair : pairs) {
            for (String piece : side.apply(pair)) {
                counts.merge(piece, 1L, Long::sum);
            }
        }
        return counts;
    }

    public List<EncodedPair> encode(Vocabulary sourceVocabulary, Vocabulary targetVocabulary) {
        List<EncodedPair> out = new ArrayList<>(pairs.size());
        for (PiecePair pair : pairs) {
            out.add(new EncodedPair(pair.line(), sourceVocabulary.encode(pair.source()),
                    targetVocabulary.encode(pair.target())));
        }
        return out;
    }
}
