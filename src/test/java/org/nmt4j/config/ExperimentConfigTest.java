package org.nmt4j.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.io.UserError;

class ExperimentConfigTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static final String MINIMAL = """
            name: m
            data: {train_source: a.de, train_target: a.en}
            preprocessing: {source_language: de, target_language: en}
            """;

    private String error(String yaml, String... overrides) throws IOException {
        Path file = write(yaml);
        return assertThrows(UserError.class, () -> ExperimentConfig.load(file, List.of(overrides))).getMessage();
    }

    // the error of a config whose model section loads but names variants the model cannot be built with (checked
    // where the model is built: training, a model folder)
    private String variantError(String yaml) throws IOException {
        ExperimentConfig config = ExperimentConfig.load(write(yaml), List.of());
        return assertThrows(UserError.class, () -> org.nmt4j.model.ModelVariants.check(config.model(),
                config.origin())).getMessage();
    }

    @Test
    void shippedConfigsLoadWithoutUnknownKeys() {
        for (String name : List.of("tiny", "quickstart", "multi30k-de-en", "multi30k-reference", "any-language-pair")) {
            ExperimentConfig c = ExperimentConfig.load(Path.of("configs", name + ".yaml"));
            assertEquals(name, c.name());
            assertEquals(Path.of("models", name), c.folder());
        }
    }

    @Test
    void referenceConfigIsTheArchitectureReference() {
        ExperimentConfig c = ExperimentConfig.load(Path.of("configs/multi30k-reference.yaml"));
        assertEquals(ModelConfig.reference(), c.model());
        assertEquals("regex", c.preprocessing().tokenizer());
        assertTrue(c.preprocessing().lowercase());
        assertEquals(2530, c.training().maxSteps());
        assertEquals(64, c.training().batchSize());
    }

    @Test
    void defaultsFillTheEffectiveConfig() throws IOException {
        ExperimentConfig c = ExperimentConfig.load(write(MINIMAL));
        assertEquals(64, c.training().batchSize());
        assertEquals("corenlp", c.preprocessing().tokenizer());
        assertEquals(ModelConfig.reference(), c.model());
        @SuppressWarnings("unchecked")
        var training = (java.util.Map<String, Object>) c.effective().get("training");
        assertEquals(64, training.get("batch_size"));
        assertEquals(0.001, training.get("learning_rate"));
        assertEquals(DecodingConfig.BATCH_TOKENS, c.decoding().batchTokens());
    }

    @Test
    void savedEffectiveConfigLoadsToTheSameRecords() throws IOException {
        ExperimentConfig c = ExperimentConfig.load(write(MINIMAL + "training: {max_steps: 7, learning_rate: 2e-4}\n"));
        Path saved = dir.resolve("effective.yaml");
        c.save(saved);
        ExperimentConfig again = ExperimentConfig.load(saved);
        assertEquals(c.training(), again.training());
        assertEquals(c.model(), again.model());
        assertEquals(c.decoding(), again.decoding());
        assertEquals(c.data(), again.data());
        assertEquals(2e-4, again.training().learningRate());
    }

    @Test
    void misspeltKeyIsNamedWithASuggestion() throws IOException {
        String message = error(MINIMAL + "training: {batch_sise: 32}\n");
        assertTrue(message.contains("c.yaml: unknown key 'training.batch_sise' (did you mean 'training.batch_size'?)"),
                message);
    }

    @Test
    void unknownSectionIsAnError() throws IOException {
        assertTrue(error(MINIMAL + "trainign: {}\n").contains("unknown key 'trainign' (did you mean 'training'?)"));
    }

    @Test
    void wrongTypesNameTheKey() throws IOException {
        assertTrue(error(MINIMAL + "training: {batch_size: many}\n")
                .endsWith("c.yaml: training.batch_size: must be a whole number, not 'many'"));
        assertTrue(error(MINIMAL + "model: {dropout: 1.5}\n").contains("model.dropout: 1.5 is not in [0.0, 1.0)"));
        // (a test registers variants of its own: the lists may go on)
        assertTrue(variantError(MINIMAL + "model: {attention: cosine}\n")
                .contains("c.yaml: model.attention: 'cosine' is not one of additive, general, dot, scaled_dot"));
        assertTrue(variantError(MINIMAL + "model: {cell: rnn}\n")
                .contains("c.yaml: model.cell: 'rnn' is not one of gru, lstm"));
        assertTrue(error(MINIMAL + "model: {attention_size: 256, attention_heads: 3}\n")
                .contains("model.attention_heads: attention_size 256 is not a multiple of 3 heads"));
        assertTrue(variantError(MINIMAL + "model: {attention: dot, encoder_size: 256, attention_heads: 2}\n")
                .contains("'dot' has no parameters of its own, so its 2 heads would be identical"));
        assertTrue(error(MINIMAL + "model: {attention_heads: 0}\n").contains("model.attention_heads: must be"));
        assertTrue(error(MINIMAL + "model: {attention_query: word}\n")
                .contains("model.attention_query: 'word' is not one of state, state_and_word"));
        assertTrue(error(MINIMAL + "training: {guided_alignment: {links: auto, detach: true}}\n")
                .endsWith("training.guided_alignment.detach: needs model.alignment_head (detached from the model, "
                        + "guidance would train nothing)"));
        assertTrue(error(MINIMAL + "model: {alignment_head: true}\n")
                .endsWith("model.alignment_head: needs training.guided_alignment (the links that train it)"));
        assertTrue(error(MINIMAL + "model: {alignment_jumps: 4}\n")
                .contains("model.alignment_jumps: needs model.alignment_head (the jumps are the head's)"));
        assertTrue(error(MINIMAL + "model: {alignment_jumps: -1}\n").contains("model.alignment_jumps: must be"));
        assertTrue(variantError(MINIMAL + "model: {alignment_head: true, alignment_attention: general}\n"
                + "training: {guided_alignment: {links: auto}}\n")
                .contains("model.alignment_attention: 'general' is not an attention kind that projects its query"));
        assertTrue(variantError(MINIMAL + "model: {attention: general, attention_query: state_and_word}\n")
                .contains("model.attention_query: 'general' scores the decoder state itself"));
        assertTrue(error(MINIMAL + "validation: {lowercase: maybe}\n")
                .contains("validation.lowercase: must be true or false"));
        assertTrue(error(MINIMAL + "training: 3\n").contains("training: must be a mapping"));
        assertTrue(error(MINIMAL + "decoding: {batch_tokens: -5}\n")
                .endsWith("decoding.batch_tokens: must be 0 (off) or more"));
    }

    @Test
    void missingRequiredKeysAreNamed() throws IOException {
        assertTrue(error("data: {train_source: a, train_target: b}\n").contains("name: missing"));
        assertTrue(error("name: m\npreprocessing: {source_language: de, target_language: en}\n")
                .contains("data.train_source: missing"));
        assertTrue(error(MINIMAL.replace("target_language: en", "target_language: xx"))
                .contains("preprocessing.target_language: unknown language code 'xx'"));
    }

    @Test
    void overridesApplyAndAreChecked() throws IOException {
        ExperimentConfig c = ExperimentConfig.load(write(MINIMAL), List.of("training.max_steps=5", "model.dropout=0"));
        assertEquals(5, c.training().maxSteps());
        assertEquals(0.0, c.model().dropout());
        assertTrue(error(MINIMAL, "training.max_stepz=5").contains("unknown key 'training.max_stepz'"));
        assertTrue(error(MINIMAL, "training").contains("--set training: expected key=value"));
    }

    @Test
    void invalidYamlNamesTheLine() throws IOException {
        assertTrue(error("name: m\ndata: [a, b\n").matches(".*c\\.yaml:\\d+: not valid YAML.*"));
    }

    @Test
    void missingTrainingFileIsNamedByCheck() throws IOException {
        ExperimentConfig c = ExperimentConfig.load(write(MINIMAL));
        String message = assertThrows(UserError.class, () -> c.data().checkFilesExist(c.origin())).getMessage();
        assertTrue(message.endsWith("data.train_source: no such file 'a.de'"), message);
        assertFalse(c.data().hasValidation());
    }

    @Test
    void severalWeightedTrainingCorporaAreAListThatSavesAndLoadsAgain() throws IOException {
        String corpora = """
                name: m
                data:
                  train:
                    - {source: in.de, target: in.en, weight: 3}
                    - {source: general.de, target: general.en}
                preprocessing: {source_language: de, target_language: en}
                """;
        ExperimentConfig c = ExperimentConfig.load(write(corpora));
        assertEquals(List.of(new DataConfig.Corpus(Path.of("in.de"), Path.of("in.en"), 3.0),
                new DataConfig.Corpus(Path.of("general.de"), Path.of("general.en"), 1.0)), c.data().train());
        Path saved = dir.resolve("saved.yaml");
        c.save(saved);
        assertEquals(c.data(), ExperimentConfig.load(saved).data());
        String message = assertThrows(UserError.class, () -> c.data().checkFilesExist(c.origin())).getMessage();
        assertTrue(message.endsWith("data.train[1].source: no such file 'in.de'"), message);
        assertTrue(error(corpora.replace("weight: 3", "weight: 0")).endsWith("data.train[1].weight: must be above 0, "
                + "not 0.0"));
        assertTrue(error(corpora.replace("weight: 3", "wieght: 3")).contains("unknown key 'data.train[1].wieght'"));
        assertTrue(error(corpora.replace("{source: general.de, target: general.en}", "{source: general.de}"))
                .endsWith("data.train[2].target: missing"));
        assertTrue(error(corpora, "data.train_source=x.de").contains("either as train (a list) or as train_source"));
    }

    @Test
    void anyLanguagePairNeedsNoLanguageCodesWithTheLanguageIndependentTokenizers() throws IOException {
        for (String tokenizer : List.of("none", "unicode")) {
            ExperimentConfig c = ExperimentConfig.load(write("""
                    name: m
                    data: {train_source: a.cs, train_target: a.en}
                    preprocessing: {tokenizer: %s, bpe_merges: 100}
                    """.formatted(tokenizer)));
            assertEquals(tokenizer, c.preprocessing().tokenizer());
            assertTrue(c.preprocessing().nfkc());
            Path saved = dir.resolve("saved-" + tokenizer + ".yaml");
            c.save(saved);
            assertEquals(c.preprocessing(), ExperimentConfig.load(saved).preprocessing());
        }
        assertTrue(error(MINIMAL.replace("source_language: de", "source_language: cs"))
                .contains("(for other languages set tokenizer: unicode or none)"));
    }
}
