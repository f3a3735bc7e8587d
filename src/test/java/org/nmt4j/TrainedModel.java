package org.nmt4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.nmt4j.config.ExperimentConfig;
import org.nmt4j.train.StopRequest;
import org.nmt4j.train.Trainer;
import org.nmt4j.train.TrainingMonitor;
import org.nmt4j.train.TrainingState;
import org.nmt4j.train.ValidationResult;

/** A model folder trained silently from a config, for the test fixtures {@link TinyModel} and {@link QuickstartModel}. */
public final class TrainedModel {

    private TrainedModel() {
    }

    public static Path train(String config, String name, String... overrides) {
        try {
            Path dir = Files.createTempDirectory("nmt4j-" + name).resolve(name);
            List<String> all = new ArrayList<>(List.of("folder=" + dir));
            all.addAll(List.of(overrides));
            new Trainer(ExperimentConfig.load(Path.of(config), all), new TrainingMonitor() {
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
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
