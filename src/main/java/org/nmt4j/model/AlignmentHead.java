package org.nmt4j.model;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nmt4j.compute.FloatCopies;
import org.nmt4j.text.Vocabulary;

/**
 * An attention head for word alignment only ({@code model.alignment_head}; after Garg et al. 2019 and Zenkel et al.
 * 2019): a score ({@code model.alignment_attention}, additive or scaled dot product) whose query is
 * {@code [s_t ; E[y_t]]}, the decoder state that predicts y_t and the embedding of y_t itself, so that it asks "which
 * source word does this target word translate" knowing the word; with {@code model.alignment_lookahead} L, the
 * embeddings of the L tokens after it as well ({@code [s_t ; E[y_t] ; … ; E[y_{t+L}]]}, padding after {@code </s>});
 * with {@code model.alignment_jumps}, plus a learned
 * bias over the jump from where it aligned y_{t−1} ({@link AlignmentJumps}). Guided alignment is its only loss; its
 * weights are the alignment that forced alignment exports. Translation never reads it. Its gradients reach the decoder
 * states, the target embedding and the encoder states it attends over.
 */
public final class AlignmentHead {

    /** The prefix of its parameters: its score's ({@code alignment.W_a}, … for additive) and {@code .jumps}. */
    public static final String PREFIX = "alignment";

    private final Attention attention;
    private final Embedding embedding;
    private final Param jumps; // AlignmentJumps' weights [1, 2K+1], or null
    private final int lookahead; // L, the following tokens the query reads

    /** score: the head's score over {@link #PREFIX}'s parameters; embedding: the target embedding. */
    public AlignmentHead(AttentionScore score, Embedding embedding) {
        this(score, embedding, null, 0);
    }

    /**
     * The same with a jump prior ({@link AlignmentJumps}) over the weights {@code jumps}, or none when null, and a
     * query that reads the {@code lookahead} tokens after the one it aligns.
     */
    public AlignmentHead(AttentionScore score, Embedding embedding, Param jumps, int lookahead) {
        this.attention = new Attention(score);
        this.embedding = embedding;
        this.jumps = jumps;
        this.lookahead = lookahead;
    }

    /** The head's score. */
    public AttentionScore score() {
        return attention.score();
    }

    /**
     * The head over a batch: its memory (its keys over the encoder states), each step's weights (the exported
     * alignment of target position t), and what backward needs.
     */
    public record Result(EncoderMemory memory, List<Attention.Step> steps, INDArray words, List<double[]> previous) {
    }

    /**
     * The tokens the query reads at each position, time-major [T·B] each: y_t, then y_{t+1} … y_{t+L} (padding past
     * the batch's end).
     */
    private int[][] queryTokens(Batch batch) {
        int[] outputs = batch.targetOutputIds();
        int[][] tokens = new int[1 + lookahead][];
        tokens[0] = outputs;
        int b = batch.batchSize();
        for (int k = 1; k <= lookahead; k++) {
            int[] following = new int[outputs.length];
            java.util.Arrays.fill(following, Vocabulary.PAD_ID);
            System.arraycopy(outputs, k * b, following, 0, Math.max(0, outputs.length - k * b));
            tokens[k] = following;
        }
        return tokens;
    }

    // the embeddings of the query's tokens side by side, [T·B, (1+L)·E]
    private INDArray queryWords(Batch batch) {
        if (lookahead == 0) {
            return embedding.forward(batch.targetOutputIds());
        }
        int[][] tokens = queryTokens(batch);
        INDArray[] parts = new INDArray[tokens.length];
        for (int k = 0; k < tokens.length; k++) {
            parts[k] = embedding.forward(tokens[k]);
        }
        return Nd4j.hstack(parts);
    }

    // dWords [T·B, (1+L)·E] into the target embedding's gradient
    private void wordsBackward(Batch batch, INDArray dWords) {
        if (lookahead == 0) {
            embedding.backward(batch.targetOutputIds(), dWords);
            return;
        }
        int[][] tokens = queryTokens(batch);
        long e = dWords.size(1) / tokens.length;
        for (int k = 0; k < tokens.length; k++) {
            embedding.backward(tokens[k], dWords.get(NDArrayIndex.all(), NDArrayIndex.interval(k * e, (k + 1) * e))
                    .dup('c'));
        }
    }

