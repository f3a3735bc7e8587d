package org.nmt4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.config.ModelConfig;
import org.nmt4j.model.attention.AttentionKinds;
import org.nmt4j.model.cell.CellKinds;

/** The whole model's loss gradient, every parameter, checked by finite differences on a padded batch. */
public class NmtModelGradientTest {

    public static final int SOURCE_VOCABULARY = 9;
    public static final int TARGET_VOCABULARY = 8;

    /** Three sentence pairs of different lengths on both sides, so both sides are padded. */
    public static Batch paddedBatch() {
        return Batch.of(
                List.of(new int[] {4, 5, 6, 7}, new int[] {8}, new int[] {5, 4}),
                List.of(new int[] {4, 5}, new int[] {6, 7, 4, 5}, new int[] {7}));
    }

    static List<String> cells() {
        return CellKinds.ALL.names();
    }

    static List<String> attentionKinds() {
        return AttentionKinds.ALL.names();
    }

    /** Every parameter, with each registered cell and additive attention, dropout and label smoothing. */
    @ParameterizedTest(name = "{0} cell")
    @MethodSource("cells")
    void everyParameterGradientMatchesFiniteDifferences(String cell) {
        checkModelGradients("additive", cell, 0.3, 0.1, "");
    }

    /**
     * Each registered score: the parameters it touches directly or through the decoder's state (the rest of the
     * model is the same code as above).
     */
    @ParameterizedTest(name = "{0} attention")
    @MethodSource("attentionKinds")
    void gradientsThroughEveryAttentionScoreMatchFiniteDifferences(String attention) {
        checkModelGradients(attention, "gru", 0.2, 0.1, "attention.|bridge.|decoder.W_h|encoder.backward.W_h");
    }

    static List<String> attentionKindsWithHeads() {
        return AttentionTest.kindsWithHeads();
    }

    /** Two attention heads of each score that can have them, with an LSTM: the heads, W_c and what they feed. */
    @ParameterizedTest(name = "{0} attention, 2 heads")
    @MethodSource("attentionKindsWithHeads")
    void gradientsThroughTwoAttentionHeadsMatchFiniteDifferences(String attention) {
        checkModelGradients(attention, "lstm", 2, 0.2, 0.1, "attention.|bridge.|decoder.W_h|encoder.backward.W_h");
    }

    /** Local attention (W = 1) with every score, and W = 2 with two heads of additive attention. */
    @ParameterizedTest(name = "{0} attention in a window")
    @MethodSource("attentionKinds")
    void gradientsThroughALocalWindowMatchFiniteDifferences(String attention) {
        checkModelGradients(new ModelConfig(3, 2, 4, 4, 3, attention, "gru", 0.2, 0.1, 1, 1),
                "attention.|bridge.|decoder.W_h|encoder.backward.W_h");
        if (attention.equals("additive")) {
            checkModelGradients(new ModelConfig(3, 2, 4, 4, 3, attention, "gru", 0.2, 0.1, 2, 2), "attention.");
        }
    }

    static List<String> kindsThatProjectTheirQuery() {
        return AttentionKinds.ALL.names().stream().filter(n -> AttentionKinds.ALL.get(n).projectsQuery()).toList();
    }

    /**
     * A query that reads the previous word ({@code attention_query: state_and_word}) with every score that projects
     * its query: the target embedding gets gradients through the queries too; then in a window with two heads and an
     * LSTM, and guided.
     */
    @ParameterizedTest(name = "{0} attention, the query reading the previous word")
    @MethodSource("kindsThatProjectTheirQuery")
    void gradientsThroughAQueryThatReadsThePreviousWordMatchFiniteDifferences(String attention) {
        String word = ModelConfig.QUERY_STATE_AND_WORD;
        checkModelGradients(new ModelConfig(3, 2, 4, 3, 3, attention, "gru", 0.2, 0.1, 1, 0, word),
                "attention.|target.embedding|decoder.W_h|bridge.");
        checkModelGradients(new ModelConfig(3, 2, 4, 4, 3, attention, "lstm", 0.2, 0.1, 2, 1, word),
                "attention.|target.embedding|bridge.");
        checkModelGradients(new ModelConfig(3, 2, 4, 3, 3, attention, "gru", 0.2, 0.1, 1, 0, word),
                "attention.|target.embedding", new GuidedAlignment(0.7, GuidedAlignment.Cost.CE));
    }

