package org.nmt4j.cli;

import java.util.List;

import org.nmt4j.config.ExperimentConfig;
import org.nmt4j.train.StopRequest;
import org.nmt4j.train.Trainer;
import org.nmt4j.train.TrainingMonitor;
import org.nmt4j.train.TrainingState;
import org.nmt4j.train.ValidationResult;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import org.nmt4j.compute.NativeThreads;
import org.nmt4j.compute.Precision;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Trains a model as a YAML config describes it, into models/NAME (the config's name). Run it "
                + "again on the same folder to resume where it stopped. Ctrl-C stops after the current step and "
                + "saves a checkpoint."})
final class TrainCommand implements Runnable {

    @Mixin
    ExperimentOptions experimentOptions = new ExperimentOptions();

    @Option(names = "--precision", paramLabel = "fp32|bf16", converter = PrecisionName.Training.class,
            description = "The training products' arithmetic (training.precision; default: the config's, else fp32): "
                    + "bf16 rounds their operands to bfloat16 and accumulates in fp32, on a processor with AVX-512 "
                    + "BF16 or AMX.")
    Precision precision;

    @Override
    public void run() {
        ExperimentConfig loaded = experimentOptions.load();
        if (precision != null) {
            loaded = loaded.with(List.of("training.precision=" + precision.label()));
        }
        int threads = NativeThreads.configure(loaded.training().threads());
        // the effective config records how many threads ran
        ExperimentConfig experiment = loaded.with(List.of("training.threads=" + threads));
        ProgressBar bar = new ProgressBar("train", 1);
        TrainingMonitor monitor = new TrainingMonitor() {
            private double smoothedLoss = Double.NaN;
            private final PreparationProgress preparation = new PreparationProgress();

            @Override
            public void message(String line) {
                bar.println(line);
            }

            @Override
            public void preparing(long bytes, long total, long pairs) {
                preparation.update(bytes, total, pairs);
            }

            @Override
            public void stepped(TrainingState state, double loss, double tokensPerSecond, double fractionDone) {
                smoothedLoss = Double.isNaN(smoothedLoss) ? loss : 0.95 * smoothedLoss + 0.05 * loss;
                if (fractionDone > 0) {
                    bar.setTotal(Math.round(state.step() / fractionDone));
                }
                bar.update(state.step(), String.format("epoch %d | loss %.3f | %,.0f tok/s | lr %.2g",
                        state.epoch() + 1, smoothedLoss, tokensPerSecond, state.learningRate()));
            }

            @Override
            public void validated(TrainingState state, ValidationResult r, boolean best) {
                bar.println(String.format("step %d: validation loss %.3f, ppl %.2f, BLEU %.2f, chrF2 %.2f%s%s",
                        state.step(), r.loss(), r.perplexity(), r.bleu(), r.chrf(), Double.isNaN(r.aer()) ? ""
                                : String.format(", AER %.4f (precision %.4f, recall %.4f)", r.aer(),
                                        r.alignmentPrecision(), r.alignmentRecall()),
                        best ? " (best so far)" : ""));
            }
        };
        monitor.message("nmt4j train: " + experiment.name() + " → " + experiment.folder() + " ("
                + threads + (threads == 1 ? " thread)" : " threads)"));
        try {
            Trainer.Outcome outcome = new Trainer(experiment, monitor, new StopRequest().onSignals()).run();
            TrainingState s = outcome.state();
            bar.println(String.format("done: %s after %d steps, %.2f epochs, %s (%,.0f target tokens/s)",
                    outcome.reason(), s.step(), outcome.epochs(), ProgressBar.clock(s.trainSeconds()),
                    s.targetTokens() / Math.max(1e-9, s.trainSeconds())));
            if (outcome.reason().equals("stopped on request")) {
                bar.println("checkpoint saved in " + experiment.folder() + "; run the same command to resume");
            } else if (!Double.isNaN(s.bestScore())) {
                String metric = experiment.validation().metric();
                bar.println(String.format("best validation %s " + (metric.equals("aer") ? "%.4f" : "%.2f")
                        + " at step %d; model in %s", metric, Math.abs(s.bestScore()), s.bestStep(),
                        experiment.folder()));
            } else {
                bar.println("model in " + experiment.folder());
            }
        } catch (java.io.IOException e) {
            throw new org.nmt4j.io.UserError(experiment.folder() + ": cannot write (" + e.getMessage() + ")");
        }
    }
}
