package org.nmt4j.translate;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nmt4j.compute.Scratch;
import org.nmt4j.model.Batch;
import org.nmt4j.model.search.DecoderStep;
import org.nmt4j.model.search.SearchDecoder;

/**
 * Ensemble decoding: at every step each member runs its own decoder over the same rows, and a token's score is the
 * weighted mean of the members' log-probabilities, {@code Σ_m w_m log p_m(y)} with {@code Σ w_m = 1} (Marian's and
 * Nematus's ensembles; the weights default to equal). The attention reported is the members' attention, weighted
 * the same way. The members share vocabularies and preprocessing ({@link Translator#ensemble} checks it).
 */
public final class EnsembleScorer implements Scorer {

    private final List<ModelScorer> members;
    private final float[] weights; // normalised to sum 1

    /** Members with their weights (any positive numbers; they are normalised). */
    public EnsembleScorer(List<SearchDecoder> decoders, double[] weights) {
        this(decoders, weights, null);
    }

    /** As above, each member scoring the tokens of a shortlist (null: the whole vocabulary). */
    public EnsembleScorer(List<SearchDecoder> decoders, double[] weights, Shortlist shortlist) {
        if (decoders.size() < 2 || weights.length != decoders.size()) {
            throw new IllegalArgumentException("an ensemble needs two or more members and one weight each");
        }
        double sum = 0;
        for (double w : weights) {
            if (!(w > 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("ensemble weights must be positive, not " + w);
            }
            sum += w;
        }
        this.members = decoders.stream().map(d -> new ModelScorer(d, shortlist)).toList();
        this.weights = new float[weights.length];
        for (int m = 0; m < weights.length; m++) {
            this.weights[m] = (float) (weights[m] / sum);
        }
    }

    /** The members' states, one per member, for the same rows. */
    record EnsembleState(List<ModelScorer.ModelState> states) implements State {
        @Override
        public EnsembleState rows(int[] rows) {
            return new EnsembleState(states.stream().map(s -> s.rows(rows)).toList());
        }
    }

    @Override
    public EnsembleState start(Batch batch) {
        return new EnsembleState(members.stream().map(m -> m.start(batch)).toList());
    }

    @Override
    public EnsembleState join(State state, int[] rows, int[] groups, State joining) {
        List<ModelScorer.ModelState> a = ((EnsembleState) state).states();
        List<ModelScorer.ModelState> b = ((EnsembleState) joining).states();
        List<ModelScorer.ModelState> joined = new ArrayList<>(members.size());
        for (int m = 0; m < members.size(); m++) {
            joined.add(members.get(m).join(a.get(m), rows, groups, b.get(m)));
        }
        return new EnsembleState(joined);
    }

    @Override
    public Scored step(State state, int[] previous, int[] groupOfRow, int k, int[] wanted) {
        List<ModelScorer.ModelState> states = ((EnsembleState) state).states();
        List<DecoderStep> steps = new ArrayList<>(members.size());
        List<ModelScorer.ModelState> next = new ArrayList<>(members.size());
        try (MemoryWorkspace ignored = Scratch.openStep()) { // the members' logits, reset after the step
            for (int m = 0; m < members.size(); m++) {
                DecoderStep step = members.get(m).stepOf(states.get(m), previous, groupOfRow);
                steps.add(step);
                next.add(states.get(m).next(step.states()));
            }
            return new Scored(StepScores.combine(steps, weights, k, wanted), new EnsembleState(next));
        }
    }

    @Override
    public Recurred recur(State state, int[] previous, int[] groupOfRow, int[][] aligned) {
        List<ModelScorer.ModelState> states = ((EnsembleState) state).states();
        List<float[]> attentions = new ArrayList<>(members.size());
        List<ModelScorer.ModelState> next = new ArrayList<>(members.size());
        int sourceLength = 0;
        for (int m = 0; m < members.size(); m++) {
            Recurred r = members.get(m).recur(states.get(m), previous, groupOfRow, aligned);
            attentions.add(r.attention());
            next.add((ModelScorer.ModelState) r.next());
            sourceLength = r.sourceLength();
        }
        return new Recurred(StepScores.weightedMean(attentions, weights), sourceLength, new EnsembleState(next));
    }

    @Override
    public EnsembleScorer withShortlist(Shortlist shortlist) {
        double[] w = new double[weights.length];
        for (int m = 0; m < w.length; m++) {
            w[m] = weights[m];
        }
        return new EnsembleScorer(members(), w, shortlist);
    }

    @Override
    public EnsembleScorer withPrecision(org.nmt4j.compute.Precision precision) {
        double[] w = new double[weights.length];
        for (int m = 0; m < w.length; m++) {
            w[m] = weights[m];
        }
        return new EnsembleScorer(members().stream().map(d -> d.withPrecision(precision)).toList(), w,
                members.get(0).shortlist());
    }

    @Override
    public List<SearchDecoder> members() {
        return members.stream().map(ModelScorer::decoder).toList();
    }
}
