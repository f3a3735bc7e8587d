package org.nmt4j.translate;

import java.util.Arrays;
import java.util.List;

import org.nmt4j.model.Batch;
import org.nmt4j.text.Vocabulary;

/**
 * Forced decoding (teacher forcing) through a {@link Scorer}: the decoder reads given targets instead of its own
 * guesses, and each step's attention is the alignment row of the target token it is at, the decoder's attention or
 * a model's alignment head's ({@link Scorer#recur}). Forced alignment ({@code align.ForcedAligner}) runs it over
 * reference translations, a translator over its own translations when the model has an alignment head.
 */
public final class ForcedSteps {

    private ForcedSteps() {
    }

    /**
     * Pair i's alignment rows: one row per target token and one for {@code </s>} ([T_i + 1][S_i + 1], the source with
     * its {@code </s>}). sources and targets: token ids, without {@code </s>}; a target may not be empty.
     */
    public static float[][][] attention(Scorer scorer, List<int[]> sources, List<int[]> targets) {
        Batch batch = Batch.sources(sources);
        int b = sources.size();
        int longest = targets.stream().mapToInt(t -> t.length).max().orElse(0);
        float[][][] weights = new float[b][][];
        for (int i = 0; i < b; i++) {
            weights[i] = new float[targets.get(i).length + 1][];
        }
        int[] previous = new int[b];
        Arrays.fill(previous, Vocabulary.BOS_ID);
        int[] groups = java.util.stream.IntStream.range(0, b).toArray(); // row i reads sentence i
        int[][] aligned = new int[1 + scorer.alignmentLookahead()][b]; // y_t, y_{t+1}, …: target, </s>, padding
        Scorer.State state = scorer.start(batch);
        for (int t = 0; t <= longest; t++) {
            for (int k = 0; k < aligned.length; k++) {
                for (int i = 0; i < b; i++) {
                    aligned[k][i] = token(targets.get(i), t + k);
                }
            }
            Scorer.Recurred step = scorer.recur(state, previous, groups, aligned);
            float[] attention = step.attention(); // [B,S]
            int s = step.sourceLength();
            for (int i = 0; i < b; i++) {
                int[] target = targets.get(i);
                if (t <= target.length) {
                    weights[i][t] = Arrays.copyOfRange(attention, i * s, i * s + batch.sourceLengths()[i]);
                }
                previous[i] = t < target.length ? target[t] : Vocabulary.PAD_ID;
            }
            state = step.next();
        }
        return weights;
    }

    // position p of a target followed by </s> and padding
    private static int token(int[] target, int p) {
        return p < target.length ? target[p] : p == target.length ? Vocabulary.EOS_ID : Vocabulary.PAD_ID;
    }
}
