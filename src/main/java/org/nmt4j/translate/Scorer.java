package org.nmt4j.translate;

import java.util.List;

import org.nmt4j.model.Batch;

/**
 * What search asks of a model at every step: one model's decoder ({@link ModelScorer}) or an ensemble's
 * ({@link EnsembleScorer}, its members' log-probabilities combined). Search itself ({@link GreedySearch},
 * {@link BeamSearch}) and forced alignment only see this. Read-only, shared by search threads.
 */
public interface Scorer {

    /** The search state of N rows (hypotheses): their decoder states and the batch's encoded sources. */
    interface State {

        /** The state of these rows, in this order (repeats allowed): a beam's survivors continue their parents. */
        State rows(int[] rows);
    }

    /** One step: per row its k best tokens with their log-probabilities and the attention; the state after it. */
    record Scored(StepScores scores, State next) {
    }

    /** One step of the recurrence only, for a forced target: the attention [N,S] and the state after it. */
    record Recurred(float[] attention, int sourceLength, State next) {
    }

    /** Encodes a batch of sources: the state of its B first rows, row i reading sentence i. */
    State start(Batch batch);

    /**
     * A running batch's state after some sentences leave and others join (continuous batching): rows {@code rows} of
     * {@code state}, which read its memory groups {@code groups} (renumbered 0, 1, … in that order), then the rows
     * of {@code joining}, a {@link #start}ed batch, whose groups come after those.
     */
    State join(State state, int[] rows, int[] groups, State joining);

    /**
     * previous: y_{t−1} of each row; groupOfRow: the sentence each row reads; k: how many best tokens per row.
     */
    default Scored step(State state, int[] previous, int[] groupOfRow, int k) {
        return step(state, previous, groupOfRow, k, StepScores.NONE);
    }

    /**
     * The same, with the log-probabilities of the wanted tokens in every row as well (a constrained search's next
     * pieces; the scorer must have no shortlist).
     */
    Scored step(State state, int[] previous, int[] groupOfRow, int k, int[] wanted);

    /**
     * One step of the recurrence for forced alignment: previous is y_{t−1} of each row, aligned[0] y_t, the token whose
     * alignment the step's attention gives (a model's alignment head reads it; the decoder's attention does not), and
     * aligned[k] y_{t+k}, as many as {@link #alignmentLookahead()} asks for.
     */
    Recurred recur(State state, int[] previous, int[] groupOfRow, int[][] aligned);

    /** The same models, each batch scoring only the tokens the shortlist gives for its sources (null: all). */
    Scorer withShortlist(Shortlist shortlist);

    /** The same models with their search products in this precision (see {@link org.nmt4j.model.search.SearchDecoder#withPrecision}). */
    Scorer withPrecision(org.nmt4j.compute.Precision precision);

    /** The models scored (one, or an ensemble's members). */
    List<org.nmt4j.model.search.SearchDecoder> members();

    /** How many tokens after y_t {@link #recur} needs: the most any member's alignment head reads. */
    default int alignmentLookahead() {
        return members().stream().mapToInt(org.nmt4j.model.search.SearchDecoder::alignmentLookahead).max().orElse(0);
    }
}
