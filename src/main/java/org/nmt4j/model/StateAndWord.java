package org.nmt4j.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * An attention query that is a decoder state and a target word's embedding side by side, {@code [s ; E[y]]}, and its
 * gradient split back: the decoder's query reading the previous word ({@code model.attention_query: state_and_word})
 * and the {@link AlignmentHead}'s, which reads the word it aligns.
 */
final class StateAndWord {

    private StateAndWord() {
    }

    /** state [B,D] and step t's rows of words [T·B,E] -> [B,D+E]. */
    static INDArray query(INDArray state, INDArray words, int t) {
        long b = state.size(0);
        return Nd4j.hstack(state, rowsOf(words, t, b));
    }

    /** dQuery [B,D+E]: its first D columns are added to dState [B,D], the rest go to step t's rows of dWords [T·B,E]. */
    static void split(INDArray dQuery, INDArray dState, INDArray dWords, int t) {
        long b = dQuery.size(0);
        long d = dState.size(1);
        dState.addi(dQuery.get(NDArrayIndex.all(), NDArrayIndex.interval(0, d)));
        rowsOf(dWords, t, b).assign(dQuery.get(NDArrayIndex.all(), NDArrayIndex.interval(d, dQuery.size(1))));
    }

    // rows [t·B, (t+1)·B) of a time-major [T·B,·] array, a view
    private static INDArray rowsOf(INDArray timeMajor, int t, long b) {
        return timeMajor.get(NDArrayIndex.interval(t * b, (t + 1) * b), NDArrayIndex.all());
    }
}
