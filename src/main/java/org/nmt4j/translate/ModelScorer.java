package org.nmt4j.translate;

import java.util.List;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nmt4j.compute.Scratch;
import org.nmt4j.model.Batch;
import org.nmt4j.model.search.SearchDecoder;
import org.nmt4j.model.search.SearchMemory;

/**
 * One model's decoder steps as search reads them; with a shortlist, each batch's logits are those of the tokens the
 * shortlist gives for the batch's sources (null: the whole vocabulary).
 */
public record ModelScorer(SearchDecoder decoder, Shortlist shortlist) implements Scorer {

    public ModelScorer(SearchDecoder decoder) {
        this(decoder, null);
    }

    /** The decoder states of the rows, the memory they read and the batch's output columns (null: all). */
    record ModelState(SearchDecoder.States states, SearchMemory memory, SearchDecoder.OutputColumns columns)
            implements State {
        @Override
        public ModelState rows(int[] rows) {
            return new ModelState(states.rows(rows), memory, columns);
        }

        /** The same batch, at these states. */
        ModelState next(SearchDecoder.States next) {
            return new ModelState(next, memory, columns);
        }
    }

    @Override
    public ModelState start(Batch batch) {
        SearchDecoder.Start start;
        // the encoder's and the memory's ND4J temporaries (the batch's largest: [B·S,P] products) in the step
        // workspace, reset before the first step, instead of in the batch's for the whole search (start's results
        // are Java arrays)
        try (MemoryWorkspace ignored = Scratch.openStep()) {
            start = decoder.start(batch);
        }
        SearchDecoder.OutputColumns columns = shortlist == null ? null
                : decoder.outputColumns(shortlist.tokensFor(batch.sourceIds()));
        return new ModelState(start.states(), start.memory(), columns);
    }

    @Override
    public ModelState join(State state, int[] rows, int[] groups, State joining) {
        ModelState a = (ModelState) state;
        ModelState b = (ModelState) joining;
        SearchDecoder.OutputColumns columns = a.columns() == null ? null
                : decoder.outputColumns(union(a.columns().tokens(), b.columns().tokens()));
        return new ModelState(SearchDecoder.States.join(a.states(), rows, b.states()),
                SearchMemory.join(a.memory(), groups, b.memory()), columns);
    }

    // two ascending token lists as one
    private static int[] union(int[] a, int[] b) {
        return java.util.stream.IntStream.concat(java.util.Arrays.stream(a), java.util.Arrays.stream(b)).distinct()
                .sorted().toArray();
    }

    @Override
    public Scored step(State state, int[] previous, int[] groupOfRow, int k) {
        try (MemoryWorkspace ignored = Scratch.openStep()) { // the step's ND4J temporaries, reset after it
            SearchDecoder.Step step = stepOf((ModelState) state, previous, groupOfRow);
            return new Scored(StepScores.top(step, k), ((ModelState) state).next(step.states()));
        }
    }

    @Override
    public Recurred recur(State state, int[] previous, int[] groupOfRow) {
        ModelState s = (ModelState) state;
        try (MemoryWorkspace ignored = Scratch.openStep()) {
            SearchDecoder.Step step = decoder.recur(s.states(), previous, groupOfRow, s.memory());
            return new Recurred(step.attention(), step.sourceLength(), s.next(step.states()));
        }
    }

    /** The decoder's step with its logits (what an ensemble combines). */
    SearchDecoder.Step stepOf(ModelState state, int[] previous, int[] groupOfRow) {
        return decoder.step(state.states(), previous, groupOfRow, state.memory(), state.columns());
    }

    @Override
    public ModelScorer withShortlist(Shortlist list) {
        return new ModelScorer(decoder, list);
    }

    @Override
    public List<SearchDecoder> members() {
        return List.of(decoder);
    }
}
