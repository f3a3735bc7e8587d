package org.nmt4j.cli.bench;

import org.nmt4j.cli.CommandRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.TinyModel;
import org.nmt4j.TrainedModel;

/**
 * {@code bench translate --source-lengths} with a global and a windowed model: a line of figures per model and
 * length, and one plot with both; a sentence far longer than training's translates in both.
 */
class LongInputBenchmarkTest {

    @TempDir
    Path dir;

    @Test
    void globalAndWindowedModelsAreMeasuredSideBySide() throws Exception {
        Path windowed = TrainedModel.train("configs/tiny.yaml", "tiny-window", "training.max_steps=4",
                "validation.every_steps=0", "model.attention_window=2");
        Path plot = dir.resolve("long.png");
        CommandRun run = CommandRun.of("bench", "translate", "-m", TinyModel.folder().toString(), "-m",
                windowed.toString(), "--threads", "1", "--source-lengths", "300,5", "--plot", plot.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().filter(l -> l.contains("source_length")).toList();
        assertEquals(4, lines.size(), run.out());
        assertTrue(lines.get(0).startsWith("model tiny source_length 5 "), lines.get(0));
        assertTrue(lines.get(3).startsWith("model tiny-window source_length 300 "), lines.get(3));
        assertTrue(Files.size(plot) > 1000);
    }
}
