package org.nmt4j.translate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.nmt4j.model.Batch;
import org.nmt4j.model.NmtModel;
import org.nmt4j.model.search.SearchDecoder;
import org.nmt4j.text.Vocabulary;

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

    /** One hypothesis per source; maxLengths[i] caps sentence i's target pieces (before {@code </s>}). */
    public static List<Hypothesis> search(Scorer scorer, List<int[]> sources, int[] maxLengths,
                                          double alpha) {
        Batch batch = Batch.sources(sources);
        int b = batch.batchSize();
        int longest = Arrays.stream(maxLengths).max().orElse(0);
        int[] previous = new int[b];
        Arrays.fill(previous, Vocabulary.BOS_ID);
        List<List<Integer>> tokens = new ArrayList<>();
        List<List<float[]>> attention = new ArrayList<>();
        for (int i = 0; i < b; i++) {
            tokens.add(new ArrayList<>());
            attention.add(new ArrayList<>());
        }
        double[] logProbability = new double[b];
        boolean[] ended = new boolean[b];
        boolean[] finished = new boolean[b];
        int unfinished = b;
        Scorer.State state = scorer.start(batch);
        int[] rows = identity(b); // rows[r] = the sentence in row r of the decoder's batch (and its memory group)
        for (int t = 0; t <= longest && unfinished > 0; t++) {
            Scorer.Scored step = scorer.step(state, previous, rows, 1);
            StepScores scores = step.scores();
            for (int r = 0; r < rows.length; r++) {
                int i = rows[r];
                if (finished[i]) {
                    previous[r] = Vocabulary.PAD_ID;
                    continue;
                }
                int token = scores.token(r, 0);
                if (t == maxLengths[i] && token != Vocabulary.EOS_ID) {
                    finished[i] = true; // cut at the limit: no </s>, no row for it
                    unfinished--;
                    continue;
                }
                logProbability[i] += scores.logProbability(r, 0);
                attention.get(i).add(scores.attention(r, batch.sourceLengths()[i]));
                previous[r] = token;
                if (token == Vocabulary.EOS_ID) {
                    finished[i] = true;
                    ended[i] = true;
                    unfinished--;
                } else {
                    tokens.get(i).add(token);
                }
            }
            state = step.next();
            // the done ones leave the batch (the encoded sources stay: rows name the group they read)
            if (unfinished > 0 && unfinished < rows.length) {
                int[] current = rows;
                int[] keep = java.util.stream.IntStream.range(0, rows.length).filter(r -> !finished[current[r]])
                        .toArray();
                int[] kept = new int[keep.length];
                int[] keptPrevious = new int[keep.length];
                for (int j = 0; j < keep.length; j++) {
                    kept[j] = rows[keep[j]];
                    keptPrevious[j] = previous[keep[j]];
                }
                state = state.rows(keep);
                rows = kept;
                previous = keptPrevious;
            }
        }
        List<Hypothesis> result = new ArrayList<>(b);
        for (int i = 0; i < b; i++) {
            int[] ids = tokens.get(i).stream().mapToInt(Integer::intValue).toArray();
            int length = ids.length + (ended[i] ? 1 : 0);
            result.add(new Hypothesis(ids, logProbability[i],
                    Hypothesis.normalized(logProbability[i], Math.max(1, length), alpha),
                    attention.get(i).toArray(new float[0][]), ended[i]));
        }
        return result;
    }

    private static int[] identity(int n) {
        return java.util.stream.IntStream.range(0, n).toArray();
    }
}
