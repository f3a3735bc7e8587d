package org.nmt4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.nmt4j.align.TerminologyEvaluation;
import org.nmt4j.eval.Bleu;
import org.nmt4j.io.AtomicFile;
import org.nmt4j.io.UserError;
import org.nmt4j.translate.Terminology;
import org.nmt4j.translate.Translator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "evaluate-terminology", mixinStandardHelpOptions = true,
        description = {"How well translation keeps to a glossary: the share of the glossary entries matched in the "
                + "sources whose target term the translation holds, and BLEU, with and without the glossary. The "
                + "glossary is --glossary, or one drawn from the references (source nouns with the reference word "
                + "the model's forced alignment links each to most often)."})
final class EvaluateTerminologyCommand implements Runnable {

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--src", required = true, description = "Source sentences, one a line (plain or .gz).")
    Path source;

    @Option(names = "--ref", required = true, description = "Their reference translations.")
    Path reference;

    @Option(names = "--glossary", description = "A TSV glossary to evaluate (default: one drawn from the references).")
    Path glossary;

    @Option(names = "--terms", defaultValue = "200", description = "Entries of a drawn glossary (default: "
            + "${DEFAULT-VALUE}).")
    int terms;

    @Option(names = "--write-glossary", paramLabel = "FILE", description = "Write the drawn glossary here (TSV).")
    Path written;

    @Option(names = {"-b", "--beam"}, description = "Beam size (default: the model's config).")
    Integer beam;

    @Override
    public void run() {
        Translator translator = modelOptions.loadWithBeam(beam);
        List<String> sources = TextFiles.readLines(source);
        List<String> references = TextFiles.readLines(reference);
        Terminology terminology = glossary != null ? Terminology.read(glossary)
                : TerminologyEvaluation.draw(translator, sources, references, terms);
        if (written != null) {
            try {
                AtomicFile.writeString(written, String.join("", terminology.entries().stream()
                        .map(e -> e.source() + "\t" + e.target() + "\n").toList()));
            } catch (IOException e) {
                throw new UserError(written + ": cannot write (" + e.getMessage() + ")");
            }
        }
        TerminologyEvaluation.Result r = TerminologyEvaluation.evaluate(translator.withoutHeadAlignments(),
                terminology, sources);
        List<List<String>> refs = List.of(references);
        double with = Bleu.corpusDefault().corpusScore(r.with(), refs).score();
        double without = Bleu.corpusDefault().corpusScore(r.without(), refs).score();
        System.out.printf("glossary %d entries, %d matches in the sources%n", terminology.entries().size(),
                r.matched());
        System.out.printf("terms_kept without %.1f %% with %.1f %%%n", 100.0 * r.keptWithout() / r.matched(),
                100.0 * r.keptWith() / r.matched());
        System.out.printf("bleu without %.2f with %.2f%n", without, with);
    }
}
