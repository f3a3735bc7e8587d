package org.nmt4j.translate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nmt4j.model.Batch;
import org.nmt4j.model.Decoder;
import org.nmt4j.model.EncoderMemory;
import org.nmt4j.model.NmtModel;
import org.nmt4j.text.Vocabulary;

/**
 * Batched beam search over the model's decoder step. Each step takes, per sentence, the 2K best continuations of its
 * K hypotheses; a {@code </s>} among the best K finishes a hypothesis (scored log p / length^α, the length counting
 * {@code </s>}), and the K best others stay alive. A sentence is done when it has K finished hypotheses; done
 * sentences leave the batch. At a sentence's length limit, a continuation that is not {@code </s>} ends the
 * hypothesis without it. Every hypothesis keeps a back-pointer to its parent, so a finished one carries its own
 * attention rows.
 */
public final class BeamSearch {

    private BeamSearch() {
    }

    /** A hypothesis in the making: the last token, its attention row and the way back. */
    private record Node(Node parent, int token, float[] attention, double logProbability, int length) {
    }

    private record Candidate(int beam, int token, double logProbability) {
    }

    /**
     * The finished hypotheses of each source, best first (K of them, or fewer when the vocabulary is tiny).
     * maxLengths[i] caps sentence i's target pieces before {@code </s>}.
     */
    public static List<List<Hypothesis>> search(NmtModel model, List<int[]> sources, int beamSize, int[] maxLengths,
                                                double alpha) {
        int k = beamSize;
        Batch batch = Batch.sources(sources);
        NmtModel.Encoded encoded = model.encode(batch);
        int b = batch.batchSize();
        int[] widen = new int[b * k];
        for (int i = 0; i < b * k; i++) {
            widen[i] = i / k;
        }
        EncoderMemory memory = encoded.memory().select(widen);
        INDArray state = EncoderMemory.rows(encoded.initialState(), widen);
        int[] active = new int[b]; // active[r] = the sentence in row group r
        for (int i = 0; i < b; i++) {
            active[i] = i;
        }
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
        for (int t = 0; active.length > 0; t++) {
            Decoder.Step step = model.decoder().step(state, previous, memory);
            StepScores stepScores = StepScores.of(step);
            int n = active.length;
            Node[][] nextLive = new Node[n][k];
            double[][] nextScores = new double[n][k];
            int[] parentRows = new int[n * k];
            for (int r = 0; r < n; r++) {
                int sentence = active[r];
                boolean atLimit = t == maxLengths[sentence];
                int sourceLength = batch.sourceLengths()[sentence];
                List<Candidate> best = best(stepScores, r, k, scores[r]);
                int kept = 0;
                java.util.Set<Node> cut = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
                for (int rank = 0; rank < best.size(); rank++) {
                    Candidate c = best.get(rank);
                    int row = r * k + c.beam();
                    Node parent = live[r][c.beam()];
                    if (c.token() == Vocabulary.EOS_ID) {
                        if (rank < k && finished.get(sentence).size() < k) {
                            Node end = new Node(parent, c.token(), stepScores.attention(row, sourceLength),
                                    c.logProbability(), (parent == null ? 0 : parent.length()) + 1);
                            finished.get(sentence).add(hypothesis(end, true, alpha));
                        }
                    } else if (kept < k) {
                        if (atLimit) {
                            if (finished.get(sentence).size() < k && cut.add(parent)) {
                                finished.get(sentence).add(parent == null
                                        ? new Hypothesis(new int[0], 0, 0, new float[0][], false)
                                        : hypothesis(parent, false, alpha));
                            }
                        } else {
                            nextLive[r][kept] = new Node(parent, c.token(), stepScores.attention(row, sourceLength),
                                    c.logProbability(), (parent == null ? 0 : parent.length()) + 1);
                            nextScores[r][kept] = c.logProbability();
                            parentRows[r * k + kept] = row;
                        }
                        kept++;
                    }
                }
                for (int slot = kept; slot < k; slot++) {
                    nextScores[r][slot] = Double.NEGATIVE_INFINITY;
                    parentRows[r * k + slot] = r * k;
                }
            }
            // keep the row groups of sentences that are not done
            int[] groups = active;
            int step0 = t;
            int[] keep = java.util.stream.IntStream.range(0, n)
                    .filter(r -> finished.get(groups[r]).size() < k && step0 < maxLengths[groups[r]]).toArray();
            int[] stateRows = new int[keep.length * k];
            int[] memoryRows = new int[keep.length * k];
            Node[][] keptLive = new Node[keep.length][];
            double[][] keptScores = new double[keep.length][];
            int[] keptActive = new int[keep.length];
            for (int i = 0; i < keep.length; i++) {
                int r = keep[i];
                keptLive[i] = nextLive[r];
                keptScores[i] = nextScores[r];
                keptActive[i] = active[r];
                for (int slot = 0; slot < k; slot++) {
                    stateRows[i * k + slot] = parentRows[r * k + slot];
                    memoryRows[i * k + slot] = r * k + slot;
                }
            }
            if (keep.length == 0) {
                break;
            }
            state = EncoderMemory.rows(step.state(), stateRows);
            if (keep.length < n) {
                memory = memory.select(memoryRows);
            }
            previous = new int[keep.length * k];
            for (int i = 0; i < keep.length; i++) {
                for (int slot = 0; slot < k; slot++) {
                    Node node = keptLive[i][slot];
                    previous[i * k + slot] = node == null ? Vocabulary.PAD_ID : node.token();
                }
            }
            active = keptActive;
            live = keptLive;
            scores = keptScores;
        }
        for (List<Hypothesis> list : finished) {
            list.sort(Comparator.comparingDouble(Hypothesis::score).reversed());
        }
        return finished;
    }

    /** The 2K best (beam, token) continuations of a row group, best first. */
    private static List<Candidate> best(StepScores stepScores, int group, int k, double[] beamScores) {
        PriorityQueue<Candidate> heap = new PriorityQueue<>(2 * k + 1,
                Comparator.comparingDouble(Candidate::logProbability));
        int v = stepScores.vocabularySize();
        for (int beam = 0; beam < k; beam++) {
            double base = beamScores[beam];
            if (base == Double.NEGATIVE_INFINITY) {
                continue;
            }
            int row = group * k + beam;
            for (int token = 0; token < v; token++) {
                if (token == Vocabulary.PAD_ID || token == Vocabulary.BOS_ID) {
                    continue;
                }
                double score = base + stepScores.logProbability(row, token);
                if (heap.size() < 2 * k) {
                    heap.add(new Candidate(beam, token, score));
                } else if (score > heap.peek().logProbability()) {
                    heap.poll();
                    heap.add(new Candidate(beam, token, score));
                }
            }
        }
        List<Candidate> best = new ArrayList<>(heap);
        best.sort(Comparator.comparingDouble(Candidate::logProbability).reversed()
                .thenComparingInt(Candidate::beam).thenComparingInt(Candidate::token));
        return best;
    }

    private static Hypothesis hypothesis(Node last, boolean ended, double alpha) {
        int length = last.length();
        int[] tokens = new int[ended ? length - 1 : length];
        float[][] attention = new float[length][];
        Node node = last;
        for (int i = length - 1; i >= 0; i--) {
            attention[i] = node.attention();
            if (i < tokens.length) {
                tokens[i] = node.token();
            }
            node = node.parent();
        }
        return new Hypothesis(tokens, last.logProbability(), Hypothesis.normalized(last.logProbability(), length,
                alpha), attention, ended);
    }
}
