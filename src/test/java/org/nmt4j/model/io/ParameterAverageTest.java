package org.nmt4j.model.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nmt4j.io.UserError;
import org.nmt4j.config.ModelConfig;
import org.nmt4j.model.NmtModel;
import org.nmt4j.text.Vocabulary;

class ParameterAverageTest {

    @TempDir
    Path dir;

    private static final ModelConfig CONFIG = new ModelConfig(3, 2, 4, 3, 3, "additive", 0.1, 0.0);

    private static Vocabulary vocabulary(String prefix) {
        Map<String, Long> counts = new HashMap<>();
        for (int i = 0; i < 6; i++) {
            counts.put(prefix + i, (long) (100 - i));
        }
        return Vocabulary.build(counts, 1, 0);
    }

    private static NmtModel model(ModelConfig config, long seed) {
        return NmtModel.create(config, 10, 10, DataType.FLOAT, seed);
    }

    @Test
    void theAverageOfTwoParameterFilesIsTheirElementWiseMeanInANewModelFolder() throws IOException {
        NmtModel a = model(CONFIG, 5);
        NmtModel b = model(CONFIG, 6);
        Path folder = dir.resolve("model");
        ModelFolder.save(folder, a, vocabulary("s"), vocabulary("t"));
        Files.writeString(folder.resolve(ModelFolder.CONFIG), "name: x\n");
        Path other = dir.resolve("b.bin");
        ParameterFile.write(b.parameters(), other);

        Path averaged = dir.resolve("averaged");
        ParameterAverage.write(folder, List.of(folder.resolve(ModelFolder.PARAMETERS), other), averaged);

        float[] x = a.parameters().values().toFloatVector();
        float[] y = b.parameters().values().toFloatVector();
        float[] mean = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            mean[i] = (float) (((double) x[i] + y[i]) / 2);
        }
        ModelFolder.Loaded loaded = ModelFolder.load(averaged);
        assertArrayEquals(mean, loaded.model().parameters().values().toFloatVector());
        assertEquals(vocabulary("s"), loaded.source());
        assertEquals("name: x\n", Files.readString(averaged.resolve(ModelFolder.CONFIG)));
        // the model folder is untouched
        assertArrayEquals(x, ModelFolder.load(folder).model().parameters().values().toFloatVector());
        assertTrue(Files.notExists(dir.resolve("averaged.partial")));
    }

    @Test
    void aFileOfAnotherModelOrAnExistingOutputIsAOneLineError() throws IOException {
        Path folder = dir.resolve("model");
        ModelFolder.save(folder, model(CONFIG, 5), vocabulary("s"), vocabulary("t"));
        Path wider = dir.resolve("wider.bin");
        ParameterFile.write(model(new ModelConfig(3, 2, 5, 3, 3, "additive", 0.1, 0.0), 5).parameters(), wider);
        UserError e = assertThrows(UserError.class, () -> ParameterAverage.write(folder,
                List.of(folder.resolve(ModelFolder.PARAMETERS), wider), dir.resolve("out")));
        assertTrue(e.getMessage().startsWith(wider.toString()), e.getMessage());
        assertTrue(Files.notExists(dir.resolve("out")));
        e = assertThrows(UserError.class, () -> ParameterAverage.write(folder,
                List.of(folder.resolve(ModelFolder.PARAMETERS)), folder));
        assertTrue(e.getMessage().contains("exists"), e.getMessage());
    }
}
