package org.nmt4j.model.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nmt4j.compute.RowProducts;
import org.nmt4j.config.ModelConfig;
import org.nmt4j.model.AlignmentHead;
import org.nmt4j.model.Batch;
import org.nmt4j.model.Decoder;
import org.nmt4j.model.NmtModel;
import org.nmt4j.model.attention.AttentionKinds;
import org.nmt4j.model.cell.CellKinds;

/**
 * The search step computes what the training unroll computes: fed the reference target, step by step, it gives the
 * training forward's states, attention weights and logits (float; the search's tanh, sigmoid and summation order
 * differ within float rounding).
 */
public class SearchDecoderTest {

    private static final int V = 17;
    private static final double TOLERANCE = 2e-5;

    // E = 6, H = 5, D = 10 (= 2H, which the dot score needs), A = 4, O = 7
    private static NmtModel model(String attention, String cell, DataType type) {
        return model(attention, cell, type, 1);
    }

    private static NmtModel model(String attention, String cell, DataType type, int heads) {
        return NmtModel.create(new ModelConfig(6, 5, 10, 4, 7, attention, cell, 0, 0, heads), V, V, type, 11);
    }

    private static NmtModel model(String attention, String cell, int heads, int window) {
        return NmtModel.create(new ModelConfig(6, 5, 10, 4, 7, attention, cell, 0, 0, heads, window), V, V,
                DataType.FLOAT, 11);
    }

    /** Local attention (W = 1 and 2) with every score, and with two heads and an LSTM. */
    @ParameterizedTest(name = "{0} attention in a window")
    @MethodSource("org.nmt4j.model.NmtModelGradientTest#attentionKinds")
    void aLocalWindowIsSearchedAsItIsTrained(String attention) {
        checkSearchEqualsTraining(model(attention, "gru", 1, 1), DataType.FLOAT, 1);
        checkSearchEqualsTraining(model(attention, "gru", 1, 2), DataType.FLOAT, 5);
        if (!attention.equals("dot")) {
            checkSearchEqualsTraining(model(attention, "lstm", 2, 1), DataType.FLOAT, 1);
        }
    }

    /**
     * A query that reads the previous word, with every score that projects its query: alone, over more rows than the
     * Java products take, with two heads and an LSTM, and in a window.
     */
    @ParameterizedTest(name = "{0} attention, the query reading the previous word")
    @MethodSource("org.nmt4j.model.NmtModelGradientTest#kindsThatProjectTheirQuery")
    void aQueryThatReadsThePreviousWordIsSearchedAsItIsTrained(String attention) {
        String word = ModelConfig.QUERY_STATE_AND_WORD;
        checkSearchEqualsTraining(NmtModel.create(new ModelConfig(6, 5, 10, 4, 7, attention, "gru", 0, 0, 1, 0, word),
                V, V, DataType.FLOAT, 11), DataType.FLOAT, 1);
        checkSearchEqualsTraining(NmtModel.create(new ModelConfig(6, 5, 10, 4, 7, attention, "gru", 0, 0, 1, 0, word),
                V, V, DataType.FLOAT, 11), DataType.FLOAT, RowProducts.MAX_ROWS / SOURCES.size() + 1);
        checkSearchEqualsTraining(NmtModel.create(new ModelConfig(6, 5, 10, 4, 7, attention, "lstm", 0, 0, 2, 2,
                word), V, V, DataType.FLOAT, 11), DataType.FLOAT, 1);
    }

    /**
     * An alignment head: forced steps told the token they align give the training head's weights, with a GRU and
     * one head, with an LSTM and two heads reading the previous word, and over more rows than the Java products take.
     */
    @Test
    void anAlignmentHeadIsSearchedAsItIsTrained() {
        checkSearchEqualsTraining(NmtModel.create(new ModelConfig(6, 5, 10, 4, 7, "additive", "gru", 0, 0, 1, 0,
                ModelConfig.QUERY_STATE, true), V, V, DataType.FLOAT, 11), DataType.FLOAT, 1);
        checkSearchEqualsTraining(NmtModel.create(new ModelConfig(6, 5, 10, 4, 7, "scaled_dot", "lstm", 0, 0, 2, 0,
                ModelConfig.QUERY_STATE_AND_WORD, true), V, V, DataType.FLOAT, 11), DataType.FLOAT,
                RowProducts.MAX_ROWS / SOURCES.size() + 1);
    }

