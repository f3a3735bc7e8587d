package org.nmt4j.spark.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.nmt4j.io.UserError;
import org.nmt4j.config.ExperimentConfig;
import org.nmt4j.spark.SparkSessions;
import org.nmt4j.spark.train.SparkTraining;
import org.nmt4j.spark.train.TrainingLines;
import org.nmt4j.train.StopRequest;
import org.nmt4j.train.Trainer;
import org.nmt4j.train.TrainingMonitor;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Data-parallel training across the cluster: 'nmt4j train' on the same config, its batches run "
                + "by --workers tasks that train training.average_every steps each from the averaged parameters and "
                + "Adam moments. The model folder (on the driver) is the kind 'nmt4j train' writes; the same command "
                + "resumes it."})
final class SparkTrainCommand implements Runnable {

    @Option(names = {"-c", "--config"}, required = true, description = "The experiment's YAML config.")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a config value (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--workers", defaultValue = "0",
            description = "Training tasks per round (default: Spark's default parallelism).")
    int workers;

    @Mixin
    SparkOptions spark;

    @Override
    public void run() {
        ExperimentConfig experiment = ExperimentConfig.load(config, overrides);
        try (SparkSessions.Session session = spark.open("train")) {
            int w = workers > 0 ? workers : session.spark().sparkContext().defaultParallelism();
            System.err.printf("nmt4j spark train: %s → %s (%d workers, averaging every %d steps)%n",
                    experiment.name(), experiment.folder(), w, experiment.training().averageEvery());
            TrainingMonitor monitor = new TrainingLines(experiment.training().logEvery());
            Trainer.Outcome outcome = SparkTraining.run(session.spark(), experiment, w, monitor,
                    new StopRequest().onSignals());
            System.err.printf("done: %s after %d steps, %.2f epochs; model in %s%n", outcome.reason(),
                    outcome.state().step(), outcome.epochs(), experiment.folder());
        } catch (java.io.IOException e) {
            throw new UserError(experiment.folder() + ": cannot write (" + e.getMessage() + ")");
        }
    }
}