    /**
     * The alignment head, guided (its only loss) by each cost: its own parameters and what it reaches, the decoder
     * states (through W_h), the target embedding and the encoder states (through its keys); with a GRU and an LSTM.
     */
    @ParameterizedTest(name = "an alignment head guided by {0}")
    @org.junit.jupiter.params.provider.EnumSource(GuidedAlignment.Cost.class)
    void alignmentHeadGradientsMatchFiniteDifferences(GuidedAlignment.Cost cost) {
        checkModelGradients(new ModelConfig(3, 2, 4, 3, 3, "additive", "gru", 0.2, 0.1, 1, 0,
                ModelConfig.QUERY_STATE, true), "alignment.|target.embedding|decoder.W_h|encoder.backward.W_h|bridge.",
                new GuidedAlignment(0.7, cost));
        checkModelGradients(new ModelConfig(3, 2, 4, 4, 3, "scaled_dot", "lstm", 0.2, 0.1, 2, 0,
                ModelConfig.QUERY_STATE_AND_WORD, true), "alignment.|decoder.W_h",
                new GuidedAlignment(0.7, cost).withUnlinkedToEnd());
    }

    /**
     * An alignment head with a jump prior ({@code model.alignment_jumps}): the jumps' weights and, through where each
     * step aligned, everything the head reaches; with the empty word's memory (unaligned: eos) and without, a GRU
     * with an additive head and K = 2 and an LSTM with two attention heads, a scaled-dot head and K = 1 (every jump
     * clamped).
     */
    @org.junit.jupiter.api.Test
    void alignmentJumpGradientsMatchFiniteDifferences() {
        checkModelGradients(new ModelConfig(3, 2, 4, 3, 3, "additive", "gru", 0.2, 0.1, 1, 0,
                ModelConfig.QUERY_STATE, true, 2), "alignment.|target.embedding|decoder.W_h|encoder.backward.W_h",
                new GuidedAlignment(0.7, GuidedAlignment.Cost.CE).withUnlinkedToEnd());
        checkModelGradients(new ModelConfig(3, 2, 4, 4, 3, "scaled_dot", "lstm", 0.2, 0.1, 2, 0,
                ModelConfig.QUERY_STATE_AND_WORD, true, 1, "scaled_dot"), "alignment.|decoder.W_h",
                new GuidedAlignment(0.7, GuidedAlignment.Cost.MSE));
    }

    /**
     * An alignment head whose query reads the tokens after the one it aligns ({@code model.alignment_lookahead}): the
     * embeddings of the following tokens (padding after {@code </s>}) get their gradient too; with and without jumps.
     */
    @org.junit.jupiter.api.Test
    void alignmentLookaheadGradientsMatchFiniteDifferences() {
        checkModelGradients(new ModelConfig(3, 2, 4, 3, 3, "additive", "gru", 0.2, 0.1, 1, 0,
                ModelConfig.QUERY_STATE, true, 0, "additive", 2), "alignment.|target.embedding|decoder.W_h",
                new GuidedAlignment(0.7, GuidedAlignment.Cost.CE));
        checkModelGradients(new ModelConfig(3, 2, 4, 4, 3, "scaled_dot", "lstm", 0.2, 0.1, 2, 0,
                ModelConfig.QUERY_STATE_AND_WORD, true, 1, "scaled_dot", 1), "alignment.|target.embedding",
                new GuidedAlignment(0.7, GuidedAlignment.Cost.MSE).withUnlinkedToEnd());
    }

    /**
     * With unaligned: eos, a real target token without links (in a sentence that has links) is guided to the source's
     * </s> and nowhere else; padding and sentences without links stay unguided.
     */
    @org.junit.jupiter.api.Test
    void unalignedTargetTokensCanBeGuidedToTheSourceEnd() {
        Batch batch = guidedBatch();
        int b = batch.batchSize();
        int s = batch.sourceLength();
        List<Attention.Step> uniform = new java.util.ArrayList<>();
        for (int t = 0; t < batch.targetLength(); t++) {
            double[] alpha = new double[b * s];
            for (int i = 0; i < b; i++) {
                java.util.Arrays.fill(alpha, i * s, i * s + batch.sourceLengths()[i], 1.0 / batch.sourceLengths()[i]);
            }
            uniform.add(new Attention.Step(alpha, null, List.of(), null, null));
        }
        GuidedAlignment plain = new GuidedAlignment(1, GuidedAlignment.Cost.CE);
        double[][] ignoring = plain.evaluate(uniform, batch, 1, true).dAlpha();
        double[][] toEnd = plain.withUnlinkedToEnd().evaluate(uniform, batch, 1, true).dAlpha();
        int[][] links = batch.links();
        int guidedToEnd = 0;
        for (int i = 0; i < b; i++) {
            int end = batch.sourceLengths()[i] - 1;
            for (int t = 0; t < batch.targetLength(); t++) {
                boolean linked = false;
                for (int k = 0; k < links[i].length; k += 2) {
                    linked |= links[i][k + 1] == t;
                }
                boolean real = batch.targetMask()[t * b + i] != 0;
                for (int j = 0; j < s; j++) {
                    double with = toEnd[t] == null ? 0 : toEnd[t][i * s + j];
                    double without = ignoring[t] == null ? 0 : ignoring[t][i * s + j];
                    if (linked || !real) {
                        assertEquals(without, with, 0.0, "sentence " + i + ", step " + t);
                    } else {
                        assertEquals(j == end ? -batch.sourceLengths()[i] : 0, with, 1e-6,
                                "sentence " + i + ", step " + t);
                        guidedToEnd += j == end ? 1 : 0;
                    }
                }
            }
        }
        assertEquals(5, guidedToEnd); // each sentence's </s>, and sentence 1's targets 1 and 3
    }

