package org.nmt4j.cli;

import java.nio.file.Path;

import org.nmt4j.align.ForcedAligner;
import org.nmt4j.compute.NativeThreads;
import org.nmt4j.markup.PlacementEvaluation;
import org.nmt4j.markup.TagPlacement;
import org.nmt4j.translate.Translator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "evaluate-markup", mixinStandardHelpOptions = true,
        description = {"How well --markup places tags, on sentence pairs with human word alignments: random source "
                + "spans whose gold links (sure and possible) cover one target run linked to nothing else are "
                + "wrapped in <b>…</b>, placed on the reference by the model's forced alignment, and compared with "
                + "that run (exactly, and each end within one word), beside tags put at the proportional positions."})
final class EvaluateMarkupCommand implements Runnable {

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--src", required = true, description = "Source sentences, tokenized as the gold counts words.")
    Path source;

    @Option(names = "--tgt", required = true, description = "Their reference translations, likewise.")
    Path target;

    @Option(names = "--gold", required = true, description = "Gold links (sure i-j, possible i?j), source first.")
    Path gold;

    @Option(names = "--spans", defaultValue = "3", description = "Tagged spans per pair, at most (default: "
            + "${DEFAULT-VALUE}).")
    int spans;

    @Option(names = "--seed", defaultValue = "1", description = "Chooses the spans (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threshold", description = "The share of a word's attention that counts it toward a tag's "
            + "span (default: ${DEFAULT-VALUE}).")
    double threshold = TagPlacement.THRESHOLD;

    @Override
    public void run() {
        Translator translator = modelOptions.load().withThreads(NativeThreads.configure(modelOptions.threads));
        ForcedAligner aligner = new ForcedAligner(translator, 64);
        PlacementEvaluation.Result r = PlacementEvaluation.evaluate(aligner::align, TextFiles.readLines(source),
                TextFiles.readLines(target), TextFiles.readLines(gold), spans, seed, threshold);
        System.out.printf("pairs %d tags %d%n", r.pairs(), r.tags());
        System.out.printf("exact %.1f %% within_one_word %.1f %%%n", 100 * r.exactShare(), 100 * r.withinOneShare());
        System.out.printf("baseline_proportional exact %.1f %% within_one_word %.1f %%%n",
                100 * r.baselineExactShare(), 100 * r.baselineWithinOneShare());
    }
}
