package org.nmt4j.translate;

import java.util.Arrays;
import java.util.List;

import org.nmt4j.model.NmtModel;
import org.nmt4j.model.search.SearchDecoder;

/** Greedy decoding of a batch: at each step every unfinished sentence takes its most probable token. */
public final class GreedySearch {

    private GreedySearch() {
    }

    /** The target ids of each source (without {@code </s>}), at most maxLength tokens each. */
    public static List<int[]> translate(NmtModel model, List<int[]> sources, int maxLength) {
        int[] limits = new int[sources.size()];
        Arrays.fill(limits, maxLength);
        return search(new ModelScorer(new SearchDecoder(model)), sources, limits, 1.0).stream()
                .map(Hypothesis::tokens).toList();
    }

    /**
     * One hypothesis per source; maxLengths[i] caps sentence i's target pieces (before {@code </s>}). The sentences
     * run as one batch of a {@link ContinuousGreedy} that nothing joins: a sentence that ends leaves the batch.
     */
    public static List<Hypothesis> search(Scorer scorer, List<int[]> sources, int[] maxLengths,
                                          double alpha) {
        ContinuousGreedy<Integer> running = new ContinuousGreedy<>(scorer, alpha);
        running.add(sources, maxLengths, java.util.stream.IntStream.range(0, sources.size()).boxed().toList());
        Hypothesis[] found = new Hypothesis[sources.size()];
        while (running.size() > 0) {
            for (ContinuousGreedy.Finished<Integer> f : running.step()) {
                found[f.tag()] = f.hypothesis();
            }
        }
        return Arrays.asList(found);
    }

}
