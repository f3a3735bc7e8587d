package org.nmt4j.model.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nmt4j.io.UserError;
import org.nmt4j.config.ModelConfig;
import org.nmt4j.model.Batch;
import org.nmt4j.model.NmtModel;
import org.nmt4j.model.NmtModelGradientTest;
import org.nmt4j.text.Vocabulary;

class ModelFolderTest {

    @TempDir
    Path dir;

    private NmtModel model;
    private Vocabulary source;
    private Vocabulary target;

    private static Vocabulary vocabulary(int size, String prefix) {
        Map<String, Long> counts = new HashMap<>();
        for (int i = 0; i < size - 4; i++) {
            counts.put(prefix + i, (long) (100 - i));
        }
        return Vocabulary.build(counts, 1, 0);
    }

    @BeforeEach
    void saveATinyModel() throws IOException {
        source = vocabulary(NmtModelGradientTest.SOURCE_VOCABULARY, "s");
        target = vocabulary(NmtModelGradientTest.TARGET_VOCABULARY, "t");
        model = NmtModel.create(new ModelConfig(3, 2, 4, 3, 3, "additive", 0.1, 0.0), source.size(), target.size(),
                DataType.FLOAT, 5);
        ModelFolder.save(dir, model, source, target);
    }

    @Test
    void loadedModelHasTheSameParametersVocabulariesAndLoss() throws IOException {
        ModelFolder.Loaded loaded = ModelFolder.load(dir);
        assertArrayEquals(model.parameters().values().toFloatVector(),
                loaded.model().parameters().values().toFloatVector());
        assertEquals(source, loaded.source());
        assertEquals(target, loaded.target());
        assertEquals(model.config(), loaded.model().config());
        Batch batch = NmtModelGradientTest.paddedBatch();
        assertEquals(model.loss(batch, null).meanLoss(), loaded.model().loss(batch, null).meanLoss(), 0.0);
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("model.yaml", "parameters.bin", "vocab.src.txt", "vocab.tgt.txt"),
                    files.map(p -> p.getFileName().toString()).sorted().toList()); // no temporary file left
        }
    }

    @Test
    void everyFileOfTheFolderHasThePermissionsOfTheUmask() throws IOException {
        var expected = org.nmt4j.io.AtomicFileTest.umaskPermissions(dir);
        for (String name : new String[] {"model.yaml", "parameters.bin", "vocab.src.txt", "vocab.tgt.txt"}) {
            assertEquals(expected, Files.getPosixFilePermissions(dir.resolve(name)), name);
        }
    }

    /**
     * An LSTM with four scaled dot-product heads in a window, reading the previous word, saves its cell, heads, window
     * and query, and loads as the same function.
     */
    @Test
    void aModelWithAnLstmAndAttentionHeadsLoadsAsItWasSaved(@TempDir Path other)
            throws IOException {
        NmtModel heads = NmtModel.create(new ModelConfig(3, 2, 4, 8, 3, "scaled_dot", "lstm", 0.1, 0.0, 4, 2,
                ModelConfig.QUERY_STATE_AND_WORD), source.size(), target.size(), DataType.FLOAT, 5);
        ModelFolder.save(other, heads, source, target);
        String yaml = Files.readString(other.resolve(ModelFolder.MODEL_FILE));
        assertTrue(yaml.contains("attention_heads: 4") && yaml.contains("attention_window: 2")
                && yaml.contains("attention_query: state_and_word") && yaml.contains("cell: lstm"), yaml);
        NmtModel loaded = ModelFolder.load(other).model();
        assertEquals(heads.config(), loaded.config());
        assertEquals(8 * 2 * 4 + (4 + 3) * 2, heads.parameters().get("attention.W_c").value().length()
                + heads.parameters().get("attention.head3.W_q").value().length()); // W_q [D+E, A/K]
        Batch batch = NmtModelGradientTest.paddedBatch();
        assertEquals(heads.loss(batch, null).meanLoss(), loaded.loss(batch, null).meanLoss(), 0.0);
    }

    /** A folder from before attention heads, windows and queries (none of the keys): one head, global, the state. */
    @Test
    void aFolderWithoutAttentionHeadsHasOne() throws IOException {
        Path file = dir.resolve(ModelFolder.MODEL_FILE);
        Files.writeString(file, Files.readString(file).replaceAll("attention_(heads: 1|window: 0|query: state)\n", ""));
        assertFalse(Files.readString(file).matches("(?s).*attention_(heads|window|query).*"));
        assertEquals(1, ModelFolder.load(dir).model().config().attentionHeads());
        assertEquals(0, ModelFolder.load(dir).model().config().attentionWindow());
        assertEquals("state", ModelFolder.load(dir).model().config().attentionQuery());
    }

    @Test
    void truncatedParameterFileIsAClearError() throws IOException {
        Path file = dir.resolve(ModelFolder.PARAMETERS);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        UserError error = assertThrows(UserError.class, () -> ModelFolder.load(dir));
        assertTrue(error.getMessage().startsWith(file + ": truncated"), error.getMessage());
    }

    @Test
    void corruptedParameterFileFailsTheChecksum() throws IOException {
        Path file = dir.resolve(ModelFolder.PARAMETERS);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 50] ^= 0x10;
        Files.write(file, bytes);
        UserError error = assertThrows(UserError.class, () -> ModelFolder.load(dir));
        assertEquals(file + ": checksum mismatch, the file is corrupted", error.getMessage());
    }

    @Test
    void configThatDoesNotMatchTheParametersIsAClearError() throws IOException {
        Path yaml = dir.resolve(ModelFolder.MODEL_FILE);
        Files.writeString(yaml, Files.readString(yaml).replace("encoder_size: 2", "encoder_size: 3"));
        UserError error = assertThrows(UserError.class, () -> ModelFolder.load(dir));
        assertTrue(error.getMessage().contains("does not match the config's"), error.getMessage());
    }

    @Test
    void unknownKeysAndMissingFilesAreClearErrors() throws IOException {
        Path yaml = dir.resolve(ModelFolder.MODEL_FILE);
        String original = Files.readString(yaml);
        Files.writeString(yaml, original + "encoder_sise: 2\n");
        assertEquals(yaml + ": unknown key(s) [encoder_sise]",
                assertThrows(UserError.class, () -> ModelFolder.load(dir)).getMessage());
        Files.writeString(yaml, original);
        Files.delete(dir.resolve(ModelFolder.TARGET_VOCABULARY));
        assertEquals(dir.resolve(ModelFolder.TARGET_VOCABULARY) + ": no such file",
                assertThrows(UserError.class, () -> ModelFolder.load(dir)).getMessage());
        assertEquals(dir.resolve("nope") + ": no such model folder",
                assertThrows(UserError.class, () -> ModelFolder.load(dir.resolve("nope"))).getMessage());
    }
}
