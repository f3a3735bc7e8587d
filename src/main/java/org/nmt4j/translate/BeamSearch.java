package org.nmt4j.translate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.nmt4j.model.Batch;
import org.nmt4j.text.Vocabulary;

/**
 * Batched beam search over a model's (or an ensemble's) decoder steps ({@link Scorer}). Each step takes, per
 * sentence, the 2K best continuations of its K hypotheses; a {@code </s>} among the best K finishes a hypothesis
 * (scored log p / length^α, the length counting {@code </s>}), and the K best others stay alive. A sentence is done
 * when it has K finished hypotheses; done sentences leave the batch. At a sentence's length limit, a continuation that is not {@code </s>} ends the
 * hypothesis without it. Every hypothesis keeps a back-pointer to its parent, so a finished one carries its own
 * attention rows.
 *
 * <p>The greedy path (each step's most probable continuation of the previous greedy choice) is never pruned: if it
 * falls out of the K best it takes the place of the worst, and a sentence is not done before it has finished. So the
 * best hypothesis never scores below greedy decoding's, and a beam of 1 is greedy decoding, token for token.
 */
public final class BeamSearch {

    private BeamSearch() {
    }

    /** A hypothesis in the making: the last token, its attention row and the way back. */
    private record Node(Node parent, int token, float[] attention, double logProbability, int length)
            implements Hypothesis.Step {
    }

    private record Candidate(int beam, int token, double logProbability) {
    }

    /**
     * The finished hypotheses of each source, best first (K of them, or fewer when the vocabulary is tiny).
     * maxLengths[i] caps sentence i's target pieces before {@code </s>}.
     */
    public static List<List<Hypothesis>> search(Scorer scorer, List<int[]> sources, int beamSize,
                                                int[] maxLengths, double alpha) {
        int k = beamSize;
        Batch batch = Batch.sources(sources);
        int b = batch.batchSize();
        int[] active = new int[b]; // active[r] = the sentence in row group r
        for (int i = 0; i < b; i++) {
            active[i] = i;
        }
        // one memory group per sentence, read by its K rows
        Scorer.State state = scorer.start(batch).rows(rowsOf(active, k));
        Node[][] live = new Node[b][k]; // by row group; null = an empty beam slot
        double[][] scores = new double[b][k];
        for (double[] row : scores) {
            Arrays.fill(row, Double.NEGATIVE_INFINITY);
            row[0] = 0;
        }
        List<List<Hypothesis>> finished = new ArrayList<>();
        for (int i = 0; i < b; i++) {
            finished.add(new ArrayList<>());
        }
        int[] previous = new int[b * k];
        Arrays.fill(previous, Vocabulary.BOS_ID);
        int[] greedySlots = new int[b]; // by row group: the slot of the greedy path, -1 once it has finished
        for (int t = 0; active.length > 0; t++) {
            Scorer.Scored step = scorer.step(state, previous, rowsOf(active, k), 2 * k);
            StepScores stepScores = step.scores();
            int n = active.length;
            Node[][] nextLive = new Node[n][k];
            double[][] nextScores = new double[n][k];
            int[] parentRows = new int[n * k];
            int[] nextGreedySlots = new int[n];
            for (int r = 0; r < n; r++) {
                int sentence = active[r];
                boolean atLimit = t == maxLengths[sentence];
                int sourceLength = batch.sourceLengths()[sentence];
                List<Candidate> best = best(stepScores, r, k, scores[r]);
                List<Hypothesis> done = finished.get(sentence);
                // the greedy path's continuation at this step (see the class comment)
                int greedySlot = greedySlots[r];
                int greedyRow = r * k + Math.max(0, greedySlot);
                int greedyToken = greedySlot >= 0 ? stepScores.token(greedyRow, 0) : -1;
                Node greedyParent = greedySlot >= 0 ? live[r][greedySlot] : null;
                boolean greedyFinished = false;
                int nextGreedySlot = -1;
                int kept = 0;
                java.util.Set<Node> cut = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
                for (int rank = 0; rank < best.size(); rank++) {
                    Candidate c = best.get(rank);
                    int row = r * k + c.beam();
                    Node parent = live[r][c.beam()];
                    boolean greedy = c.beam() == greedySlot && c.token() == greedyToken;
                    if (c.token() == Vocabulary.EOS_ID) {
                        if (rank < k && done.size() < k) {
                            done.add(hypothesis(extend(parent, c.token(), stepScores.attention(row, sourceLength),
                                    c.logProbability()), true, alpha));
                            greedyFinished |= greedy;
                        }
                    } else if (kept < k) {
                        if (atLimit) {
                            if (done.size() < k && cut.add(parent)) {
                                done.add(cutHypothesis(parent, alpha));
                            }
                        } else {
                            nextLive[r][kept] = extend(parent, c.token(), stepScores.attention(row, sourceLength),
                                    c.logProbability());
                            nextScores[r][kept] = c.logProbability();
                            parentRows[r * k + kept] = row;
                            if (greedy) {
                                nextGreedySlot = kept;
                            }
                        }
                        kept++;
                    }
                }
                if (greedySlot >= 0) {
                    double greedyScore = scores[r][greedySlot] + stepScores.logProbability(greedyRow, 0);
                    if (greedyToken == Vocabulary.EOS_ID) {
                        if (!greedyFinished) {
                            done.add(hypothesis(extend(greedyParent, greedyToken,
                                    stepScores.attention(greedyRow, sourceLength), greedyScore), true, alpha));
                        }
                    } else if (atLimit) {
                        if (!cut.contains(greedyParent)) {
                            done.add(cutHypothesis(greedyParent, alpha));
                        }
                    } else if (nextGreedySlot < 0) {
                        // pruned: it takes the place of the worst alive hypothesis
                        int slot = Math.min(kept, k - 1);
                        kept = Math.max(kept, slot + 1);
                        nextLive[r][slot] = extend(greedyParent, greedyToken,
                                stepScores.attention(greedyRow, sourceLength), greedyScore);
                        nextScores[r][slot] = greedyScore;
                        parentRows[r * k + slot] = greedyRow;
                        nextGreedySlot = slot;
                    }
                }
                nextGreedySlots[r] = nextGreedySlot;
                for (int slot = kept; slot < k; slot++) {
                    nextScores[r][slot] = Double.NEGATIVE_INFINITY;
                    parentRows[r * k + slot] = r * k;
                }
            }
            // keep the row groups of sentences that are not done
            int[] groups = active;
            int step0 = t;
            int[] keep = java.util.stream.IntStream.range(0, n)
                    .filter(r -> (finished.get(groups[r]).size() < k || nextGreedySlots[r] >= 0)
                            && step0 < maxLengths[groups[r]]).toArray();
            int[] stateRows = new int[keep.length * k];
            Node[][] keptLive = new Node[keep.length][];
            double[][] keptScores = new double[keep.length][];
            int[] keptActive = new int[keep.length];
            int[] keptGreedySlots = new int[keep.length];
            for (int i = 0; i < keep.length; i++) {
                int r = keep[i];
                keptLive[i] = nextLive[r];
                keptScores[i] = nextScores[r];
                keptActive[i] = active[r];
                keptGreedySlots[i] = nextGreedySlots[r];
                for (int slot = 0; slot < k; slot++) {
                    stateRows[i * k + slot] = parentRows[r * k + slot];
                }
            }
            if (keep.length == 0) {
                break;
            }
            state = step.next().rows(stateRows);
            previous = new int[keep.length * k];
            for (int i = 0; i < keep.length; i++) {
                for (int slot = 0; slot < k; slot++) {
                    Node node = keptLive[i][slot];
                    previous[i * k + slot] = node == null ? Vocabulary.PAD_ID : node.token();
                }
            }
            active = keptActive;
            greedySlots = keptGreedySlots;
            live = keptLive;
            scores = keptScores;
        }
        List<List<Hypothesis>> result = new ArrayList<>();
        for (List<Hypothesis> list : finished) {
            list.sort(Comparator.comparingDouble(Hypothesis::score).reversed());
            result.add(List.copyOf(list.subList(0, Math.min(k, list.size()))));
        }
        return result;
    }

