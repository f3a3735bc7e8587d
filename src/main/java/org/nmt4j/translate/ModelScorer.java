package org.nmt4j.translate;

import java.util.List;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nmt4j.compute.Scratch;
import org.nmt4j.model.Batch;
import org.nmt4j.model.search.DecoderStates;
import org.nmt4j.model.search.DecoderStep;
import org.nmt4j.model.search.SearchStart;
import org.nmt4j.model.search.OutputColumns;
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

    /**
     * The decoder states of the rows, the memory they read and the batch's output columns (null: all); with a
     * shortlist, each memory group's source ids, from which a running batch's columns are made again when sentences
     * join it (those of the sentences that left no longer count).
     */
    record ModelState(DecoderStates states, SearchMemory memory, OutputColumns columns,
                      int[][] groupSources) implements State {
        @Override
        public ModelState rows(int[] rows) {
            return new ModelState(states.rows(rows), memory, columns, groupSources);
        }

        /** The same batch, at these states. */
        ModelState next(DecoderStates next) {
            return new ModelState(next, memory, columns, groupSources);
        }
    }

    @Override
    public ModelState start(Batch batch) {
        // the encoder's and the memory's ND4J temporaries are in the step workspace, reset as start goes, instead of
        // in the batch's for the whole search (start's results are Java arrays)
        SearchStart start = decoder.start(batch);
        if (shortlist == null) {
            return new ModelState(start.states(), start.memory(), null, null);
        }
        int[][] sources = new int[batch.batchSize()][];
        for (int i = 0; i < sources.length; i++) { // sentence i's ids, from the time-major [S·B] layout
            sources[i] = new int[batch.sourceLengths()[i]];
            for (int t = 0; t < sources[i].length; t++) {
                sources[i][t] = batch.sourceIds()[t * batch.batchSize() + i];
            }
        }
        return new ModelState(start.states(), start.memory(),
                decoder.outputColumns(shortlist.tokensFor(batch.sourceIds())), sources);
    }

    @Override
    public ModelState join(State state, int[] rows, int[] groups, State joining) {
        ModelState a = (ModelState) state;
        ModelState b = (ModelState) joining;
        OutputColumns columns = null;
        int[][] sources = null;
        if (a.columns() != null) { // the shortlist of the sentences now in the batch
            sources = new int[groups.length + b.groupSources().length][];
            for (int g = 0; g < groups.length; g++) {
                sources[g] = a.groupSources()[groups[g]];
            }
            System.arraycopy(b.groupSources(), 0, sources, groups.length, b.groupSources().length);
            int[] tokens = shortlist.tokensFor(java.util.Arrays.stream(sources).flatMapToInt(java.util.Arrays::stream)
                    .toArray());
            columns = java.util.Arrays.equals(tokens, a.columns().tokens()) ? a.columns()
                    : decoder.outputColumns(tokens);
        }
        return new ModelState(DecoderStates.join(a.states(), rows, b.states()),
                SearchMemory.join(a.memory(), groups, b.memory()), columns, sources);
    }

    @Override
    public Scored step(State state, int[] previous, int[] groupOfRow, int k, int[] wanted) {
        try (MemoryWorkspace ignored = Scratch.openStep()) { // the step's ND4J temporaries, reset after it
            DecoderStep step = stepOf((ModelState) state, previous, groupOfRow);
            return new Scored(StepScores.top(step, k, wanted), ((ModelState) state).next(step.states()));
        }
    }

    @Override
    public Recurred recur(State state, int[] previous, int[] groupOfRow, int[][] aligned) {
        ModelState s = (ModelState) state;
        try (MemoryWorkspace ignored = Scratch.openStep()) {
            DecoderStep step = decoder.recur(s.states(), previous, groupOfRow, s.memory(), aligned);
            return new Recurred(step.attention(), step.sourceLength(), s.next(step.states()));
        }
    }

    /** The decoder's step with its logits (what an ensemble combines). */
    DecoderStep stepOf(ModelState state, int[] previous, int[] groupOfRow) {
        return decoder.step(state.states(), previous, groupOfRow, state.memory(), state.columns());
    }

    @Override
    public ModelScorer withShortlist(Shortlist list) {
        return new ModelScorer(decoder, list);
    }

    @Override
    public ModelScorer withPrecision(org.nmt4j.compute.Precision precision) {
        return new ModelScorer(decoder.withPrecision(precision), shortlist);
    }

    @Override
    public List<SearchDecoder> members() {
        return List.of(decoder);
    }
}