    /**
     * An alignment head with a jump prior: each forced step, carrying where the previous one aligned, gives the
     * training head's weights, one row at a time with an additive score and over more rows than the Java products
     * take with a scaled dot product.
     */
    @Test
    void anAlignmentHeadWithJumpsIsSearchedAsItIsTrained() {
        for (int copies : new int[] {1, RowProducts.MAX_ROWS / SOURCES.size() + 1}) {
            String head = copies == 1 ? "additive" : "scaled_dot";
            NmtModel model = NmtModel.create(new ModelConfig(6, 5, 10, 4, 7, "additive", "gru", 0, 0, 1, 0,
                    ModelConfig.QUERY_STATE_AND_WORD, true, 3, head), V, V, DataType.FLOAT, 11);
            INDArray w = model.parameters().get(org.nmt4j.model.AlignmentJumps.NAME).value();
            for (long i = 0; i < w.length(); i++) {
                w.putScalar(i, 1.5 * Math.cos(0.9 * i));
            }
            checkSearchEqualsTraining(model, DataType.FLOAT, copies);
        }
    }

    /**
     * An alignment head that reads the tokens after the one it aligns: each forced step, given y_t … y_{t+L}, gives the
     * training head's weights; L = 1 one row at a time, L = 3 with jumps over more rows than the Java products take.
     */
    @Test
    void anAlignmentHeadReadingTheFollowingTokensIsSearchedAsItIsTrained() {
        for (int lookahead : new int[] {1, 3}) {
            NmtModel model = NmtModel.create(new ModelConfig(6, 5, 10, 4, 7, "additive", "gru", 0, 0, 1, 0,
                    ModelConfig.QUERY_STATE_AND_WORD, true, lookahead == 1 ? 0 : 2, "scaled_dot", lookahead), V, V,
                    DataType.FLOAT, 11);
            checkSearchEqualsTraining(model, DataType.FLOAT,
                    lookahead == 1 ? 1 : RowProducts.MAX_ROWS / SOURCES.size() + 1);
        }
    }

    /** Two attention heads of every score that can have them (A = 4: two units a head), and an LSTM with them. */
    @ParameterizedTest(name = "{0} attention, 2 heads")
    @MethodSource("org.nmt4j.model.AttentionTest#kindsWithHeads")
    void twoAttentionHeadsAreSearchedAsTheyAreTrained(String attention) {
        checkSearchEqualsTraining(model(attention, "gru", DataType.FLOAT, 2), DataType.FLOAT, 1);
        checkSearchEqualsTraining(model(attention, "lstm", DataType.FLOAT, 2), DataType.FLOAT, 5);
    }

    /** Every registered score and cell in float; and a double model, which is searched in float too. */
    static List<Arguments> variants() {
        List<Arguments> variants = new ArrayList<>();
        for (String cell : CellKinds.ALL.names()) {
            for (String attention : AttentionKinds.ALL.names()) {
                variants.add(Arguments.of(attention, cell, DataType.FLOAT));
            }
        }
        variants.add(Arguments.of("additive", "gru", DataType.DOUBLE));
        return variants;
    }

    private static final List<int[]> SOURCES = List.of(new int[] {4, 5, 6, 7, 8, 9}, new int[] {10, 11},
            new int[] {12, 13, 14, 15}, new int[] {16});
    private static final List<int[]> TARGETS = List.of(new int[] {5, 6, 7}, new int[] {8, 9, 10, 11, 12, 13, 14},
            new int[] {15}, new int[] {16, 4});

    @ParameterizedTest(name = "{0} attention, {1} cell, {2}")
    @MethodSource("variants")
    void stepsFedTheTargetGiveTheTrainingForwardsStatesAttentionAndLogits(String attention, String cell,
                                                                         DataType type) {
        checkSearchEqualsTraining(attention, cell, type);
    }

