package org.nmt4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Attention with every registered score ({@link AttentionKinds}): gradients, and weights over real positions. */
public class AttentionTest {

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

    static List<String> kinds() {
        return AttentionKinds.ALL.names();
    }

    private Parameters parameters(AttentionKind kind) {
        Parameters.Layout layout = new Parameters.Layout();
        kind.layout(layout, "attention", new AttentionKind.Sizes(D, C, A));
        return fixture.parameters(layout.add("input", 1)); // a kind may have none of its own
    }

    private double loss(Attention attention) {
        EncoderMemory memory = EncoderMemory.of(values, attention.score().keys(values), mask);
        return LayerFixture.weightedSum(attention.forward(query, memory).context(), weights);
    }

    private INDArray[] backward(Attention attention) {
        EncoderMemory memory = EncoderMemory.of(values, attention.score().keys(values), mask);
        Attention.Step step = attention.forward(query, memory);
        Attention.MemoryGradients gradients = new Attention.MemoryGradients(memory);
        INDArray dQuery = attention.backward(step, query, memory, weights, gradients);
        INDArray dValues = gradients.values();
        attention.score().keysBackward(values, gradients.keys(), dValues);
        return new INDArray[] {dQuery, dValues};
    }

    /** The check every registered score gets, and a score registered by a test can call for itself. */
    static void checkGradients(AttentionKind kind) {
        AttentionTest test = new AttentionTest();
        Parameters parameters = test.parameters(kind);
        Attention attention = new Attention(kind.training(parameters, "attention"));
        LayerFixture.checkParameters(parameters, name -> name.startsWith("attention."), () -> test.backward(attention),
                () -> test.loss(attention));
        INDArray[] analytic = test.backward(attention);
        GradientCheck.check("query", test.query, analytic[0].dup(), () -> test.loss(attention));
        GradientCheck.check("values", test.values, analytic[1].dup(), () -> test.loss(attention));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void parameterQueryAndValueGradientsMatchFiniteDifferences(String kind) {
        checkGradients(AttentionKinds.ALL.get(kind));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void weightsSumToOneAndPaddingGetsNone(String name) {
        AttentionKind kind = AttentionKinds.ALL.get(name);
        Attention attention = new Attention(kind.training(parameters(kind), "attention"));
        EncoderMemory memory = EncoderMemory.of(values, attention.score().keys(values), mask);
        INDArray alpha = attention.forward(query, memory).weights(DataType.DOUBLE, S);
        assertEquals(1.0, alpha.getColumn(0).sumNumber().doubleValue(), 1e-12);
        assertEquals(1.0, alpha.getColumn(1).sumNumber().doubleValue(), 1e-12);
        assertEquals(0.0, alpha.getDouble(2, 1), 0.0);
        assertEquals(0.0, alpha.getDouble(3, 1), 0.0);
    }
}
