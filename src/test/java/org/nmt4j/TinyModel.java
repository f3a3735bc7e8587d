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

/** A model folder trained once per test run with configs/tiny.yaml (a few seconds), for translator and CLI tests. */
public final class TinyModel {

    private static Path folder;

    private TinyModel() {
    }

    public static synchronized Path folder() {
        if (folder == null) {
            try {
                Path dir = Files.createTempDirectory("nmt4j-tiny").resolve("tiny");
                ExperimentConfig config = ExperimentConfig.load(Path.of("configs/tiny.yaml"),
                        List.of("folder=" + dir, "training.max_steps=30", "validation.every_steps=0"));
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
