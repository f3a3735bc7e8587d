package org.nmt4j.translate;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LogSoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.model.Decoder;
import org.nmt4j.text.Vocabulary;

/**
 * One decoder step's figures copied out of ND4J for the search to read: log-probabilities [N,V] and attention
 * weights [N,S] (the decoder keeps them [S,N]).
 */
record StepScores(float[] logProbabilities, int vocabularySize, float[] attention, int sourceLength, int rows) {

    static StepScores of(Decoder.Step step) {
        INDArray logits = step.logits();
        INDArray logProbabilities = Nd4j.exec(new LogSoftMax(logits, 1))[0];
        INDArray weights = step.attention(); // [S,N]
        return new StepScores(logProbabilities.reshape(-1).toFloatVector(), (int) logits.size(1),
                weights.transpose().dup('c').reshape(-1).toFloatVector(), (int) weights.size(0), (int) logits.size(0));
    }

    float logProbability(int row, int token) {
        return logProbabilities[row * vocabularySize + token];
    }

    /** The most probable token of a row, never {@code <pad>} or {@code <s>}. */
    int best(int row) {
        int offset = row * vocabularySize;
        int best = Vocabulary.UNK_ID;
        for (int v = best + 1; v < vocabularySize; v++) {
            if (v != Vocabulary.BOS_ID && logProbabilities[offset + v] > logProbabilities[offset + best]) {
                best = v;
            }
        }
        return best;
    }

    /** The attention row of one hypothesis over its sentence's real source positions. */
    float[] attention(int row, int realSourceLength) {
        float[] out = new float[realSourceLength];
        System.arraycopy(attention, row * sourceLength, out, 0, realSourceLength);
        return out;
    }
}
