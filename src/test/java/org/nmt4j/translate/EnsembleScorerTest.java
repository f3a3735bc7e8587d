package org.nmt4j.translate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nmt4j.config.ModelConfig;
import org.nmt4j.model.Batch;
import org.nmt4j.model.NmtModel;
import org.nmt4j.model.search.DecoderStates;
import org.nmt4j.model.search.DecoderStep;
import org.nmt4j.model.search.SearchStart;
import org.nmt4j.model.search.SearchDecoder;
import org.nmt4j.text.Vocabulary;

/** Ensemble search on small random models, against its definition computed here in double precision. */
class EnsembleScorerTest {

    private static final int V = 14; // SearchTest.sources draws ids below it

    private static SearchDecoder decoder(long seed) {
        return new SearchDecoder(NmtModel.create(new ModelConfig(6, 5, 7, 6, 5, "additive", 0, 0), V, V,
                DataType.FLOAT, seed));
    }

    private static List<int[]> sources(long seed, int n) {
        return SearchTest.sources(seed, n);
    }

    private static int[] limits(int n) {
        return SearchTest.limits(n, 12);
    }

    @Test
    void anEnsembleOfAModelWithItselfSearchesAsTheModelAlone() {
        SearchDecoder decoder = decoder(3);
        Scorer single = new ModelScorer(decoder);
        Scorer twice = new EnsembleScorer(List.of(decoder, decoder), new double[] {1, 1});
        List<int[]> sources = sources(3, 9);
        List<Hypothesis> greedy = GreedySearch.search(single, sources, limits(9), 1.0);
        List<Hypothesis> greedyTwice = GreedySearch.search(twice, sources, limits(9), 1.0);
        List<List<Hypothesis>> beam = BeamSearch.search(single, sources, 5, limits(9), 1.0);
        List<List<Hypothesis>> beamTwice = BeamSearch.search(twice, sources, 5, limits(9), 1.0);
        for (int i = 0; i < sources.size(); i++) {
            assertSame(greedy.get(i), greedyTwice.get(i));
            assertEquals(beam.get(i).size(), beamTwice.get(i).size());
            for (int k = 0; k < beam.get(i).size(); k++) {
                assertSame(beam.get(i).get(k), beamTwice.get(i).get(k));
            }
        }
    }

    private static void assertSame(Hypothesis expected, Hypothesis actual) {
        assertArrayEquals(expected.tokens(), actual.tokens());
        assertEquals(expected.logProbability(), actual.logProbability(), 0);
        assertArrayEquals(expected.attention(), actual.attention());
    }

    /**
     * Greedy ensemble search takes, at every step, the token of the highest weighted mean of the members'
     * log-probabilities, and its score is the sum of those means; the attention is the members' weighted mean. Checked
     * by replaying each member over the ensemble's output and computing log-softmax in double here.
     */
    @Test
    void greedyEnsembleFollowsTheWeightedMeanOfTheMembersLogProbabilities() {
        List<SearchDecoder> members = List.of(decoder(1), decoder(2));
        double[] weights = {3, 1}; // 0.75 and 0.25
        Scorer ensemble = new EnsembleScorer(members, weights);
        List<int[]> sources = sources(5, 7);
        List<Hypothesis> found = GreedySearch.search(ensemble, sources, limits(7), 0);
        int distinct = 0;
        for (int i = 0; i < sources.size(); i++) {
            Hypothesis h = found.get(i);
            // what it wrote, </s> included unless it was cut at the length limit
            int[] written = Arrays.copyOf(h.tokens(), h.tokens().length + (h.ended() ? 1 : 0));
            if (h.ended()) {
                written[h.tokens().length] = Vocabulary.EOS_ID;
            }
            double[] mean = new double[V];
            double total = 0;
            List<DecoderStates> states = new ArrayList<>();
            List<SearchStart> starts = new ArrayList<>();
            for (SearchDecoder member : members) {
                SearchStart start = member.start(Batch.sources(List.of(sources.get(i))));
                starts.add(start);
                states.add(start.states());
            }
            int previous = Vocabulary.BOS_ID;
            for (int t = 0; t < written.length; t++) {
                Arrays.fill(mean, 0);
                float[] expectedAttention = new float[sources.get(i).length + 1];
                for (int m = 0; m < 2; m++) {
                    DecoderStep step = members.get(m).step(states.get(m), new int[] {previous}, new int[] {0},
                            starts.get(m).memory());
                    states.set(m, step.states());
                    double[] lp = logSoftmax(step.logits().toFloatVector());
                    double w = weights[m] / 4.0;
                    for (int v = 0; v < V; v++) {
                        mean[v] += w * lp[v];
                    }
                    for (int j = 0; j < expectedAttention.length; j++) {
                        expectedAttention[j] += (float) (w * step.attention()[j]);
                    }
                }
                int argmax = 4 - 1; // </s> is id 3; the specials <pad> and <s> are never chosen
                for (int v = 3; v < V; v++) {
                    if (mean[v] > mean[argmax]) {
                        argmax = v;
                    }
                }
                assertTrue(mean[written[t]] >= mean[argmax] - 1e-5, "sentence " + i + " step " + t);
                total += mean[written[t]];
                assertArrayEquals(expectedAttention, h.attention()[t], 1e-6f);
                previous = written[t];
            }
            assertEquals(total, h.logProbability(), 1e-4);
            List<Hypothesis> first = GreedySearch.search(new ModelScorer(members.get(0)), List.of(sources.get(i)),
                    limits(1), 0);
            distinct += Arrays.equals(first.get(0).tokens(), h.tokens()) ? 0 : 1;
        }
        assertTrue(distinct > 0, "the ensemble translated every sentence as its first member: the test shows nothing");
    }

    private static double[] logSoftmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < logits.length; v++) {
            if (v != Vocabulary.PAD_ID && v != Vocabulary.BOS_ID) {
                max = Math.max(max, logits[v]);
            }
        }
        double sum = 0;
        for (int v = 0; v < logits.length; v++) {
            if (v != Vocabulary.PAD_ID && v != Vocabulary.BOS_ID) {
                sum += Math.exp(logits[v] - max);
            }
        }
        double[] out = new double[logits.length];
        for (int v = 0; v < logits.length; v++) {
            out[v] = v == Vocabulary.PAD_ID || v == Vocabulary.BOS_ID ? Double.NEGATIVE_INFINITY
                    : logits[v] - max - Math.log(sum);
        }
        return out;
    }
}
