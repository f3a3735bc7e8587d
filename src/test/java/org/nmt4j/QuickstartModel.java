package org.nmt4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.nmt4j.config.ExperimentConfig;
import org.nmt4j.train.StopRequest;
import org.nmt4j.train.Trainer;
import org.nmt4j.train.TrainingMonitor;
import org.nmt4j.train.TrainingState;
import org.nmt4j.train.ValidationResult;

/**
 * The quickstart's model, trained once per test run for 150 steps (about 20 seconds; it already translates data/'s
 * validation sentences at 99 BLEU): for tests that compare translations, where the untrained {@link TinyModel}'s
 * near-tied scores let float rounding decide.
 */
public final class QuickstartModel {

    private static Path folder;

    private QuickstartModel() {
    }

    public static synchronized Path folder() {
        if (folder == null) {
            try {
                Path dir = Files.createTempDirectory("nmt4j-quickstart").resolve("quickstart");
                ExperimentConfig config = ExperimentConfig.load(Path.of("configs/quickstart.yaml"),
                        List.of("folder=" + dir, "training.max_steps=150", "training.max_minutes=0",
                                "validation.max_sentences=20"));
                new Trainer(config, new TrainingMonitor() {
                    @Override
                    public void message(String line) {
                    }

                    @Override
                    public void stepped(TrainingState state, double loss, double tokensPerSecond, double done) {
                    }

                    @Override
                    public void validated(TrainingState state, ValidationResult result, boolean best) {
                    }
                }, new StopRequest()).run();
                folder = dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return folder;
    }
}
