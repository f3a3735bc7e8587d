package org.nmt4j.cli.bench;

import org.nmt4j.cli.ProgressBar;
import org.nmt4j.cli.PrecisionName;
import org.nmt4j.cli.ThreadCount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.nmt4j.io.UserError;
import org.nmt4j.compute.NativeThreads;
import org.nmt4j.compute.Precision;
import org.nmt4j.config.ExperimentConfig;
import org.nmt4j.train.StopRequest;
import org.nmt4j.train.Trainer;
import org.nmt4j.train.TrainingMonitor;
import org.nmt4j.train.TrainingState;
import org.nmt4j.train.ValidationResult;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Training speed, measured like the PyTorch yardstick's bench: nmt4j train itself on a config "
                + "(the reference configuration by default: Multi30k de→en, batches of 64 sentences grouped by "
                + "length, forward + loss + backward + clip + Adam) for 10 warm-up steps and --steps timed ones, "
                + "into a temporary folder; the median target tokens/s of the timed steps and resident memory along "
                + "the way."})
final class TrainBenchmark implements Runnable {

    private static final int WARM_UP = 10;

    @Option(names = {"-c", "--config"}, defaultValue = "configs/multi30k-reference.yaml",
            description = "The experiment (default: ${DEFAULT-VALUE}).")
    Path config;

    @Option(names = "--data",
            description = "A folder with train.de.gz, train.en.gz, val.de.gz and val.en.gz to train on instead of "
                    + "the config's data.")
    Path data;

    @Option(names = "--steps", defaultValue = "100", description = "Timed steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--threads", defaultValue = "0", converter = ThreadCount.class,
            description = "Threads, each running a shard of the batch (default: OMP_NUM_THREADS, else all cores).")
    int threads;

    @Option(names = "--seed", defaultValue = "1")
    long seed;

    @Option(names = "--precision", defaultValue = "fp32", paramLabel = "fp32|bf16", converter = PrecisionName.Training.class,
            description = "fp32, or bf16: then the same steps are measured in fp32 and in bf16 (training.precision), "
                    + "one after the other, and bf16's figures are printed beside fp32's with the prefix bf16_.")
    Precision precision;

    @Option(names = "--sweep",
            description = "Also measure batches of 32, 64 and 128 sentences on one and two threads (--steps each) and "
                    + "print one line per setting: how speed scales with the batch and the threads.")
    boolean sweep;

    @Override
    public void run() {
        if (steps < 1) {
            throw new UserError("--steps must be at least 1");
        }
        int workers = NativeThreads.configure(threads);
        Timing timing = measure(List.of("training.threads=" + workers), "bench train");
        System.out.printf("threads %d%n", workers);
        timing.print("");
        if (precision != Precision.FP32) {
            String name = precision.label();
            Timing lowered = measure(List.of("training.threads=" + workers, "training.precision=" + name),
                    "bench train " + name);
            lowered.print(name + "_");
            System.out.printf("%s_speedup %.2f%n", name, lowered.median() / timing.median());
        }
        if (sweep) {
            for (int batch : new int[] {32, 64, 128}) {
                for (int sweepThreads : new int[] {1, 2}) {
                    Timing t = measure(List.of("training.threads=" + sweepThreads, "training.batch_size=" + batch,
                            "training.batch_type=sentences"), "batch " + batch + ", " + sweepThreads + " thread(s)");
                    System.out.printf("sweep_batch_%d_threads_%d_tok_per_s_median %.0f%n", batch, sweepThreads,
                            t.median());
                }
            }
        }
    }

