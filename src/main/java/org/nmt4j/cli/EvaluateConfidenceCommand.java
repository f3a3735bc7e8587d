package org.nmt4j.cli;

import java.nio.file.Path;

import org.nmt4j.translate.ConfidenceEvaluation;
import org.nmt4j.translate.Translator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "evaluate-confidence", mixinStandardHelpOptions = true,
        description = {"How well word confidence (--word-scores) flags wrong words: translates the sources, labels each "
                + "word wrong when the reference does not hold it, and prints the area under the ROC curve of "
                + "1 − confidence as a detector of wrong words (0.5: chance, 1: perfect)."})
final class EvaluateConfidenceCommand implements Runnable {

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--src", required = true, description = "Source sentences, one a line (plain or .gz).")
    Path source;

    @Option(names = "--ref", required = true, description = "Their reference translations.")
    Path reference;

    @Option(names = {"-b", "--beam"}, description = "Beam size (default: the model's config).")
    Integer beam;

    @Override
    public void run() {
        Translator translator = modelOptions.loadWithBeam(beam).withoutHeadAlignments();
        ConfidenceEvaluation.Result r = ConfidenceEvaluation.evaluate(translator, TextFiles.readLines(source),
                TextFiles.readLines(reference));
        System.out.printf("words %d wrong %d (%.1f %%)%n", r.words(), r.wrong(), 100.0 * r.wrong() / r.words());
        System.out.printf("auc %.4f%n", r.auc());
    }
}
