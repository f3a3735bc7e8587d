package org.nmt4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.config.ModelConfig;
import org.nmt4j.model.io.ModelFolder;
import org.nmt4j.model.search.DotSearchScore;
import org.nmt4j.model.search.SearchDecoderTest;
import org.nmt4j.model.search.SearchMemory;
import org.nmt4j.model.search.SearchScore;
import org.nmt4j.text.Vocabulary;

/**
 * The registries are the one place a variant plugs in: a score written here, in test code only (the Transformer's
 * scaled dot product over projected queries and keys, {@code e_tj = (W_q s_{t−1}) · (W_k h_j) / √A}), registered
 * once, gets the gradient checks, search held to the training forward, and a model folder that saves and loads,
 * with no change to main code.
 */
class VariantRegistrationTest {

    static final String NAME = "scaled_dot_test";

    static {
        if (AttentionKinds.ALL.find(NAME) == null) {
            AttentionKinds.ALL.register(new ScaledDot());
        }
    }

    @Test
    void aScoreRegisteredFromTestCodeGetsTheLayerGradientCheck() {
        AttentionTest.checkGradients(AttentionKinds.ALL.get(NAME));
    }

    @Test
    void aScoreRegisteredFromTestCodeGetsTheWholeModelGradientCheck() {
        NmtModelGradientTest.checkModelGradients(NAME, "gru", 0.2, 0.1, "attention.|bridge.|decoder.W_h");
    }

    @Test
    void aScoreRegisteredFromTestCodeIsSearchedAsItIsTrained() {
        SearchDecoderTest.checkSearchEqualsTraining(NAME, "gru", DataType.FLOAT);
    }

    @Test
    void aModelWithARegisteredScoreIsConfiguredSavedAndLoaded(@TempDir Path dir) throws Exception {
        ModelConfig config = new ModelConfig(3, 2, 5, 4, 3, NAME, 0, 0);
        NmtModel model = NmtModel.create(config, 9, 8, DataType.FLOAT, 3);
        assertEquals(5 * 4 + 4 * 4, model.parameters().get("attention.W_q").value().length()
                + model.parameters().get("attention.W_k").value().length());
        Vocabulary source = Vocabulary.build(Map.of("a", 5L, "b", 4L, "c", 3L, "d", 2L, "e", 1L), 1, 0);
        Vocabulary target = Vocabulary.build(Map.of("x", 4L, "y", 3L, "z", 2L, "w", 1L), 1, 0);
        ModelFolder.save(dir, model, source, target);
        NmtModel loaded = ModelFolder.load(dir).model();
        assertEquals(NAME, loaded.config().attention());
        Batch batch = NmtModelGradientTest.paddedBatch();
        assertEquals(model.loss(batch, null).meanLoss(), loaded.loss(batch, null).meanLoss(), 0.0);
        assertTrue(AttentionKinds.ALL.names().contains(NAME));
    }

    /** W_q [D,A], W_k [2H,A]. */
    private static final class ScaledDot implements AttentionKind {

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public void layout(Parameters.Layout layout, String prefix, Sizes sizes) {
            layout.add(prefix + ".W_q", sizes.query(), sizes.attention())
                    .add(prefix + ".W_k", sizes.values(), sizes.attention());
        }

        @Override
        public long fanIn(String parameter, Sizes sizes) {
            return parameter.equals("W_q") ? sizes.query() : sizes.values();
        }

        @Override
        public AttentionScore training(Parameters p, String prefix) {
            return new ScaledDotScore(p.get(prefix + ".W_q"), p.get(prefix + ".W_k"));
        }

        @Override
        public SearchScore search(Parameters p, String prefix) {
            INDArray wq = p.get(prefix + ".W_q").value();
            double scale = 1 / Math.sqrt(wq.size(1));
            DotSearchScore dot = new DotSearchScore();
            return new SearchScore() {
                @Override
                public INDArray queryProjection() {
                    return wq;
                }

                @Override
                public float[] scores(float[] queries, SearchMemory memory, int[] groupOfRow) {
                    float[] scores = dot.scores(queries, memory, groupOfRow);
                    for (int i = 0; i < scores.length; i++) {
                        scores[i] *= (float) scale;
                    }
                    return scores;
                }
            };
        }
    }

    private static final class ScaledDotScore implements AttentionScore {

        private final Param wq;
        private final Param wk;

        ScaledDotScore(Param wq, Param wk) {
            this.wq = wq;
            this.wk = wk;
        }

        private double scale() {
            return 1 / Math.sqrt(wq.value().size(1));
        }

        // values [S,B,2H] -> keys [S,B,A]
        @Override
        public INDArray keys(INDArray values) {
            long s = values.size(0);
            long b = values.size(1);
            return values.reshape(s * b, values.size(2)).mmul(wk.value()).reshape(s, b, wk.value().size(1));
        }

        @Override
        public Param queryProjection() {
            return wq;
        }

        @Override
        public void scores(double[] queries, EncoderMemory memory, double[] scores) {
            DotScore.dotScores(queries, memory, scores, scale());
        }

        @Override
        public void backward(double[] queries, double[] dScores, EncoderMemory memory, double[] dQueries,
                             double[] dKeys) {
            DotScore.dotBackward(queries, dScores, memory, dQueries, dKeys, scale());
        }

        @Override
        public void keysBackward(INDArray values, INDArray dKeys, INDArray dValues) {
            long s = values.size(0);
            long b = values.size(1);
            INDArray values2d = values.reshape(s * b, values.size(2));
            INDArray dKeys2d = dKeys.reshape(s * b, dKeys.size(2));
            wk.gradient().addi(values2d.transpose().mmul(dKeys2d));
            dValues.addi(dKeys2d.mmul(wk.value().transpose()).reshape(dValues.shape()));
        }
    }
}
