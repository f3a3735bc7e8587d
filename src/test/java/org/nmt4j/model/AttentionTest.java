package org.nmt4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.model.attention.AttentionKinds;
import org.nmt4j.model.attention.LocalWindow;

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
        EncoderMemory memory = attention.memory(values, mask);
        return LayerFixture.weightedSum(attention.forward(query, memory).context(), weights);
    }

    private INDArray[] backward(Attention attention) {
        EncoderMemory memory = attention.memory(values, mask);
        Attention.Step step = attention.forward(query, memory);
        Attention.MemoryGradients gradients = new Attention.MemoryGradients(memory);
        INDArray dQuery = attention.backward(step, query, memory, weights, gradients);
        INDArray dValues = gradients.values();
        attention.keysBackward(memory, gradients, dValues);
        return new INDArray[] {dQuery, dValues};
    }

    /** The check every registered score gets, and a score registered by a test can call for itself. */
    static void checkGradients(AttentionKind kind) {
        AttentionTest test = new AttentionTest();
        Parameters parameters = test.parameters(kind);
        test.checkGradients(new Attention(kind.training(parameters, "attention")), parameters);
    }

    // the parameters named attention.*, the query and the values
    private void checkGradients(Attention attention, Parameters parameters) {
        LayerFixture.checkParameters(parameters, name -> name.startsWith("attention."), () -> backward(attention),
                () -> loss(attention));
        INDArray[] analytic = backward(attention);
        GradientCheck.check("query", query, analytic[0].dup(), () -> loss(attention));
        GradientCheck.check("values", values, analytic[1].dup(), () -> loss(attention));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void parameterQueryAndValueGradientsMatchFiniteDifferences(String kind) {
        checkGradients(AttentionKinds.ALL.get(kind));
    }

    public static List<String> kindsWithHeads() {
        return AttentionKinds.ALL.names().stream().filter(name -> AttentionKinds.ALL.get(name).hasHeads()).toList();
    }

    /** An attention layer built for a test, and its parameters. */
    private record Built(Attention attention, Parameters parameters) {
    }

    /**
     * A score as K heads (K = 1: the score alone, of attention size A; K > 1: heads of 2 units each, with their
     * W_c [K·2H,2H]), in a local window of W (W_p [D,A], v_p [A,1]) or global (W = 0).
     */
    private static Built build(AttentionKind kind, int heads, int window, LayerFixture fixture) {
        return build(kind, heads, window, fixture, DataType.DOUBLE);
    }

    /** The same with parameters of the given type (the fixture's double values, rounded for float). */
    private static Built build(AttentionKind kind, int heads, int window, LayerFixture fixture, DataType type) {
        Parameters.Layout layout = new Parameters.Layout();
        List<String> prefixes = new java.util.ArrayList<>();
        for (int k = 0; k < heads; k++) {
            prefixes.add(heads == 1 ? "attention" : "attention.head" + k);
            kind.layout(layout, prefixes.get(k), new AttentionKind.Sizes(D, C, heads == 1 ? A : 2));
        }
        if (heads > 1) {
            layout.add("attention.W_c", (long) heads * C, C);
        }
        if (window > 0) {
            layout.add("attention.W_p", D, A).add("attention.v_p", A, 1);
        }
        layout.add("input", 1); // a kind may have none of its own
        Parameters parameters = fixture.parameters(layout);
        if (type != DataType.DOUBLE) {
            Parameters typed = layout.allocate(type);
            typed.values().assign(parameters.values().castTo(type));
            parameters = typed;
        }
        Parameters built = parameters;
        List<AttentionScore> scores = prefixes.stream().map(prefix -> kind.training(built, prefix)).toList();
        return new Built(new Attention(scores, heads > 1 ? built.get("attention.W_c") : null, window == 0 ? null
                : new LocalWindow(built.get("attention.W_p"), built.get("attention.v_p"), window)), built);
    }

    @ParameterizedTest
    @MethodSource("kindsWithHeads")
    void twoHeadsGradientsMatchFiniteDifferences(String name) {
        Built built = build(AttentionKinds.ALL.get(name), 2, 0, fixture);
        checkGradients(built.attention(), built.parameters());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void windowedGradientsMatchFiniteDifferences(String name) {
        Built built = build(AttentionKinds.ALL.get(name), 1, 1, fixture);
        checkGradients(built.attention(), built.parameters());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aWindowWeighsOnlyThePositionsNearItsCentreTimesTheGaussian(String name) {
        Attention attention = build(AttentionKinds.ALL.get(name), 1, 1, fixture).attention();
        Attention.Step step = attention.forward(query, attention.memory(values, mask));
        for (int i = 0; i < B; i++) {
            double p = step.centres().centres()[i];
            int length = i == 0 ? S : 2;
            assertTrue(p >= 0 && p <= length, "centre " + p);
            double softmax = 0;
            for (int j = 0; j < S; j++) {
                double alpha = step.alpha()[i * S + j];
                if (Math.abs(j - p) > 1 || j >= length) {
                    assertEquals(0.0, alpha, 0.0, "outside the window: " + j + " for centre " + p);
                } else {
                    double gaussian = Math.exp(-(j - p) * (j - p) / (2 * 0.5 * 0.5));
                    assertEquals(gaussian, alpha / step.heads().get(0).softmax()[i * S + j], 1e-12);
                    softmax += step.heads().get(0).softmax()[i * S + j];
                }
            }
            assertEquals(1.0, softmax, 1e-12);
        }
    }

    @ParameterizedTest
    @MethodSource("kindsWithHeads")
    void twoHeadsWeightTheirOwnWayAndExportTheirMean(String name) {
        Attention attention = build(AttentionKinds.ALL.get(name), 2, 0, fixture).attention();
        EncoderMemory memory = attention.memory(values, mask);
        Attention.Step step = attention.forward(query, memory);
        double[] first = step.heads().get(0).alpha();
        double[] second = step.heads().get(1).alpha();
        boolean differ = false;
        for (int i = 0; i < first.length; i++) {
            assertEquals((first[i] + second[i]) / 2, step.alpha()[i], 1e-15);
            differ |= Math.abs(first[i] - second[i]) > 1e-6;
        }
        org.junit.jupiter.api.Assertions.assertTrue(differ, "the two heads weigh the positions alike");
        INDArray alpha = step.weights(DataType.DOUBLE, S);
        assertEquals(1.0, alpha.getColumn(1).sumNumber().doubleValue(), 1e-12);
        assertEquals(0.0, alpha.getDouble(3, 1), 0.0); // padding
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

    // one step forward and backward in the given type, from dContext = weights and a gradient of α: the context, α,
    // the query's, values' and parameters' gradients
    private double[][] stepInType(AttentionKind kind, int heads, int window, DataType type) {
        Built built = build(kind, heads, window, new LayerFixture(7), type);
        Attention attention = built.attention();
        INDArray q = query.castTo(type);
        EncoderMemory memory = attention.memory(values.castTo(type), mask.castTo(type));
        Attention.Step step = attention.forward(q, memory);
        double[] dAlpha = new double[B * S];
        for (int i = 0; i < dAlpha.length; i++) {
            dAlpha[i] = Math.sin(i + 1);
        }
        built.parameters().zeroGradients();
        Attention.MemoryGradients gradients = new Attention.MemoryGradients(memory);
        INDArray dQuery = attention.backward(step, q, memory, weights.castTo(type), gradients, dAlpha);
        INDArray dValues = gradients.values();
        attention.keysBackward(memory, gradients, dValues);
        return new double[][] {step.context().castTo(DataType.DOUBLE).reshape(-1).toDoubleVector(), step.alpha(),
                dQuery.castTo(DataType.DOUBLE).reshape(-1).toDoubleVector(),
                dValues.castTo(DataType.DOUBLE).reshape(-1).toDoubleVector(),
                built.parameters().gradients().castTo(DataType.DOUBLE).reshape(-1).toDoubleVector()};
    }

    /**
     * Training runs a float model's attention through the float kernels, the finite-difference tests a double model's
     * through their generated double twins: the same step gives the same results, to float precision, for one head,
     * two heads and a window.
     */
    @ParameterizedTest
    @MethodSource("kinds")
    void floatAndDoubleAttentionComputeTheSameFunction(String name) {
        AttentionKind kind = AttentionKinds.ALL.get(name);
        String[] what = {"context", "weights", "query's gradient", "values' gradient", "parameters' gradients"};
        int[][] settings = kind.hasHeads() ? new int[][] {{1, 0}, {2, 0}, {1, 1}} : new int[][] {{1, 0}, {1, 1}};
        for (int[] setting : settings) {
            double[][] single = stepInType(kind, setting[0], setting[1], DataType.FLOAT);
            double[][] twice = stepInType(kind, setting[0], setting[1], DataType.DOUBLE);
            for (int i = 0; i < what.length; i++) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(twice[i], single[i], 2e-5,
                        name + ", " + setting[0] + " head(s), window " + setting[1] + ": " + what[i]);
            }
        }
    }
}