    /**
     * The check every registered variant gets, and a variant registered by a test can call for itself: the search
     * steps fed the reference target give the training forward's states, attention weights and logits.
     */
    public static void checkSearchEqualsTraining(String attention, String cell, DataType type) {
        checkSearchEqualsTraining(attention, cell, type, 1);
    }

    /**
     * The same with the sentences repeated into more rows than {@link RowProducts#MAX_ROWS} (4 sentences a copy), so
     * the step's products are BLAS's instead of Java's.
     */
    @ParameterizedTest(name = "{0} attention, more rows than the Java products take")
    @MethodSource("org.nmt4j.model.NmtModelGradientTest#attentionKinds")
    void aBatchOfMoreRowsThanTheJavaProductsTakeEqualsTrainingToo(String attention) {
        checkSearchEqualsTraining(attention, "gru", DataType.FLOAT, RowProducts.MAX_ROWS / SOURCES.size() + 1);
    }

    static void checkSearchEqualsTraining(String attention, String cell, DataType type, int copies) {
        checkSearchEqualsTraining(model(attention, cell, type), type, copies);
    }

    private static void checkSearchEqualsTraining(NmtModel model, DataType type, int copies) {
        List<int[]> sources = new ArrayList<>();
        List<int[]> targets = new ArrayList<>();
        for (int c = 0; c < copies; c++) {
            sources.addAll(SOURCES);
            targets.addAll(TARGETS);
        }
        Batch batch = Batch.of(sources, targets);
        NmtModel.Encoded encoded = model.encode(batch);
        Decoder.Result trained = model.decoder().forward(batch, encoded.memory(), encoded.initialState(), 0, null);
        int b = batch.batchSize();
        int s = batch.sourceLength();
        int d = 10;

        SearchDecoder decoder = new SearchDecoder(model);
        SearchStart start = decoder.start(batch);
        assertArrayEquals(encoded.initialState().reshape(-1).toFloatVector(), start.states().hidden(), 1e-6f);
        int[] groups = IntStream.range(0, b).toArray();
        DecoderStates states = start.states();
        INDArray logits = trained.logits(); // real positions, time-major
        int realRow = 0;
        AlignmentHead.Result head = model.alignmentHead() == null ? null : model.alignmentHead().forward(
                encoded.memory().values(), encoded.memory().mask(), trained.trace().states(), batch);
        double[] headMemory = null; // where the head aligned the previous forced token, with a jump prior
        for (int t = 0; t < batch.targetLength(); t++) {
            int[] previous = new int[b];
            for (int i = 0; i < b; i++) {
                previous[i] = batch.targetInputIds()[t * b + i];
            }
            DecoderStep step = decoder.step(states, previous, groups, start.memory());
            float[] expectedStates = trained.trace().states().slice(t).reshape(-1).toFloatVector();
            assertArrayEquals(expectedStates, step.states().hidden(), (float) TOLERANCE, "states at step " + t);
            INDArray weights = trained.attentions().get(t).weights(type, s); // [S,B]
            INDArray searchLogits = step.logits(); // [B,V]
            for (int i = 0; i < b; i++) {
                for (int j = 0; j < s; j++) {
                    assertEquals(weights.getDouble(j, i), step.attention()[i * s + j], TOLERANCE,
                            "attention at step " + t + ", sentence " + i + ", position " + j);
                }
                if (batch.targetMask()[t * b + i] == 1) {
                    for (int v = 0; v < V; v++) {
                        assertEquals(logits.getDouble(realRow, v), searchLogits.getDouble(i, v), TOLERANCE,
                                "logit at step " + t + ", sentence " + i);
                    }
                    realRow++;
                }
            }
            DecoderStates recurred = decoder.recur(states, previous, groups, start.memory()).states();
            assertArrayEquals(step.states().values(), recurred.values(), 0f, "the recurrence without logits");
            assertArrayEquals(step.states().products(), recurred.products(), 0f);
            if (head != null) { // the alignment head of the forced token y_t, reading the tokens after it too
                int[][] aligned = new int[1 + decoder.alignmentLookahead()][b];
                for (int k = 0; k < aligned.length; k++) {
                    for (int i = 0; i < b; i++) {
                        int[] outputs = batch.targetOutputIds();
                        aligned[k][i] = (t + k) * b + i < outputs.length ? outputs[(t + k) * b + i]
                                : org.nmt4j.text.Vocabulary.PAD_ID;
                    }
                }
                DecoderStates forced = headMemory == null ? states : states.withAligned(headMemory);
                DecoderStep headStep = decoder.recur(forced, previous, groups, start.memory(), aligned);
                float[] alignment = headStep.attention();
                headMemory = headStep.states().aligned();
                INDArray expected = head.steps().get(t).weights(type, s);
                for (int i = 0; i < b; i++) {
                    for (int j = 0; j < s; j++) {
                        assertEquals(expected.getDouble(j, i), alignment[i * s + j], TOLERANCE,
                                "alignment head at step " + t + ", sentence " + i + ", position " + j);
                    }
                }
            }
            states = step.states();
        }
        assertEquals(logits.size(0), realRow);
        assertEquals(d, states.hiddenSize());
    }

