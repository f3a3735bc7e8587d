package org.nmt4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.nmt4j.io.UserError;
import org.nmt4j.data.AlignedFiles;
import org.nmt4j.text.BpeCodes;
import org.nmt4j.text.BpeEncoder;
import org.nmt4j.text.BpeLearner;
import org.nmt4j.text.Preprocessor;
import org.nmt4j.text.WordCounts;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bpe", mixinStandardHelpOptions = true, description = "Learn or apply byte-pair encoding (subwords).",
        subcommands = {BpeCommand.Learn.class, BpeCommand.Apply.class})
final class BpeCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand: learn or apply");
    }

    @Command(name = "learn", mixinStandardHelpOptions = true,
            description = {"Learns BPE merges from raw text, tokenized first (CoreNLP by default; --tokenizer "
                    + "unicode or none for any language).",
                    "Joint BPE: give the source and the target file, each with its --lang. Separate BPE: run once "
                            + "per language.",
                    "Writes subword-nmt's codes format (#version: 0.2)."})
    static final class Learn implements Runnable {

        @Option(names = {"-i", "--input"}, required = true, arity = "1..*",
                description = "Training text, one sentence a line (plain or .gz).")
        List<Path> inputs;

        @Mixin
        TokenizerOptions.PerInput tokenizing = new TokenizerOptions.PerInput();

        @Option(names = "--merges", defaultValue = "10000", description = "Number of merges (default: ${DEFAULT-VALUE}).")
        int merges;

        @Option(names = "--min-frequency", defaultValue = "2",
                description = "Stop when the best pair occurs fewer times (default: ${DEFAULT-VALUE}).")
        int minFrequency;

        @Option(names = {"-o", "--output"}, required = true, description = "Codes file to write.")
        Path output;

        @Override
        public void run() {
            if (merges < 1) {
                throw new UserError("--merges must be at least 1, not " + merges);
            }
            WordCounts counts = new WordCounts();
            for (int i = 0; i < inputs.size(); i++) {
                counts.addText(AlignedFiles.readLines(inputs.get(i)), tokenizing.tokenizer(i, inputs.size()));
            }
            ProgressBar bar = new ProgressBar("learning BPE", merges);
            long start = System.nanoTime();
            BpeCodes codes = BpeLearner.learn(counts.words(), merges, minFrequency, bar::update);
            bar.update(merges);
            try {
                codes.save(output);
            } catch (IOException e) {
                throw new UserError(output + ": cannot write (" + e.getMessage() + ")");
            }
            System.err.printf("learned %d merges from %d word types in %.1f s; wrote %s%n", codes.size(),
                    counts.words().size(), (System.nanoTime() - start) / 1e9, output);
        }
    }

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = "Tokenizes raw text and splits it into subword pieces ('@@' marks a piece that continues).")
    static final class Apply implements Runnable {

        @Option(names = "--codes", required = true, description = "Codes file from 'nmt4j bpe learn'.")
        Path codes;

        @Mixin
        TokenizerOptions.One tokenizing = new TokenizerOptions.One();

        @Option(names = "--vocabulary",
                description = "Piece counts ('piece count' a line, as 'nmt4j vocab --counts' writes) for the threshold.")
        Path vocabulary;

        @Option(names = "--vocabulary-threshold", defaultValue = "0",
                description = "Split back pieces seen fewer times than this in --vocabulary.")
        long threshold;

        @Mixin
        InputOutputOptions io;

        @Override
        public void run() {
            if (threshold > 0 && vocabulary == null) {
                throw new UserError("--vocabulary-threshold needs --vocabulary");
            }
            BpeCodes learned = BpeCodes.load(codes);
            Map<String, Long> counts = vocabulary == null ? null : WordCounts.load(vocabulary);
            BpeEncoder encoder = new BpeEncoder(learned, counts, threshold);
            Preprocessor preprocessor = new Preprocessor(tokenizing.tokenizer(), encoder);
            io.mapLines(line -> String.join(" ", preprocessor.pieces(line)));
        }
    }

}
