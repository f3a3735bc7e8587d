package org.nmt4j.cli;

import java.nio.file.Path;
import java.util.List;

import org.nmt4j.io.UserError;
import org.nmt4j.align.AlignmentMatrix;
import org.nmt4j.align.ForcedAligner;
import org.nmt4j.align.SymmetrizedAlignment;
import org.nmt4j.align.SymmetrizationRule;
import org.nmt4j.translate.Translation;
import org.nmt4j.translate.Translator;

import picocli.CommandLine.Option;

/** {@code --reverse-model} and {@code --symmetrize}, which {@code align} and {@code translate} share. */
final class ReverseModelOptions {

    @Option(names = "--reverse-model", paramLabel = "DIR", description = "A target→source model: its attention over "
            + "each pair read the other way is combined with the model's (hard links symmetrized by --symmetrize, "
            + "soft matrices averaged). Needs --word-level.")
    Path folder;

    @Option(names = "--symmetrize", defaultValue = "intersection", description = "With --reverse-model: forward, "
            + "reverse, intersection, union, grow-diag, grow-diag-final or grow-diag-final-and (default: "
            + "${DEFAULT-VALUE}).")
    String symmetrize;

    @Option(names = "--link-threshold", defaultValue = "0", paramLabel = "T", description = "With --reverse-model: "
            + "each model links a word to its most attended word only if that weight reaches T (0 to 1; default "
            + "${DEFAULT-VALUE}: always).")
    double linkThreshold;

    private ForcedAligner aligner;
    private SymmetrizationRule rule;

    /** Checks the options against the alignment ones and loads the reverse model, if one is given. */
    void open(AlignmentOptions alignment, int threads, int batchSize) {
        rule = SymmetrizationRule.of(symmetrize, linkThreshold);
        if (folder == null) {
            return;
        }
        if (!alignment.links.wordLevel()) {
            throw new UserError("--reverse-model: the two models' pieces differ, their words do not: add --word-level");
        }
        if (!alignment.heads.equals("mean")) {
            throw new UserError("--reverse-model: --heads all is not available for two models");
        }
        aligner = new ForcedAligner(Translator.load(folder).withThreads(threads), batchSize);
    }

    boolean active() {
        return aligner != null;
    }

    /**
     * The pairs' alignments combined with the reverse model's: {@code forward.get(k)} is the model's (raw) alignment
     * of {@code sources.get(k)} with {@code targets.get(k)}.
     */
    List<SymmetrizedAlignment> combine(List<AlignmentMatrix> forward, List<String> sources, List<String> targets) {
        return SymmetrizedAlignment.of(forward, aligner, sources, targets, rule);
    }

    /** Each translation's alignment (each source's list, in order) combined with the reverse model's. */
    List<SymmetrizedAlignment> combineTranslations(List<String> sources, List<List<Translation>> translations) {
        return SymmetrizedAlignment.ofTranslations(sources, translations, aligner, rule);
    }
}
