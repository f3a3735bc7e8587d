package org.nmt4j.model;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The attention decoder: at step t, attention with the previous state as query (or, with
 * {@code model.attention_query: state_and_word}, {@code [s_{t−1} ; E[y_{t−1}]]}) gives the context c_t, then
 * {@code s_t = cell(s_{t−1}, [E[y_{t−1}] ; c_t])}, and the deep output turns {@code [s_t ; c_t ; E[y_{t−1}]]} into
 * logits. Training unrolls it with teacher forcing ({@link #forward}); search runs the same function one step at a
 * time in {@link org.nmt4j.model.search.SearchDecoder}, arranged for speed, and a test holds the two to the same
 * states, attention and logits.
 */
public final class Decoder {

    private final Embedding embedding;
    private final RecurrentCell cell;
    private final Attention attention;
    private final OutputLayer output;
    private final boolean queryReadsWord;

    /** A decoder whose attention asks with the previous state alone. */
    public Decoder(Embedding embedding, RecurrentCell cell, Attention attention, OutputLayer output) {
        this(embedding, cell, attention, output, false);
    }

    /** queryReadsWord: the attention's query is {@code [s_{t−1} ; E[y_{t−1}]]} rather than s_{t−1}. */
    public Decoder(Embedding embedding, RecurrentCell cell, Attention attention, OutputLayer output,
                   boolean queryReadsWord) {
        this.embedding = embedding;
        this.cell = cell;
        this.attention = attention;
        this.output = output;
        this.queryReadsWord = queryReadsWord;
    }

    public Attention attention() {
        return attention;
    }

    /** The result of one recurrent step: the new state s_t [B,D] and the attention (weights α_t, c_t). */
    public record Recurrence(INDArray state, Attention.Step attention) {
    }

    /**
     * Step t of the recurrence: the trace holds {@code E[y_{t−1}] W_ie + b_i} for t and receives
     * {@code + c_t W_ic}.
     */
    private Recurrence recurrentStep(INDArray previousState, INDArray embedded, EncoderMemory memory,
                                     RecurrentCell.Trace trace, int t) {
        Attention.Step attended = attention.forward(query(previousState, embedded, t), memory);
        cell.addInput(trace, t, attended.context(), embedding.size());
        INDArray state = cell.step(trace, t, previousState, null);
        return new Recurrence(state, attended);
    }

    /**
     * The unrolled decoder over a batch, and what backward needs. The logits are those of the real target positions
     * only, [n,V], in time-major order (null from {@link #unroll}); {@link #targets} are the tokens they predict.
     */
    public record Result(INDArray logits, int[] targets, INDArray embedded, INDArray embeddingDropout,
                         INDArray contexts, RecurrentCell.Trace trace, List<Attention.Step> attentions,
                         RealPositions real, INDArray realStates, INDArray realContexts, INDArray realEmbedded,
                         OutputLayer.Result output) {

        /**
         * The output layer's loss over the targets and its backward, a block of rows at a time
         * ({@link OutputLayer#lossAndBackward}): the loss and the gradients {@link Decoder#backward} takes.
         */
        public OutputLayer.LossAndGradients lossAndBackward(OutputLayer layer, double smoothing, double divisor,
                                                            int blockRows) {
            return layer.lossAndBackward(output, realStates, realContexts, realEmbedded, targets, smoothing, divisor,
                    blockRows);
        }
    }

    /** The output layer. */
    public OutputLayer output() {
        return output;
    }

    // teacher forcing over targetInputIds [T·B] -> logits [T·B,V]
    public Result forward(Batch batch, EncoderMemory memory, INDArray initialState, double dropout, Random rng) {
        Result unrolled = unroll(batch, memory, initialState, dropout, rng);
        OutputLayer.Result out = output.withLogits(unrolled.output());
        return new Result(out.logits(), unrolled.targets(), unrolled.embedded(), unrolled.embeddingDropout(),
                unrolled.contexts(), unrolled.trace(), unrolled.attentions(), unrolled.real(), unrolled.realStates(),
                unrolled.realContexts(), unrolled.realEmbedded(), out);
    }

    /**
     * {@link #forward} up to the deep output, without the logits: training takes them a block of rows at a time
     * ({@link Result#lossAndBackward}).
     */
    public Result unroll(Batch batch, EncoderMemory memory, INDArray initialState, double dropout, Random rng) {
        int steps = batch.targetLength();
        int b = batch.batchSize();
        INDArray embedded = embedding.forward(batch.targetInputIds()); // [T·B,E]
        INDArray embeddingDropout = Dropout.mask(embedded.dataType(), dropout, rng, embedded.shape());
        Dropout.apply(embedded, embeddingDropout);
        long d = cell.hiddenSize();
        RecurrentCell.Trace trace = cell.newTrace(cell.projectInputs(embedded, 0), steps);
        long contextSize = memory.values().size(2);
        INDArray contexts = Nd4j.createUninitialized(embedded.dataType(), steps, b, contextSize);
        List<Attention.Step> attentions = new ArrayList<>(steps);
        INDArray state = initialState;
        for (int t = 0; t < steps; t++) {
            Recurrence r = recurrentStep(state, embedded, memory, trace, t);
            contexts.slice(t).assign(r.attention().context());
            attentions.add(r.attention());
            state = r.state();
        }
        long rows = (long) steps * b;
        RealPositions real = new RealPositions(batch.targetMask());
        INDArray realStates = real.select(trace.states().reshape(rows, d));
        INDArray realContexts = real.select(contexts.reshape(rows, contextSize));
        INDArray realEmbedded = real.select(embedded);
        INDArray outputDropout = Dropout.mask(embedded.dataType(), dropout, rng, real.count(), output.deepSize());
        OutputLayer.Result out = output.deep(realStates, realContexts, realEmbedded, outputDropout);
        return new Result(null, real.select(batch.targetOutputIds()), embedded, embeddingDropout, contexts, trace,
                attentions, real, realStates, realContexts, realEmbedded, out);
    }

    /**
     * From the gradients of the output layer's inputs at the real positions (its parameters' gradients already
     * added): adds the decoder's other parameter gradients, the gradients of the memory's keys and values into
     * memoryGradients, and returns the gradient of the initial state [B,D].
     */
    public INDArray backward(Result result, Batch batch, EncoderMemory memory, INDArray initialState,
                             OutputLayer.InputGradients fromOutput, Attention.MemoryGradients memoryGradients) {
        return backward(result, batch, memory, initialState, fromOutput, memoryGradients, null);
    }

    /** The same with gradients of the loss with respect to each step's attention weights (null, or null steps). */
    public INDArray backward(Result result, Batch batch, EncoderMemory memory, INDArray initialState,
                             OutputLayer.InputGradients fromOutput, Attention.MemoryGradients memoryGradients,
                             double[][] dAlpha) {
        return backward(result, batch, memory, initialState, fromOutput, memoryGradients, dAlpha, null);
    }

    /**
     * The same with a gradient of the states s_t from elsewhere as well, [T,B,D] (the {@link AlignmentHead}'s; null:
     * none).
     */
    public INDArray backward(Result result, Batch batch, EncoderMemory memory, INDArray initialState,
                             OutputLayer.InputGradients fromOutput, Attention.MemoryGradients memoryGradients,
                             double[][] dAlpha, INDArray dStatesElsewhere) {
        int steps = batch.targetLength();
        int b = batch.batchSize();
        long rows = (long) steps * b;
        long d = cell.hiddenSize();
        long e = embedding.size();
        long contextSize = result.contexts().size(2);
        RecurrentCell.Trace trace = result.trace();
        INDArray contexts2d = result.contexts().reshape(rows, contextSize);
        RealPositions real = result.real();
        INDArray dStates = real.expand(fromOutput.state()).reshape(steps, b, d);
        if (dStatesElsewhere != null) {
            dStates.addi(dStatesElsewhere);
        }
        INDArray dContexts = real.expand(fromOutput.context()).reshape(steps, b, contextSize);
        INDArray dNext = Nd4j.zeros(initialState.dataType(), b, d);
        INDArray dWords = queryReadsWord ? Nd4j.zeros(initialState.dataType(), rows, e) : null; // via the queries
        for (int t = steps - 1; t >= 0; t--) {
            INDArray ds = dStates.slice(t).add(dNext);
            INDArray dPrevious = cell.stepBackward(trace, t, ds, null);
            INDArray dc = dContexts.slice(t); // completed in place: output layer's part + the GRU input's part
            cell.addInputGradient(trace, t, e, dc);
            INDArray previous = t == 0 ? initialState : trace.states().slice(t - 1);
            INDArray dQuery = attention.backward(result.attentions().get(t), query(previous, result.embedded(), t),
                    memory, dc, memoryGradients, dAlpha == null ? null : dAlpha[t]);
            if (queryReadsWord) {
                StateAndWord.split(dQuery, dPrevious, dWords, t);
            } else {
                dPrevious.addi(dQuery);
            }
            dNext = dPrevious;
        }
        cell.finishRecurrentBackward(trace);
        cell.accumulateInputGradients(trace, result.embedded(), 0, true);
        cell.accumulateInputGradients(trace, contexts2d, e, false);
        INDArray dEmbedded = cell.inputGradient(trace, 0, e).addi(real.expand(fromOutput.embedded()));
        if (dWords != null) {
            dEmbedded.addi(dWords);
        }
        Dropout.apply(dEmbedded, result.embeddingDropout());
        embedding.backward(batch.targetInputIds(), dEmbedded);
        return dNext;
    }

    // the attention's query at step t: s_{t−1} [B,D], or [s_{t−1} ; E[y_{t−1}]] [B,D+E] from the embedded (and
    // dropped-out) target inputs [T·B,E]
    private INDArray query(INDArray previousState, INDArray embedded, int t) {
        return queryReadsWord ? StateAndWord.query(previousState, embedded, t) : previousState;
    }
}
