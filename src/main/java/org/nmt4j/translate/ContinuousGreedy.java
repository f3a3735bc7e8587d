package org.nmt4j.translate;

import java.util.ArrayList;
import java.util.List;

import org.nmt4j.model.Batch;
import org.nmt4j.text.Vocabulary;

/**
 * Greedy search over a running batch that sentences join and leave (continuous batching, as serving engines do):
 * each {@link #step} gives every sentence in the batch its next token; a sentence that ends leaves at once with its
 * hypothesis, and new sentences can {@link #add join} between any two steps (encoded together, their memory groups
 * appended to the batch's). A server's batch then stays full while its sentences finish at different times, instead
 * of running on with fewer and fewer rows until its longest sentence ends. A sentence's search is that of greedy
 * search alone: the rows of a step do not read each other ({@link GreedySearch} is this over one batch).
 * One per thread: not thread-safe. Its ND4J temporaries live in each step's {@link org.nmt4j.compute.Scratch} scope;
 * what it keeps is Java arrays.
 *
 * @param <T> what the caller tags each sentence with, given back when it finishes
 */
public final class ContinuousGreedy<T> {

    /** A sentence that ended (or reached its length limit): its tag and its hypothesis. */
    public record Finished<T>(T tag, Hypothesis hypothesis) {
    }

    // one sentence in the batch: what greedy search keeps for it
    private static final class Sentence<T> {
        final T tag;
        final int sourceLength;
        final int maxLength;
        final List<Integer> tokens = new ArrayList<>();
        final List<float[]> attention = new ArrayList<>();
        final List<Float> tokenScores = new ArrayList<>();
        double logProbability;
        int t;

        Sentence(T tag, int sourceLength, int maxLength) {
            this.tag = tag;
            this.sourceLength = sourceLength;
            this.maxLength = maxLength;
        }
    }

    private final Scorer scorer;
    private final double alpha;
    private Scorer.State state;                           // the rows' states and the memory (null: none yet)
    private List<Sentence<T>> rows = new ArrayList<>();   // row r's sentence
    private int[] groupOfRow = new int[0];                // the memory group row r reads
    private int[] previous = new int[0];                  // y_{t-1} of each row

    /** alpha: the length penalty of the hypotheses' scores. */
    public ContinuousGreedy(Scorer scorer, double alpha) {
        this.scorer = scorer;
        this.alpha = alpha;
    }

    /** The sentences in the batch. */
    public int size() {
        return rows.size();
    }

    /**
     * Adds sentences to the batch: their source ids (each with {@code </s>} added by the batch), each sentence's most
     * target pieces, their tags. Sentences that left the batch give up their memory here.
     */
    public void add(List<int[]> sources, int[] maxLengths, List<T> tags) {
        if (sources.isEmpty()) {
            return;
        }
        Batch batch = Batch.sources(sources);
        Scorer.State started = scorer.start(batch);
        int kept = rows.size();
        if (state == null || kept == 0) {
            state = started;
        } else { // row r keeps its state and now reads group r: the groups of the sentences that left are gone
            state = scorer.join(state, identity(kept), groupOfRow, started);
        }
        groupOfRow = identity(kept + sources.size());
        previous = java.util.Arrays.copyOf(previous, kept + sources.size());
        for (int i = 0; i < sources.size(); i++) {
            rows.add(new Sentence<>(tags.get(i), batch.sourceLengths()[i], maxLengths[i]));
            previous[kept + i] = Vocabulary.BOS_ID;
        }
    }

    /** One step of every sentence in the batch; the sentences that finished at it, in row order. */
    public List<Finished<T>> step() {
        List<Finished<T>> finished = new ArrayList<>();
        if (rows.isEmpty()) {
            return finished;
        }
        int n = rows.size();
        boolean[] done = new boolean[n];
        Scorer.Scored step = scorer.step(state, previous, groupOfRow, 1);
        StepScores scores = step.scores();
        for (int r = 0; r < n; r++) {
            Sentence<T> sentence = rows.get(r);
            int token = scores.token(r, 0);
            if (sentence.t == sentence.maxLength && token != Vocabulary.EOS_ID) {
                done[r] = true; // cut at the limit: no </s>, no row for it
                finished.add(new Finished<>(sentence.tag, hypothesis(sentence, false)));
                continue;
            }
            sentence.t++;
            sentence.logProbability += scores.logProbability(r, 0);
            sentence.tokenScores.add((float) scores.logProbability(r, 0));
            sentence.attention.add(scores.attention(r, sentence.sourceLength));
            previous[r] = token;
            if (token == Vocabulary.EOS_ID) {
                done[r] = true;
                finished.add(new Finished<>(sentence.tag, hypothesis(sentence, true)));
            } else {
                sentence.tokens.add(token);
            }
        }
        state = step.next();
        if (!finished.isEmpty()) { // the finished leave the batch (their memory groups stay until the next add)
            int[] keep = java.util.stream.IntStream.range(0, n).filter(r -> !done[r]).toArray();
            List<Sentence<T>> keptRows = new ArrayList<>(keep.length);
            int[] keptGroups = new int[keep.length];
            int[] keptPrevious = new int[keep.length];
            for (int j = 0; j < keep.length; j++) {
                keptRows.add(rows.get(keep[j]));
                keptGroups[j] = groupOfRow[keep[j]];
                keptPrevious[j] = previous[keep[j]];
            }
            state = keep.length == 0 ? null : state.rows(keep);
            rows = keptRows;
            groupOfRow = keptGroups;
            previous = keptPrevious;
        }
        return finished;
    }

    private Hypothesis hypothesis(Sentence<T> sentence, boolean ended) {
        int[] ids = sentence.tokens.stream().mapToInt(Integer::intValue).toArray();
        int length = ids.length + (ended ? 1 : 0);
        return new Hypothesis(ids, sentence.logProbability,
                Hypothesis.normalized(sentence.logProbability, Math.max(1, length), alpha),
                sentence.attention.toArray(new float[0][]), ended, floats(sentence.tokenScores));
    }

    private static float[] floats(List<Float> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    private static int[] identity(int n) {
        return java.util.stream.IntStream.range(0, n).toArray();
    }
}
