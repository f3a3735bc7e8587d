package org.nmt4j.translate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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
        Batch batch = Batch.sources(sources);
        NmtModel.Encoded encoded = model.encode(batch);
        int b = batch.batchSize();
        int[] previous = new int[b];
        Arrays.fill(previous, Vocabulary.BOS_ID);
        List<List<Integer>> outputs = new ArrayList<>();
        for (int i = 0; i < b; i++) {
            outputs.add(new ArrayList<>());
        }
        boolean[] finished = new boolean[b];
        int unfinished = b;
        INDArray state = encoded.initialState();
        for (int t = 0; t < maxLength && unfinished > 0; t++) {
            Decoder.Step step = model.decoder().step(state, previous, encoded.memory());
            INDArray best = Nd4j.argMax(step.logits(), 1);
            for (int i = 0; i < b; i++) {
                int token = best.getInt(i);
                previous[i] = token;
                if (finished[i]) {
                    continue;
                }
                if (token == Vocabulary.EOS_ID) {
                    finished[i] = true;
                    unfinished--;
                } else {
                    outputs.get(i).add(token);
                }
            }
            state = step.state();
        }
        List<int[]> result = new ArrayList<>(b);
        for (List<Integer> output : outputs) {
            result.add(output.stream().mapToInt(Integer::intValue).toArray());
        }
        return result;
    }
}
