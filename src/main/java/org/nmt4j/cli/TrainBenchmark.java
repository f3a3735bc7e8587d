package org.nmt4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.config.ModelConfig;
import org.nmt4j.data.AlignedFiles;
import org.nmt4j.data.EncodedPair;
import org.nmt4j.data.PairFilter;
import org.nmt4j.data.PreparedCorpus;
import org.nmt4j.data.SentenceBatcher;
import org.nmt4j.model.Batch;
import org.nmt4j.model.NmtModel;
import org.nmt4j.text.Preprocessor;
import org.nmt4j.text.RegexTokenizer;
import org.nmt4j.text.Vocabulary;
import org.nmt4j.train.AdamOptimizer;
import org.nmt4j.train.TrainingData;
import org.nmt4j.train.TrainingStep;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.nmt4j.compute.NativeThreads;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Training speed of the reference configuration on Multi30k de→en, measured like the PyTorch "
                + "yardstick's bench: batches of 64 sentences grouped by length, forward + loss + backward + clip + "
                + "Adam, median target tokens/s over the timed steps after 10 warm-up steps; resident memory along "
                + "the way."})
final class TrainBenchmark implements Runnable {

    @Option(names = "--data", defaultValue = "../shared/data/multi30k",
            description = "Folder with train.de.gz and train.en.gz (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--steps", defaultValue = "100", description = "Timed steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--threads", defaultValue = "0",
            description = "Threads, each running a shard of the batch (default: OMP_NUM_THREADS, else all cores).")
    int threads;

    @Option(names = "--seed", defaultValue = "1")
    long seed;

    @Override
    public void run() {
        int workers = NativeThreads.configure(threads);
        Preprocessor preprocessor = new Preprocessor(new RegexTokenizer(true), null, false);
        PreparedCorpus corpus = PreparedCorpus.prepare("train", AlignedFiles.read(data.resolve("train.de.gz"),
                data.resolve("train.en.gz")), preprocessor, preprocessor, new PairFilter(50, 0));
        Vocabulary source = Vocabulary.build(corpus.sourceCounts(), 2, 0);
        Vocabulary target = Vocabulary.build(corpus.targetCounts(), 2, 0);
        List<EncodedPair> pairs = corpus.encode(source, target);
        NmtModel model = NmtModel.create(ModelConfig.reference(), source.size(), target.size(), DataType.FLOAT, seed);
        System.out.printf("params %d (vocabularies %d/%d, %d pairs, threads %d)%n", model.parameters().size(),
                source.size(), target.size(), pairs.size(), workers);
        AdamOptimizer adam = new AdamOptimizer(model.parameters(), 1e-3, 1.0);
        adam.setThreads(workers);
        TrainingStep step = new TrainingStep(model, adam);
        Random random = new Random(seed);
        var dropout = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        List<List<Integer>> batches = new ArrayList<>();
        while (batches.size() < steps + 10) {
            batches.addAll(SentenceBatcher.epoch(pairs, 64, random));
        }
        step.reserve(TrainingData.largestShards(pairs, batches.subList(0, steps + 10), workers));
        double[] tokensPerSecond = new double[steps];
        long timedTokens = 0;
        double timedSeconds = 0;
        double firstRss = 0;
        double maxRss = 0;
        ProgressBar bar = new ProgressBar("bench train", steps + 10);
        for (int i = 0; i < steps + 10; i++) {
            List<Batch> batch = TrainingData.shards(pairs, batches.get(i), workers);
            dropout.setSeed(seed * 1_000_003L + i);
            long start = System.nanoTime();
            TrainingStep.Result result = step.run(batch, dropout);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (i >= 10) {
                tokensPerSecond[i - 10] = result.tokens() / seconds;
                timedTokens += result.tokens();
                timedSeconds += seconds;
                double rss = ResidentMemory.currentMb();
                firstRss = i == 10 ? rss : firstRss;
                maxRss = Math.max(maxRss, rss);
                int timed = i - 9;
                if (steps >= 400 && timed % (steps / 4) == 0) {
                    System.out.printf("rss_mb_step_%d %.0f%n", timed, rss);
                }
            }
            bar.update(i + 1, String.format("loss %.3f", result.loss()));
        }
        Arrays.sort(tokensPerSecond);
        double lastRss = ResidentMemory.currentMb();
        System.out.printf("train_tok_per_s_median %.0f%n", tokensPerSecond[steps / 2]);
        System.out.printf("train_tok_per_s_aggregate %.0f%n", timedTokens / timedSeconds);
        System.out.printf("rss_mb_first_timed_step %.0f%n", firstRss);
        System.out.printf("rss_mb_last_step %.0f%n", lastRss);
        System.out.printf("rss_growth_percent %.1f%n", 100 * (maxRss - firstRss) / firstRss);
        System.out.printf("peak_rss_mb %.0f%n", ResidentMemory.peakMb());
    }
}
