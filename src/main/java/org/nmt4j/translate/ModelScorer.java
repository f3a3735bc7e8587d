package org.nmt4j.translate;

import java.util.List;

import org.nmt4j.model.Batch;
import org.nmt4j.model.search.SearchDecoder;
import org.nmt4j.model.search.SearchMemory;

/** One model's decoder steps as search reads them. */
public record ModelScorer(SearchDecoder decoder) implements Scorer {

    /** The decoder states of the rows and the memory they read. */
    record ModelState(SearchDecoder.States states, SearchMemory memory) implements State {
        @Override
        public ModelState rows(int[] rows) {
            return new ModelState(states.rows(rows), memory);
        }
    }

    @Override
    public ModelState start(Batch batch) {
        SearchDecoder.Start start = decoder.start(batch);
        return new ModelState(start.states(), start.memory());
    }

    @Override
    public Scored step(State state, int[] previous, int[] groupOfRow, int k) {
        SearchDecoder.Step step = stepOf((ModelState) state, previous, groupOfRow);
        return new Scored(StepScores.top(step, k), new ModelState(step.states(), ((ModelState) state).memory()));
    }

    @Override
    public Recurred recur(State state, int[] previous, int[] groupOfRow) {
        ModelState s = (ModelState) state;
        SearchDecoder.Step step = decoder.recur(s.states(), previous, groupOfRow, s.memory());
        return new Recurred(step.attention(), step.sourceLength(), new ModelState(step.states(), s.memory()));
    }

    /** The decoder's step with its logits (what an ensemble combines). */
    SearchDecoder.Step stepOf(ModelState state, int[] previous, int[] groupOfRow) {
        return decoder.step(state.states(), previous, groupOfRow, state.memory());
    }

    @Override
    public List<SearchDecoder> members() {
        return List.of(decoder);
    }
}