    // trains 10 + steps steps into a temporary folder with these overrides on top of the benchmark's own
    private Timing measure(List<String> settings, String label) {
        Path folder = temporaryFolder();
        List<String> overrides = new ArrayList<>(List.of("folder=" + folder, "training.max_steps=" + (steps + WARM_UP),
                "training.max_epochs=0", "training.max_minutes=0", "training.early_stopping_patience=0",
                "training.seed=" + seed, "validation.every_steps=0", "validation.max_sentences=64"));
        if (data != null) {
            overrides.addAll(List.of("data.train_source=" + data.resolve("train.de.gz"),
                    "data.train_target=" + data.resolve("train.en.gz"),
                    "data.valid_source=" + data.resolve("val.de.gz"), "data.valid_target=" + data.resolve("val.en.gz")));
        }
        overrides.addAll(settings);
        ExperimentConfig experiment = ExperimentConfig.load(config, overrides);
        Timing timing = new Timing(steps, label);
        try {
            new Trainer(experiment, timing, new StopRequest()).run();
        } catch (IOException e) {
            throw new UserError(folder + ": cannot write (" + e.getMessage() + ")");
        } finally {
            delete(folder);
        }
        return timing;
    }

    /** Records the timed steps' speed and resident memory as the trainer reports its steps. */
    private static final class Timing implements TrainingMonitor {

        private final int steps;
        private final double[] tokensPerSecond;
        private final ProgressBar bar;
        private long timedTokens;
        private double timedSeconds;
        private long tokensBefore;
        private double firstRss;
        private double maxRss;
        private double lossSum;

        Timing(int steps, String label) {
            this.steps = steps;
            this.tokensPerSecond = new double[steps];
            this.bar = new ProgressBar(label, steps + WARM_UP);
        }

        double median() {
            double[] sorted = tokensPerSecond.clone();
            Arrays.sort(sorted);
            return sorted[steps / 2];
        }

        @Override
        public void message(String line) {
            bar.println(line);
        }

        @Override
        public void stepped(TrainingState state, double loss, double stepTokensPerSecond, double fractionDone) {
            int i = (int) state.step() - 1;
            long tokens = state.targetTokens() - tokensBefore;
            tokensBefore = state.targetTokens();
            if (i >= WARM_UP && i < WARM_UP + steps) {
                tokensPerSecond[i - WARM_UP] = stepTokensPerSecond;
                lossSum += loss;
                timedTokens += tokens;
                timedSeconds += tokens / stepTokensPerSecond;
                double rss = ResidentMemory.currentMb();
                firstRss = i == WARM_UP ? rss : firstRss;
                maxRss = Math.max(maxRss, rss);
                int timed = i - WARM_UP + 1;
                if (steps >= 400 && timed % (steps / 4) == 0) {
                    bar.println(String.format("rss_mb_step_%d %.0f", timed, rss));
                }
            }
            bar.update(i + 1, String.format("loss %.3f", loss));
        }

        @Override
        public void validated(TrainingState state, ValidationResult result, boolean best) {
        }

        void print(String prefix) {
            System.out.printf("%strain_tok_per_s_median %.0f%n", prefix, median());
            System.out.printf("%strain_tok_per_s_aggregate %.0f%n", prefix, timedTokens / timedSeconds);
            System.out.printf("%smean_loss_timed_steps %.4f%n", prefix, lossSum / steps);
            System.out.printf("%srss_mb_first_timed_step %.0f%n", prefix, firstRss);
            System.out.printf("%srss_mb_last_step %.0f%n", prefix, ResidentMemory.currentMb());
            System.out.printf("%srss_growth_percent %.1f%n", prefix, 100 * (maxRss - firstRss) / firstRss);
            System.out.printf("%speak_rss_mb %.0f%n", prefix, ResidentMemory.peakMb());
        }
    }

    private static Path temporaryFolder() {
        try {
            Path parent = Files.createTempDirectory("nmt4j-bench-train");
            return parent.resolve("model");
        } catch (IOException e) {
            throw new UserError("cannot make a temporary folder (" + e.getMessage() + ")");
        }
    }

    private static void delete(Path folder) {
        try (Stream<Path> paths = Files.walk(folder.getParent())) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary folder left behind is not worth failing the benchmark for
        }
    }
}