    // the K rows of each row group read its sentence's memory
    private static int[] rowsOf(int[] sentences, int k) {
        int[] groups = new int[sentences.length * k];
        for (int r = 0; r < groups.length; r++) {
            groups[r] = sentences[r / k];
        }
        return groups;
    }

    /**
     * The 2K best (beam, token) continuations of a row group, best first: the best of the K rows' own 2K best, which
     * hold the 2K best of all K·V.
     */
    private static List<Candidate> best(StepScores stepScores, int group, int k, double[] beamScores) {
        List<Candidate> all = new ArrayList<>(2 * k * k);
        for (int beam = 0; beam < k; beam++) {
            double base = beamScores[beam];
            if (base == Double.NEGATIVE_INFINITY) {
                continue;
            }
            int row = group * k + beam;
            for (int i = 0; i < stepScores.k(); i++) {
                all.add(new Candidate(beam, stepScores.token(row, i), base + stepScores.logProbability(row, i)));
            }
        }
        all.sort(Comparator.comparingDouble(Candidate::logProbability).reversed()
                .thenComparingInt(Candidate::beam).thenComparingInt(Candidate::token));
        return all.subList(0, Math.min(2 * k, all.size()));
    }

    /** The hypothesis parent (null: the start) continued by token, with that step's attention row. */
    private static Node extend(Node parent, int token, float[] attention, double logProbability) {
        return new Node(parent, token, attention, logProbability, parent == null ? 1 : parent.length() + 1);
    }

    /** A hypothesis cut at the length limit: what the node holds, without {@code </s>}. */
    private static Hypothesis cutHypothesis(Node last, double alpha) {
        return last == null ? new Hypothesis(new int[0], 0, 0, new float[0][], false, new float[0])
                : hypothesis(last, false, alpha);
    }

    private static Hypothesis hypothesis(Node last, boolean ended, double alpha) {
        return Hypothesis.of(last, ended, alpha);
    }
}
