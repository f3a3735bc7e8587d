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

class ServeConfigTest {

    @Test
    void aYamlFileWithFlagsOverItKeepsTheModelsInOrder(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("serve.yaml");
        Files.writeString(file, "port: 9000\nmodels:\n  de-en: models/a\n  fr-en: [models/b, models/b2]\nthreads: 3\n");
        ServeConfig c = ServeConfig.load(file, List.of("port=0", "models.x=\"models/c d\"", "truncate=true"));
        assertEquals(0, c.port());
        assertEquals(3, c.threads());
        assertEquals(List.of("de-en", "fr-en", "x"), List.copyOf(c.models().keySet()));
        assertEquals("de-en", c.defaultModel());
        assertEquals(List.of(Path.of("models/c d")), c.models().get("x"));
        assertEquals(List.of(Path.of("models/b"), Path.of("models/b2")), c.models().get("fr-en")); // an ensemble
        assertTrue(c.truncate());
        assertEquals(32, c.maxBatchSize());
        assertEquals(1 << 20, c.maxRequestBytes());
        assertFalse(c.shortlist());
        assertTrue(ServeConfig.load(file, List.of("shortlist=true")).shortlist());
    }

    @Test
    void unknownKeysBadValuesAndNoModelAreOneLineErrors(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("serve.yaml");
        Files.writeString(file, "models: {a: m}\nmax_batch_sise: 8\n");
        UserError misspelt = assertThrows(UserError.class, () -> ServeConfig.load(file, List.of()));
        assertEquals(file + ": unknown key 'max_batch_sise' (did you mean 'max_batch_size'?)", misspelt.getMessage());
        UserError noModel = assertThrows(UserError.class, () -> ServeConfig.load(null, List.of("port=1")));
        assertTrue(noModel.getMessage().contains("no model to serve"), noModel.getMessage());
        UserError port = assertThrows(UserError.class,
                () -> ServeConfig.load(null, List.of("models.a=m", "port=70000")));
        assertEquals("nmt4j serve: port: 70000 is not a port (0 to 65535)", port.getMessage());
        UserError threads = assertThrows(UserError.class,
                () -> ServeConfig.load(null, List.of("models.a=m", "threads=0")));
        assertEquals("nmt4j serve: threads: must be at least 1, not 0", threads.getMessage());
        UserError id = assertThrows(UserError.class, () -> ServeConfig.load(null, List.of("models.-a=m")));
        assertTrue(id.getMessage().contains("models.-a: a model id is letters"), id.getMessage());
    }

    @Test
    void aModelIsServedUnderItsFolderNameByDefault() {
        assertEquals("multi30k-de-en", ServeConfig.defaultId(Path.of("models/multi30k-de-en/")));
        assertEquals("m_x", ServeConfig.defaultId(Path.of("/tmp/_x")));
    }
}
