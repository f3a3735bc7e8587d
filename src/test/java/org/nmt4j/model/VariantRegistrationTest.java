package org.nmt4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nmt4j.config.ModelConfig;
import org.nmt4j.model.attention.AttentionKinds;
import org.nmt4j.model.attention.ScaledDotScore;
import org.nmt4j.model.attention.ScaledDotSearchScore;
import org.nmt4j.model.io.ModelFolder;
import org.nmt4j.model.search.SearchDecoderTest;
import org.nmt4j.model.search.SearchScore;
import org.nmt4j.text.Vocabulary;

/**
 * The registries are the one place a variant plugs in: a kind registered here, from test code only (the scaled dot
 * product with its own parameter layout, queries and keys of twice the attention size), gets the gradient checks,
 * search held to the training forward, and a model folder that saves and loads, with no change to main code.
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
        assertEquals(5 * 8 + 4 * 8, model.parameters().get("attention.W_q").value().length()
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

    /**
     * A kind of the test's own: the scaled dot product with queries and keys twice the attention size, W_q [D,2A],
     * W_k [2H,2A] (its layout, initialisation and registration here; the score's classes are main's).
     */
    private static final class ScaledDot implements AttentionKind {

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public void layout(Parameters.Layout layout, String prefix, Sizes sizes) {
            layout.add(prefix + ".W_q", sizes.query(), 2 * sizes.attention())
                    .add(prefix + ".W_k", sizes.values(), 2 * sizes.attention());
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
            return new ScaledDotSearchScore(p.get(prefix + ".W_q").value());
        }
    }
}
