package org.nmt4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.nmt4j.io.UserError;
import org.nmt4j.data.AlignedFiles;
import org.nmt4j.io.Utf8LineReader;
import org.nmt4j.eval.Bleu;
import org.nmt4j.eval.BleuTokenizer;
import org.nmt4j.eval.Metric;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Scores detokenized translations against references with sacreBLEU's BLEU, chrF2 and chrF++ "
                + "(same numbers and signatures as sacreBLEU " + Bleu.SACREBLEU_VERSION + ")."})
final class EvaluateCommand implements Runnable {

    @Option(names = "--hyp", description = "Translations, one a line (plain or .gz); default: standard input.")
    Path hypotheses;

    @Option(names = "--ref", required = true, arity = "1..*", description = "Reference file(s), aligned by line.")
    List<Path> references;

    @Option(names = {"-m", "--metrics"}, split = ",", defaultValue = "bleu,chrf",
            description = "Comma-separated: bleu, chrf, chrf++ (default: ${DEFAULT-VALUE}).")
    List<String> metrics;

    @Option(names = {"-lc", "--lowercase"}, description = "Case-insensitive scores (sacreBLEU -lc).")
    boolean lowercase;

    @Option(names = {"-tok", "--tokenize"}, defaultValue = "13a",
            description = "BLEU tokenizer: 13a, intl or none (default: ${DEFAULT-VALUE}).")
    String tokenize;

    @Option(names = "--smooth", defaultValue = "exp",
            description = "BLEU smoothing: exp, floor, add-k or none (default: ${DEFAULT-VALUE}).")
    String smooth;

    @Option(names = "--json", description = "Print one sacreBLEU-style JSON object per metric.")
    boolean json;

    @Override
    public void run() {
        List<String> hypothesisLines;
        try (Utf8LineReader reader = TextFiles.openInput(hypotheses)) {
            hypothesisLines = reader.readAll();
        }
        List<List<String>> referenceLines = new ArrayList<>();
        for (Path reference : references) {
            List<String> lines = AlignedFiles.readLines(reference);
            if (lines.size() != hypothesisLines.size()) {
                throw new UserError("line counts differ: " + (hypotheses == null ? "<stdin>" : hypotheses) + " has "
                        + hypothesisLines.size() + " lines, " + reference + " has " + lines.size() + " lines");
            }
            referenceLines.add(lines);
        }
        BleuTokenizer tokenizer = BleuTokenizer.fromName(tokenize);
        Bleu.Smoothing smoothing = Bleu.Smoothing.fromName(smooth);
        for (String name : metrics) {
            Metric.Result result = Metric.fromName(name).score(hypothesisLines, referenceLines, lowercase, tokenizer,
                    smoothing);
            System.out.println(json ? result.json() : result.text());
        }
    }
}
