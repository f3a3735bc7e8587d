package org.nmt4j.model;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Source embeddings and a bidirectional recurrent layer: {@code h_j = [→h_j ; ←h_j]}. Each direction honours each sentence's real
 * length through masks: the forward state stops changing after the last real token, and the backward direction
 * starts from zero at each sentence's own last token.
 */
public final class Encoder {

    private final Embedding embedding;
    private final RecurrentCell forwardCell;
    private final RecurrentCell backwardCell;

    public Encoder(Embedding embedding, RecurrentCell forwardCell, RecurrentCell backwardCell) {
        this.embedding = embedding;
        this.forwardCell = forwardCell;
        this.backwardCell = backwardCell;
    }

    /** The encoder states and what backward needs. */
    public record Result(INDArray states, INDArray mask, INDArray input, INDArray dropoutMask,
                         RecurrentCell.Trace forward, RecurrentCell.Trace backward) {
    }

    // batch source ids [S·B] -> states [S,B,2H]
    public Result forward(Batch batch, double dropout, Random rng) {
        int s = batch.sourceLength();
        int b = batch.batchSize();
        INDArray x = embedding.forward(batch.sourceIds()); // [S·B,E]
        INDArray dropoutMask = Dropout.mask(x.dataType(), dropout, rng, x.shape());
        Dropout.apply(x, dropoutMask);
        INDArray mask = batch.sourceMask(x.dataType());
        long h = forwardCell.hiddenSize();
        RecurrentCell.Trace fwd = forwardCell.newTrace(forwardCell.projectInputs(x, 0), s);
        RecurrentCell.Trace bwd = backwardCell.newTrace(backwardCell.projectInputs(x, 0), s);
        INDArray state = Nd4j.zeros(x.dataType(), b, h);
        for (int t = 0; t < s; t++) {
            state = forwardCell.step(fwd, t, state, batch.sourceFull(t) ? null : mask.slice(t));
        }
        state = Nd4j.zeros(x.dataType(), b, h);
        for (int t = s - 1; t >= 0; t--) {
            state = backwardCell.step(bwd, t, state, batch.sourceFull(t) ? null : mask.slice(t));
        }
        INDArray states = Nd4j.concat(2, fwd.states(), bwd.states());
        return new Result(states, mask, x, dropoutMask, fwd, bwd);
    }

    /** dStates [S,B,2H]: adds the gradients of the encoder's parameters. */
    public void backward(Result result, Batch batch, INDArray dStates) {
        int s = batch.sourceLength();
        int b = batch.batchSize();
        long h = forwardCell.hiddenSize();
        INDArray dForward = dStates.get(all(), all(), interval(0, h)).dup('c'); // contiguous: fast per-step slices
        INDArray dBackward = dStates.get(all(), all(), interval(h, 2 * h)).dup('c');
        INDArray carry = Nd4j.zeros(dStates.dataType(), b, h);
        for (int t = s - 1; t >= 0; t--) {
            INDArray dh = dForward.slice(t).add(carry);
            carry = forwardCell.stepBackward(result.forward(), t, dh, batch.sourceFull(t) ? null : result.mask().slice(t));
        }
        carry = Nd4j.zeros(dStates.dataType(), b, h);
        for (int t = 0; t < s; t++) {
            INDArray dh = dBackward.slice(t).add(carry);
            carry = backwardCell.stepBackward(result.backward(), t, dh,
                    batch.sourceFull(t) ? null : result.mask().slice(t));
        }
        forwardCell.finishRecurrentBackward(result.forward());
        backwardCell.finishRecurrentBackward(result.backward());
        INDArray x = result.input();
        forwardCell.accumulateInputGradients(result.forward(), x, 0, true);
        backwardCell.accumulateInputGradients(result.backward(), x, 0, true);
        INDArray dx = forwardCell.inputGradient(result.forward(), 0, x.size(1));
        dx.addi(backwardCell.inputGradient(result.backward(), 0, x.size(1)));
        Dropout.apply(dx, result.dropoutMask());
        embedding.backward(batch.sourceIds(), dx);
    }
}
