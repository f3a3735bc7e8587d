package org.nmt4j.translate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nmt4j.model.Batch;
import org.nmt4j.model.Decoder;
import org.nmt4j.model.NmtModel;
import org.nmt4j.text.Vocabulary;

/** Greedy decoding of a batch: at each step every unfinished sentence takes its most probable token. */
public final class GreedySearch {

    private GreedySearch() {
    }

    /** The target ids of each source (without {@code </s>}), at most maxLength tokens each. */
    public static List<int[]> translate(NmtModel model, List<int[]> sources, int maxLength) {
        int[] limits = new int[sources.size()];
        Arrays.fill(limits, maxLength);
        return search(model, sources, limits, 1.0).stream().map(Hypothesis::tokens).toList();
    }

    /** One hypothesis per source; maxLengths[i] caps sentence i's target pieces (before {@code </s>}). */
    public static List<Hypothesis> search(NmtModel model, List<int[]> sources, int[] maxLengths, double alpha) {
        Batch batch = Batch.sources(sources);
        NmtModel.Encoded encoded = model.encode(batch);
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
        INDArray state = encoded.initialState();
        for (int t = 0; t <= longest && unfinished > 0; t++) {
            Decoder.Step step = model.decoder().step(state, previous, encoded.memory());
            StepScores scores = StepScores.top(step, 1);
            for (int i = 0; i < b; i++) {
                if (finished[i]) {
                    previous[i] = Vocabulary.PAD_ID;
                    continue;
                }
                int token = scores.token(i, 0);
                if (t == maxLengths[i] && token != Vocabulary.EOS_ID) {
                    finished[i] = true; // cut at the limit: no </s>, no row for it
                    unfinished--;
                    continue;
                }
                logProbability[i] += scores.logProbability(i, 0);
                attention.get(i).add(scores.attention(i, batch.sourceLengths()[i]));
                previous[i] = token;
                if (token == Vocabulary.EOS_ID) {
                    finished[i] = true;
                    ended[i] = true;
                    unfinished--;
                } else {
                    tokens.get(i).add(token);
                }
            }
            state = step.state();
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
}
