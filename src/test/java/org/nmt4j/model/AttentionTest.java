package org.nmt4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.model.search.SearchMemory;

class AttentionTest {

    // S = 4 source positions, B = 2 sentences of lengths 4 and 2, values 2H = 4, query D = 4, A = 3
    private static final int S = 4;
    private static final int B = 2;
    private static final int C = 4;
    private static final int D = 4;
    private static final int A = 3;

    private final LayerFixture fixture = new LayerFixture(5);
    private final INDArray values = fixture.uniform(S, B, C);
    private final INDArray query = fixture.uniform(B, D);
    private final INDArray weights = fixture.uniform(B, C);
    private final INDArray mask = Nd4j.createFromArray(new double[] {1, 1, 1, 1, 1, 0, 1, 0}).reshape(S, B, 1);
    private final INDArray maskBias = mask.reshape(S, B).rsub(1.0).muli(-1e9);

    private Parameters parameters(String kind) {
        Parameters.Layout layout = new Parameters.Layout();
        switch (kind) {
            case "additive" -> layout.add("W_a", D, A).add("U_a", C, A).add("b_a", A).add("v_a", A, 1);
            case "general" -> layout.add("W", C, D);
            default -> layout.add("unused", 1);
        }
        return fixture.parameters(layout);
    }

    private static AttentionScore score(String kind, Parameters p) {
        return switch (kind) {
            case "additive" -> new AdditiveScore(p.get("W_a"), p.get("U_a"), p.get("b_a"), p.get("v_a"));
            case "general" -> new DotScore(p.get("W"));
            default -> new DotScore(null);
        };
    }

    private double loss(Attention attention) {
        EncoderMemory memory = EncoderMemory.of(values, attention.score().keys(values), mask, maskBias);
        return LayerFixture.weightedSum(attention.forward(query, memory).context(), weights);
    }

    private INDArray[] backward(Attention attention) {
        EncoderMemory memory = EncoderMemory.of(values, attention.score().keys(values), mask, maskBias);
        Attention.Step step = attention.forward(query, memory);
        INDArray dValues = Nd4j.zeros(DataType.DOUBLE, S, B, C);
        INDArray dKeys = Nd4j.zeros(DataType.DOUBLE, memory.keys().shape());
        INDArray dQuery = attention.backward(step, query, memory, weights, dKeys);
        attention.contextBackward(java.util.List.of(step.weights()), weights.reshape(1, B, C), dValues);
        attention.score().keysBackward(values, dKeys, dValues);
        return new INDArray[] {dQuery, dValues};
    }

    @ParameterizedTest
    @ValueSource(strings = {"additive", "general", "dot"})
    void parameterQueryAndValueGradientsMatchFiniteDifferences(String kind) {
        Parameters parameters = parameters(kind);
        Attention attention = new Attention(score(kind, parameters));
        LayerFixture.checkParameters(parameters, () -> backward(attention), () -> loss(attention));
        INDArray[] analytic = backward(attention);
        GradientCheck.check("query", query, analytic[0].dup(), () -> loss(attention));
        GradientCheck.check("values", values, analytic[1].dup(), () -> loss(attention));
    }

    @ParameterizedTest
    @ValueSource(strings = {"additive", "general", "dot"})
    void weightsSumToOneAndPaddingGetsNone(String kind) {
        Attention attention = new Attention(score(kind, parameters(kind)));
        EncoderMemory memory = EncoderMemory.of(values, attention.score().keys(values), mask, maskBias);
        INDArray alpha = attention.forward(query, memory).weights();
        assertEquals(1.0, alpha.getColumn(0).sumNumber().doubleValue(), 1e-12);
        assertEquals(1.0, alpha.getColumn(1).sumNumber().doubleValue(), 1e-12);
        assertEquals(0.0, alpha.getDouble(2, 1), 0.0);
        assertEquals(0.0, alpha.getDouble(3, 1), 0.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"additive", "general", "dot"})
    void searchGivesTheWeightsOfTheTrainingForwardInFloatWithRowsSharingTheirSentence(String kind) {
        Parameters p = parameters(kind);
        Attention attention = new Attention(score(kind, castTo(p)));
        // S = 30 and G = 5 sentences (the fourth 20 positions long) with A = 3: several blocks of the additive
        // score's search kernel; 8 query rows, several reading the same sentence, as a beam's hypotheses do
        int s = 30;
        int[] lengths = {30, 30, 30, 20, 30};
        int[] groupOfRow = {0, 0, 1, 3, 3, 3, 4, 2};
        INDArray v = Nd4j.rand(DataType.FLOAT, s, 5, C).subi(0.5);
        INDArray m = Nd4j.ones(DataType.FLOAT, s, 5, 1);
        m.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(20, s), org.nd4j.linalg.indexing.NDArrayIndex.point(3),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).assign(0);
        EncoderMemory memory = EncoderMemory.of(v, attention.score().keys(v), m, m.reshape(s, 5).rsub(1.0).muli(-1e9));
        INDArray keys = memory.keys();
        SearchMemory searchMemory = new SearchMemory(keys.permute(1, 0, 2).dup('c').reshape(-1).toFloatVector(),
                (int) keys.size(2), new float[0], s, lengths);
        INDArray q = Nd4j.rand(DataType.FLOAT, groupOfRow.length, D).subi(0.5);

        INDArray projection = attention.score().searchQueryProjection();
        float[] queries = (projection == null ? q : q.mmul(projection)).reshape(-1).toFloatVector();
        float[] searched = attention.searchWeights(queries, searchMemory, groupOfRow); // [N,S]
        INDArray trained = attention.forward(q, replicated(memory, groupOfRow, attention)).weights(); // [S,N]

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
        return EncoderMemory.of(v, attention.score().keys(v), m,
                m.reshape(m.size(0), m.size(1)).rsub(1.0).muli(-1e9));
    }

    // the same parameters in float
    private static Parameters castTo(Parameters doubles) {
        Parameters.Layout layout = new Parameters.Layout();
        for (Param param : doubles.all()) {
            layout.add(param.name(), param.value().shape());
        }
        Parameters out = layout.allocate(DataType.FLOAT);
        out.values().assign(doubles.values().castTo(DataType.FLOAT));
        return out;
    }
}