    /**
     * values [S,B,2H] and mask: the encoder's; states [T,B,D]: the decoder states s_t; the words are the batch's
     * target outputs y_t.
     */
    public Result forward(INDArray values, INDArray mask, INDArray states, Batch batch) {
        EncoderMemory memory = attention.memory(values, mask);
        INDArray words = queryWords(batch); // [T·B,(1+L)·E]
        int steps = batch.targetLength();
        List<Attention.Step> out = new ArrayList<>(steps);
        if (jumps == null) {
            for (int t = 0; t < steps; t++) {
                out.add(attention.forward(StateAndWord.query(states.slice(t), words, t), memory));
            }
            return new Result(memory, out, words, null);
        }
        int b = memory.batchSize();
        int s = memory.sourceLength();
        int[] lengths = batch.sourceLengths();
        double[] w = FloatCopies.readDoubles(jumps.value());
        List<double[]> previous = new ArrayList<>(steps);
        double[] prev = AlignmentJumps.start(b, s);
        for (int t = 0; t < steps; t++) {
            double[] bias = new double[b * s];
            AlignmentJumps.addBias(w, prev, b, s, lengths, bias);
            Attention.Step step = attention.forward(StateAndWord.query(states.slice(t), words, t), memory, bias);
            out.add(step);
            previous.add(prev);
            prev = AlignmentJumps.next(prev, step.alpha(), b, s, lengths);
        }
        return new Result(memory, out, words, previous);
    }

    /**
     * From dLoss/dα per step (null entries: none): adds the head's parameter gradients and, with intoModel, the target
     * embedding's; adds the encoder states' gradient through the keys into dValues [S,B,2H], and returns the decoder
     * states' gradient [T,B,D] (which the caller drops when the head is detached from the model).
     */
    public INDArray backward(Result result, INDArray states, Batch batch, double[][] dAlpha, INDArray dValues,
                             boolean intoModel) {
        int steps = batch.targetLength();
        long b = batch.batchSize();
        INDArray dStates = Nd4j.zeros(states.dataType(), steps, b, states.size(2));
        INDArray dWords = Nd4j.zeros(states.dataType(), (long) steps * b, result.words().size(1));
        INDArray noContext = Nd4j.zeros(states.dataType(), b, result.memory().valueSize());
        Attention.MemoryGradients gradients = new Attention.MemoryGradients(result.memory());
        if (jumps == null) {
            for (int t = 0; t < steps; t++) {
                if (dAlpha == null || dAlpha[t] == null) {
                    continue;
                }
                INDArray dQuery = attention.backward(result.steps().get(t),
                        StateAndWord.query(states.slice(t), result.words(), t), result.memory(), noContext,
                        gradients, dAlpha[t]);
                StateAndWord.split(dQuery, dStates.slice(t), dWords, t);
            }
        } else {
            jumpsBackward(result, states, batch.sourceLengths(), dAlpha, noContext, gradients, dStates, dWords);
        }
        attention.keysBackward(result.memory(), gradients, dValues);
        if (intoModel) {
            wordsBackward(batch, dWords);
        }
        return dStates;
    }

    // backward through the steps from the last, each step's weights getting the gradient of the next steps' jump
    // biases through prev (AlignmentJumps.next) besides the loss's own
    private void jumpsBackward(Result result, INDArray states, int[] lengths, double[][] dAlpha, INDArray noContext,
                               Attention.MemoryGradients gradients, INDArray dStates, INDArray dWords) {
        EncoderMemory memory = result.memory();
        int b = memory.batchSize();
        int s = memory.sourceLength();
        double[] w = FloatCopies.readDoubles(jumps.value());
        double[] dw = new double[w.length];
        double[] dNext = null; // dL/dprev_{t+1}
        for (int t = result.steps().size() - 1; t >= 0; t--) {
            Attention.Step step = result.steps().get(t);
            double[] prev = result.previous().get(t);
            double[] dA = dAlpha == null || dAlpha[t] == null ? new double[b * s] : dAlpha[t].clone();
            double[] dPrev = dNext == null ? null
                    : AlignmentJumps.nextBackward(prev, step.alpha(), b, s, lengths, dNext, dA);
            double[] dBias = new double[b * s];
            INDArray dQuery = attention.backward(step, StateAndWord.query(states.slice(t), result.words(), t), memory,
                    noContext, gradients, dA, dBias);
            StateAndWord.split(dQuery, dStates.slice(t), dWords, t);
            double[] fromBias = AlignmentJumps.biasBackward(w, prev, b, s, lengths, dBias, dw);
            if (dPrev != null) {
                for (int i = 0; i < fromBias.length; i++) {
                    fromBias[i] += dPrev[i];
                }
            }
            dNext = fromBias;
        }
        INDArray gradient = jumps.gradient();
        gradient.addi(FloatCopies.ofDoubles(dw, gradient.dataType(), gradient.shape()[0], gradient.shape()[1]));
    }
}