    @Test
    void keepsTheWeightsOfTheMomentItWasMade() {
        NmtModel model = model("additive", "gru", DataType.FLOAT);
        Batch batch = Batch.sources(SOURCES);
        SearchDecoder decoder = new SearchDecoder(model);
        SearchStart start = decoder.start(batch);
        int[] previous = {4, 5, 6, 7};
        int[] groups = {0, 1, 2, 3};
        float[] before = decoder.step(start.states(), previous, groups, start.memory()).logits().reshape(-1)
                .toFloatVector();
        model.parameters().values().addi(0.25); // training goes on
        float[] after = decoder.step(start.states(), previous, groups, start.memory()).logits().reshape(-1)
                .toFloatVector();
        assertArrayEquals(before, after, 0f);
        float[] remade = new SearchDecoder(model).step(start.states(), previous, groups, start.memory()).logits()
                .reshape(-1).toFloatVector();
        org.junit.jupiter.api.Assertions.assertFalse(java.util.Arrays.equals(before, remade));
    }

    @Test
    void aDecoderOnAFixedModelComputesWhatASnapshotDoesWithoutCopyingTheParameters() {
        NmtModel model = model("additive", "gru", DataType.FLOAT);
        Batch batch = Batch.sources(SOURCES);
        int[] previous = {4, 5, 6, 7};
        int[] groups = {0, 1, 2, 3};
        SearchDecoder snapshot = new SearchDecoder(model);
        SearchDecoder fixed = SearchDecoder.ofFixed(model);
        SearchStart a = snapshot.start(batch);
        SearchStart b = fixed.start(batch);
        assertArrayEquals(a.memory().projections(), b.memory().projections(), 0f);
        assertArrayEquals(a.states().values(), b.states().values(), 0f);
        assertArrayEquals(snapshot.step(a.states(), previous, groups, a.memory()).logits().reshape(-1).toFloatVector(),
                fixed.step(b.states(), previous, groups, b.memory()).logits().reshape(-1).toFloatVector(), 0f);
        // it reads the model's own parameters (what start computes from them directly: the attention keys of more
        // positions than the Java products take)
        List<int[]> many = new ArrayList<>();
        while (many.isEmpty() || java.util.Arrays.stream(Batch.sources(many).sourceLengths()).sum()
                <= SearchDecoder.PROJECTION_ROWS) {
            many.addAll(SOURCES);
        }
        Batch large = Batch.sources(many);
        float[] before = fixed.start(large).memory().keys();
        float[] snapshotBefore = snapshot.start(large).memory().keys();
        model.parameters().values().addi(0.25);
        org.junit.jupiter.api.Assertions.assertFalse(java.util.Arrays.equals(before,
                fixed.start(large).memory().keys()));
        assertArrayEquals(snapshotBefore, snapshot.start(large).memory().keys(), 0f);
    }
}
