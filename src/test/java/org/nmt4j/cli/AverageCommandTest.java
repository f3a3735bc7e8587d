package org.nmt4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.TrainedModel;
import org.nmt4j.model.Parameters;
import org.nmt4j.model.io.ModelFolder;
import org.nmt4j.model.io.ParameterAverage;
import org.nmt4j.train.KeptParameters;
import org.nmt4j.translate.Translator;

class AverageCommandTest {

    @TempDir
    Path dir;

    @Test
    void averagesTheLastKeptSetsIntoAModelFolderThatTranslates() {
        Path model = TrainedModel.train("configs/tiny.yaml", "tiny-kept", "training.max_steps=12",
                "validation.every_steps=4", "training.keep_checkpoints=3");
        List<Path> kept = KeptParameters.list(model);
        assertEquals(List.of(4L, 8L, 12L), kept.stream().map(KeptParameters::step).toList());

        Path out = dir.resolve("averaged");
        CommandRun run = CommandRun.of("average", "--model", model.toString(), "--last", "2", "-o", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("averaged 2 parameter sets into " + out), run.err());
        Parameters expected = ModelFolder.load(model).model().parameters();
        ParameterAverage.average(kept.subList(1, 3), expected);
        assertArrayEquals(expected.values().toFloatVector(),
                ModelFolder.load(out).model().parameters().values().toFloatVector());
        assertFalse(Translator.load(out).translate("Ein Hund läuft .").text().isBlank());

        CommandRun again = CommandRun.of("average", "--model", model.toString(), "--last", "2", "-o", out.toString());
        assertEquals(1, again.exitCode());
        assertEquals("nmt4j: error: " + out + ": exists; the averaged model goes into a new folder", again.err().strip());
        CommandRun tooMany = CommandRun.of("average", "-m", model.toString(), "--last", "4", "-o",
                dir.resolve("x").toString());
        assertEquals(1, tooMany.exitCode());
        assertEquals(1, tooMany.err().strip().lines().count(), tooMany.err());
        assertTrue(tooMany.err().contains("holds 3 kept parameter sets, 4 asked for"), tooMany.err());
    }
}
