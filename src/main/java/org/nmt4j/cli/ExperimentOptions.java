package org.nmt4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.nmt4j.config.ExperimentConfig;

import picocli.CommandLine.Option;

/** The experiment a command works on: {@code --config} and its {@code --set} overrides (train, prepare). */
final class ExperimentOptions {

    @Option(names = {"-c", "--config"}, required = true, description = "The experiment's YAML config.")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a config value, e.g. --set training.max_steps=1000 (repeatable).")
    List<String> overrides = new ArrayList<>();

    /** The config with the overrides applied. */
    ExperimentConfig load() {
        return ExperimentConfig.load(config, overrides);
    }
}
