package org.nmt4j.cli;

import java.nio.file.Path;
import org.nmt4j.io.UserError;
import org.nmt4j.translate.Shortlist;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "shortlist", mixinStandardHelpOptions = true,
        description = {"Learns a lexical shortlist for a trained model from its training corpus and writes it into "
                + "the model folder as " + Shortlist.FILE + ": the most frequent target pieces and, for every "
                + "source piece, the target pieces it most often occurs with (p(t | s)).",
                "'nmt4j translate --shortlist' then scores only those pieces per batch (faster; measure its BLEU)."})
final class ShortlistCommand implements Runnable {

    @Option(names = {"-m", "--model"}, required = true, description = "The trained model folder.")
    Path model;

    @Option(names = "--frequent", defaultValue = "300",
            description = "The most frequent target pieces every batch scores (default: ${DEFAULT-VALUE}).")
    int frequent;

    @Option(names = "--per-source", defaultValue = "100",
            description = "Candidates kept per source piece (default: ${DEFAULT-VALUE}).")
    int perSource;

    @Option(names = "--max-pairs", defaultValue = "200000",
            description = "Learn from the corpus's first N pairs (default: ${DEFAULT-VALUE}).")
    int maxPairs;

    @Override
    public void run() {
        if (frequent < 0 || perSource < 1 || maxPairs < 1) {
            throw new UserError("--frequent must be 0 or more, --per-source and --max-pairs at least 1");
        }
        Shortlist shortlist = Shortlist.learn(model, frequent, perSource, maxPairs);
        System.err.printf("wrote %s: %d pieces always, %.1f candidates per source piece%n",
                model.resolve(Shortlist.FILE), shortlist.alwaysCount(), shortlist.meanCandidates());
    }
}
