package org.nmt4j.cli.bench;

import java.nio.file.Path;
import java.util.List;

import org.nmt4j.data.AlignedFiles;
import org.nmt4j.data.EncodedPair;
import org.nmt4j.data.PairFilter;
import org.nmt4j.data.PreparedCorpus;
import org.nmt4j.data.SentencePair;
import org.nmt4j.eval.Bleu;
import org.nmt4j.eval.BleuTokenizer;
import org.nmt4j.eval.Metric;
import org.nmt4j.text.BpeCodes;
import org.nmt4j.text.BpeEncoder;
import org.nmt4j.text.BpeLearner;
import org.nmt4j.text.CoreNlpTokenizer;
import org.nmt4j.text.Language;
import org.nmt4j.text.Preprocessor;
import org.nmt4j.text.Vocabulary;
import org.nmt4j.text.WordCounts;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measures nmt4j's speed; prints one figure a line.",
        subcommands = {BenchCommand.Text.class, BenchCommand.Evaluate.class, TrainBenchmark.class,
                TranslateBenchmark.class, ServeBenchmark.class, LoadBenchmark.class})
public final class BenchCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing benchmark: text, evaluate, train, translate, serve or load");
    }

    @Command(name = "text", mixinStandardHelpOptions = true,
            description = {"The text pipeline on a parallel corpus: joint BPE learning, then reading, tokenizing, "
                    + "BPE-encoding and converting every pair to ids.",
                    "Example: nmt4j bench text --src data/multi30k/train.de.gz "
                            + "--tgt data/multi30k/train.en.gz --src-lang de --tgt-lang en"})
    static final class Text implements Runnable {

        @Option(names = "--src", required = true, description = "Source side (plain or .gz).")
        Path source;

        @Option(names = "--tgt", required = true, description = "Target side (plain or .gz).")
        Path target;

        @Option(names = "--src-lang", required = true)
        String sourceLanguage;

        @Option(names = "--tgt-lang", required = true)
        String targetLanguage;

        @Option(names = "--merges", defaultValue = "10000")
        int merges;

        @Override
        public void run() {
            CoreNlpTokenizer sourceTokenizer = new CoreNlpTokenizer(Language.fromCode(sourceLanguage), false);
            CoreNlpTokenizer targetTokenizer = new CoreNlpTokenizer(Language.fromCode(targetLanguage), false);

            long start = System.nanoTime();
            WordCounts counts = new WordCounts();
            counts.addText(AlignedFiles.readLines(source), sourceTokenizer);
            counts.addText(AlignedFiles.readLines(target), targetTokenizer);
            BpeCodes codes = BpeLearner.learn(counts.words(), merges, 2, null);
            double learnSeconds = (System.nanoTime() - start) / 1e9;

            start = System.nanoTime();
            List<SentencePair> raw = AlignedFiles.read(source, target);
            BpeEncoder bpe = new BpeEncoder(codes);
            PreparedCorpus corpus = PreparedCorpus.prepare(source.getFileName() + "/" + target.getFileName(), raw,
                    new Preprocessor(sourceTokenizer, bpe), new Preprocessor(targetTokenizer, bpe),
                    new PairFilter(0, 0));
            Vocabulary sourceVocabulary = Vocabulary.build(corpus.sourceCounts(), 1, 0);
            Vocabulary targetVocabulary = Vocabulary.build(corpus.targetCounts(), 1, 0);
            List<EncodedPair> encoded = corpus.encode(sourceVocabulary, targetVocabulary);
            double prepareSeconds = (System.nanoTime() - start) / 1e9;
            long tokens = encoded.stream().mapToLong(p -> p.source().length + p.target().length).sum();

            System.out.printf("bpe_learn_merges %d%n", codes.size());
            System.out.printf("bpe_learn_seconds %.2f%n", learnSeconds);
            System.out.printf("prepare_pairs %d%n", encoded.size());
            System.out.printf("prepare_pieces %d%n", tokens);
            System.out.printf("prepare_seconds %.2f%n", prepareSeconds);
            System.out.printf("vocabulary_sizes %d %d%n", sourceVocabulary.size(), targetVocabulary.size());
            System.out.println(corpus.report().summary());
        }
    }

    @Command(name = "evaluate", mixinStandardHelpOptions = true,
            description = "Corpus BLEU, chrF2 and chrF++ of a translation: time after start-up, median of 5 runs.")
    static final class Evaluate implements Runnable {

        @Option(names = "--hyp", required = true)
        Path hypotheses;

        @Option(names = "--ref", required = true)
        Path reference;

        @Override
        public void run() {
            List<String> hyp = AlignedFiles.readLines(hypotheses);
            List<List<String>> ref = List.of(AlignedFiles.readLines(reference));
            double[] seconds = new double[5];
            for (int i = 0; i < seconds.length; i++) {
                long start = System.nanoTime();
                for (Metric metric : Metric.values()) {
                    metric.score(hyp, ref, false, BleuTokenizer.THIRTEEN_A, Bleu.Smoothing.EXP);
                }
                seconds[i] = (System.nanoTime() - start) / 1e9;
            }
            double first = seconds[0];
            java.util.Arrays.sort(seconds);
            System.out.printf("evaluate_sentences %d%n", hyp.size());
            System.out.printf("evaluate_first_run_seconds %.3f%n", first);
            System.out.printf("evaluate_median_seconds %.3f%n", seconds[seconds.length / 2]);
        }
    }
}
