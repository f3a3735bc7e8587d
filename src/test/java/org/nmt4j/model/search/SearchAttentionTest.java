package org.nmt4j.model.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.model.Attention;
import org.nmt4j.model.AttentionKind;
import org.nmt4j.model.EncoderMemory;
import org.nmt4j.model.Parameters;
import org.nmt4j.model.attention.AttentionKinds;

/** Search's attention weights are the training forward's, for every registered score. */
class SearchAttentionTest {

    private static final int C = 4; // values 2H
    private static final int D = 4; // query
    private static final int A = 3;

    static List<String> kinds() {
        return AttentionKinds.ALL.names();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void searchGivesTheWeightsOfTheTrainingForwardInFloatWithRowsSharingTheirSentence(String name) {
        AttentionKind kind = AttentionKinds.ALL.get(name);
        Parameters.Layout layout = new Parameters.Layout();
        kind.layout(layout, "attention", new AttentionKind.Sizes(D, C, A));
        Parameters p = layout.add("input", 1).allocate(DataType.FLOAT);
        Nd4j.getRandom().setSeed(5);
        p.values().assign(Nd4j.rand(DataType.FLOAT, p.values().shape()).subi(0.5));
        Attention attention = new Attention(kind.training(p, "attention"));
        SearchAttention searchAttention = new SearchAttention(kind.search(p, "attention"));
        // S = 30 and G = 5 sentences (the fourth 20 positions long) with A = 3: several blocks of the additive
        // score's search kernel; 8 query rows, several reading the same sentence, as a beam's hypotheses do
        int s = 30;
        int[] lengths = {30, 30, 30, 20, 30};
        int[] groupOfRow = {0, 0, 1, 3, 3, 3, 4, 2};
        INDArray v = Nd4j.rand(DataType.FLOAT, s, 5, C).subi(0.5);
        INDArray m = Nd4j.ones(DataType.FLOAT, s, 5, 1);
        m.get(interval(20, s), point(3), all()).assign(0);
        EncoderMemory memory = EncoderMemory.of(v, attention.score().keys(v), m);
        INDArray keys = memory.keys();
        SearchMemory searchMemory = new SearchMemory(keys.permute(1, 0, 2).dup('c').reshape(-1).toFloatVector(),
                (int) keys.size(2), new float[0], s, lengths);
        INDArray q = Nd4j.rand(DataType.FLOAT, groupOfRow.length, D).subi(0.5);

        INDArray projection = searchAttention.score().queryProjection();
        float[] queries = (projection == null ? q : q.mmul(projection)).reshape(-1).toFloatVector();
        float[] searched = searchAttention.weights(queries, searchMemory, groupOfRow); // [N,S]
        INDArray trained = attention.forward(q, replicated(memory, groupOfRow, attention)).weights(DataType.FLOAT, s); // [S,N]

        for (int r = 0; r < groupOfRow.length; r++) {
            for (int j = 0; j < s; j++) {
                assertEquals(trained.getDouble(j, r), searched[r * s + j], 1e-6, "row " + r + ", position " + j);
            }
        }
        assertEquals(0.0, searched[3 * s + 25], 0.0); // padding of the fourth sentence: exactly 0
    }

    // the memory with batch entry r a copy of entry groupOfRow[r]
    private static EncoderMemory replicated(EncoderMemory memory, int[] groupOfRow, Attention attention) {
        INDArray v = Nd4j.create(DataType.FLOAT, memory.sourceLength(), groupOfRow.length, memory.values().size(2));
        INDArray m = Nd4j.create(DataType.FLOAT, memory.sourceLength(), groupOfRow.length, 1);
        for (int r = 0; r < groupOfRow.length; r++) {
            v.get(all(), point(r), all()).assign(memory.values().get(all(), point(groupOfRow[r]), all()));
            m.get(all(), point(r), all()).assign(memory.mask().get(all(), point(groupOfRow[r]), all()));
        }
        return EncoderMemory.of(v, attention.score().keys(v), m);
    }
}
