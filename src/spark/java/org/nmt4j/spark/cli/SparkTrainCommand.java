package org.nmt4j.spark.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.nmt4j.io.UserError;
import org.nmt4j.config.ExperimentConfig;
import org.nmt4j.spark.SparkSessions;
import org.nmt4j.spark.train.SparkTraining;
import org.nmt4j.train.StopRequest;
import org.nmt4j.train.Trainer;
import org.nmt4j.train.TrainingMonitor;
import org.nmt4j.train.TrainingState;
import org.nmt4j.train.ValidationResult;

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
            TrainingMonitor monitor = new TrainingMonitor() {
                @Override
                public void message(String line) {
                    System.err.println(line);
                }

                @Override
                public void stepped(TrainingState state, double loss, double tokensPerSecond, double done) {
                    if (state.step() % experiment.training().logEvery() == 0) {
                        System.err.printf("step %d | epoch %d | loss %.3f | %,.0f tok/s | %.0f%%%n", state.step(),
                                state.epoch() + 1, loss, tokensPerSecond, 100 * done);
                    }
                }

                @Override
                public void validated(TrainingState state, ValidationResult r, boolean best) {
                    System.err.printf("step %d: validation loss %.3f, ppl %.2f, BLEU %.2f, chrF2 %.2f%s%n",
                            state.step(), r.loss(), r.perplexity(), r.bleu(), r.chrf(), best ? " (best so far)" : "");
                }
            };
            Trainer.Outcome outcome = SparkTraining.run(session.spark(), experiment, w, monitor,
                    new StopRequest().onSignals());
            System.err.printf("done: %s after %d steps, %.2f epochs; model in %s%n", outcome.reason(),
                    outcome.state().step(), outcome.epochs(), experiment.folder());
        } catch (java.io.IOException e) {
            throw new UserError(experiment.folder() + ": cannot write (" + e.getMessage() + ")");
        }
    }
}