    /**
     * A detached alignment head: its own parameters' gradients match finite differences of the whole objective, and
     * every other parameter gets exactly the gradient of unguided training; and a model with a head starts with the
     * parameters of the same model without one (the head's come last).
     */
    @org.junit.jupiter.api.Test
    void aDetachedAlignmentHeadTrainsItselfAndLeavesTheModelAsUnguided() {
        ModelConfig config = new ModelConfig(3, 2, 4, 3, 3, "additive", "gru", 0.2, 0.1, 1, 0,
                ModelConfig.QUERY_STATE_AND_WORD, true);
        GuidedAlignment detached = new GuidedAlignment(0.7, GuidedAlignment.Cost.CE).withUnlinkedToEnd()
                .withDetached();
        checkModelGradients(config, "alignment.", detached);
        NmtModel model = NmtModel.create(config, SOURCE_VOCABULARY, TARGET_VOCABULARY, DataType.DOUBLE, 7);
        Batch batch = guidedBatch();
        model.parameters().zeroGradients();
        model.lossAndGradients(batch, rng(0.2, 11), batch.targetTokens(), detached);
        INDArray guided = model.parameters().gradients().dup();
        model.parameters().zeroGradients();
        model.lossAndGradients(batch, rng(0.2, 11), batch.targetTokens(), null);
        INDArray unguided = model.parameters().gradients();
        NmtModel headless = NmtModel.create(new ModelConfig(3, 2, 4, 3, 3, "additive", "gru", 0.2, 0.1, 1, 0,
                ModelConfig.QUERY_STATE_AND_WORD, false), SOURCE_VOCABULARY, TARGET_VOCABULARY, DataType.DOUBLE, 7);
        for (Param p : headless.parameters().all()) {
            assertEquals(p.value(), model.parameters().get(p.name()).value(), p.name());
        }
        long offset = 0;
        for (Param p : model.parameters().all()) {
            long n = p.value().length();
            INDArray a = guided.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(offset, offset + n));
            INDArray b = unguided.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(offset, offset + n));
            if (p.name().startsWith(AlignmentHead.PREFIX + ".")) {
                assertTrue(a.norm2Number().doubleValue() > 0, p.name());
            } else {
                assertEquals(b, a, p.name());
            }
            offset += n;
        }
    }

    /** The padded batch with links guiding its attention: several per target position, none for some. */
    public static Batch guidedBatch() {
        return paddedBatch().withLinks(new int[][] {{0, 0, 1, 0, 2, 1}, {0, 0, 0, 2}, {1, 0}});
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> guidedCases() {
        return AttentionKinds.ALL.names().stream().flatMap(kind -> java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of(kind, GuidedAlignment.Cost.CE),
                org.junit.jupiter.params.provider.Arguments.of(kind, GuidedAlignment.Cost.MSE)));
    }

    /**
     * Guided alignment's loss added to the translation loss, with every score and both costs: the attention's own
     * parameters and the decoder's recurrent weights that form the query (the rest is the path checked above).
     */
    @ParameterizedTest(name = "{0} attention, guided by {1}")
    @MethodSource("guidedCases")
    void guidedAlignmentGradientsMatchFiniteDifferencesForEveryScore(String attention, GuidedAlignment.Cost cost) {
        checkModelGradients(new ModelConfig(3, 2, 4, 3, 3, attention, "gru", 0.2, 0.1), "attention.|decoder.W_h",
                new GuidedAlignment(0.7, cost));
    }

    /** Guided alignment in a window of 1 and over two heads, whose mean is what the links guide. */
    @org.junit.jupiter.api.Test
    void guidedAlignmentGradientsMatchFiniteDifferencesInAWindowAndOverHeads() {
        checkModelGradients(new ModelConfig(3, 2, 4, 4, 3, "additive", "gru", 0.2, 0.1, 1, 1), "attention.",
                new GuidedAlignment(0.7, GuidedAlignment.Cost.CE));
        checkModelGradients(new ModelConfig(3, 2, 4, 4, 3, "additive", "lstm", 0.2, 0.1, 2), "attention.",
                new GuidedAlignment(0.7, GuidedAlignment.Cost.MSE));
    }

    /** Without links the guided loss is zero and the gradient is the translation loss's alone. */
    @org.junit.jupiter.api.Test
    void aBatchWithoutLinksHasNoGuidedLoss() {
        NmtModel model = NmtModel.create(new ModelConfig(3, 2, 4, 3, 3, "additive", "gru", 0.0, 0.0),
                SOURCE_VOCABULARY, TARGET_VOCABULARY, DataType.DOUBLE, 7);
        GuidedAlignment guided = new GuidedAlignment(1, GuidedAlignment.Cost.CE);
        Batch batch = paddedBatch();
        assertEquals(0.0, model.guidedLoss(batch, null, batch.targetTokens(), guided), 0.0);
        model.parameters().zeroGradients();
        model.lossAndGradients(batch, null, batch.targetTokens(), guided);
        INDArray withGuide = model.parameters().gradients().dup();
        model.parameters().zeroGradients();
        model.lossAndGradients(batch, null);
        assertEquals(model.parameters().gradients(), withGuide);
        assertTrue(model.guidedLoss(guidedBatch(), null, batch.targetTokens(), guided) > 0);
    }

    /**
     * The whole model's loss gradient against finite differences for the parameters whose names start with one of
     * the '|'-separated prefixes (all when empty), E = 3, H = 2, D = 4 = 2H (the dot score needs it), A = 3, O = 3.
     */
    public static void checkModelGradients(String attention, String cell, double dropout, double smoothing,
                                           String checkedPrefixes) {
        checkModelGradients(attention, cell, 1, dropout, smoothing, checkedPrefixes);
    }

    /** The same with K attention heads (A = 2K: two units a head). */
    static void checkModelGradients(String attention, String cell, int heads, double dropout, double smoothing,
                                    String checkedPrefixes) {
        checkModelGradients(new ModelConfig(3, 2, 4, heads == 1 ? 3 : 2 * heads, 3, attention, cell, dropout,
                smoothing, heads), checkedPrefixes);
    }

    private static void checkModelGradients(ModelConfig config, String checkedPrefixes) {
        checkModelGradients(config, checkedPrefixes, null);
    }

    // with guided alignment's loss added when guided is not null (on guidedBatch())
    private static void checkModelGradients(ModelConfig config, String checkedPrefixes, GuidedAlignment guided) {
        double dropout = config.dropout();
        NmtModel model = NmtModel.create(config, SOURCE_VOCABULARY, TARGET_VOCABULARY, DataType.DOUBLE, 7);
        if (model.parameters().has(AlignmentJumps.NAME)) {
            // a jump prior starts at 0, where the gradient through the previous step's weights vanishes
            INDArray w = model.parameters().get(AlignmentJumps.NAME).value();
            for (long i = 0; i < w.length(); i++) {
                w.putScalar(i, 0.9 * Math.sin(1.7 * i + 0.4));
            }
        }
        Batch batch = guided == null ? paddedBatch() : guidedBatch();
        long dropoutSeed = 11;
        double tokens = batch.targetTokens();
        java.util.function.DoubleSupplier loss = () -> model.loss(batch, rng(dropout, dropoutSeed)).meanLoss()
                + (guided == null ? 0 : model.guidedLoss(batch, rng(dropout, dropoutSeed), tokens, guided));
        model.parameters().zeroGradients();
        double lossWithGradients = model.lossAndGradients(batch, rng(dropout, dropoutSeed), tokens, guided)
                .meanLoss() + (guided == null ? 0 : model.guidedLoss(batch, rng(dropout, dropoutSeed), tokens, guided));
        assertEquals(lossWithGradients, loss.getAsDouble(), 0.0);
        INDArray analytic = model.parameters().gradients().dup();
        int significant = 0;
        long offset = 0;
        long checked = 0;
        for (Param p : model.parameters().all()) {
            long n = p.value().length();
            INDArray g = analytic.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(offset, offset + n)).reshape(p.value().shape());
            offset += n;
            if (!checkedPrefixes.isEmpty()
                    && java.util.Arrays.stream(checkedPrefixes.split("\\|")).noneMatch(p.name()::startsWith)) {
                continue;
            }
            int parameterSignificant = GradientCheck.check(p.name(), p.value(), g, loss);
            assertTrue(parameterSignificant > 0, p.name() + ": the gradient is insignificant at every element");
            significant += parameterSignificant;
            checked += n;
        }
        assertEquals(model.parameters().size(), offset);
        assertTrue(significant > checked / 3, "too few non-zero gradients: " + significant + " of " + checked);
    }

    private static Random rng(double dropout, long seed) {
        return dropout > 0 ? Nd4j.getRandomFactory().getNewRandomInstance(seed) : null;
    }
}
