package org.nmt4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.nmt4j.io.UserError;
import org.nmt4j.align.lexical.DiagonalModel;
import org.nmt4j.align.lexical.HiddenMarkovModel;
import org.nmt4j.align.lexical.LexicalAligner;
import org.nmt4j.align.lexical.Symmetrization;
import org.nmt4j.compute.NativeThreads;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "lexalign", mixinStandardHelpOptions = true,
        description = {"Word-aligns a parallel corpus without a neural model: fast_align's IBM Model 2 with a "
                + "diagonal prior (tension optimized, variational-Bayes smoothing), then the HMM alignment model "
                + "from its tables, both directions trained together by agreement, decoded by posteriors; "
                + "symmetrized. Reads space-separated tokens, writes one Pharaoh line (source-target) per pair."})
final class LexAlignCommand implements Runnable {

    @Option(names = "--src", required = true, description = "Source side, tokens separated by spaces (plain or .gz).")
    Path source;

    @Option(names = "--tgt", required = true, description = "Target side, line by line.")
    Path target;

    @Option(names = {"-o", "--output"}, required = true, description = "The links to write.")
    Path output;

    @Option(names = "--symmetrize", defaultValue = "grow-diag-final-and", description = "forward, reverse, "
            + "intersection, union, grow-diag, grow-diag-final or grow-diag-final-and (default: ${DEFAULT-VALUE}).")
    String symmetrize;

    @Option(names = "--all", paramLabel = "DIR", description = "Also write every heuristic's links into DIR, "
            + "HEURISTIC.links each.")
    Path all;

    @Option(names = "--iterations", defaultValue = "5", description = "EM iterations per direction (default: "
            + "${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--null-probability", description = "p0, the prior of the empty word in fast_align's model "
            + "(default: 0.45 with --model hmm, fast_align's 0.08 with --model diagonal).")
    Double nullProbability;

    @Option(names = "--tension", defaultValue = "4.0", description = "The diagonal prior's starting tension λ "
            + "(default: ${DEFAULT-VALUE}).")
    double tension;

    @Option(names = "--no-optimize-tension", description = "Keep the tension fixed instead of re-estimating it.")
    boolean fixedTension;

    @Option(names = "--alpha", defaultValue = "0.01", description = "The variational-Bayes smoothing α of the "
            + "lexical table; 0 = plain EM (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--model", defaultValue = "hmm", description = "hmm: the HMM model trained from fast_align's "
            + "(GIZA++'s order), or diagonal: fast_align's alone (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--hmm-iterations", defaultValue = "5", description = "EM iterations of the HMM model "
            + "(default: ${DEFAULT-VALUE}).")
    int hmmIterations;

    @Option(names = "--hmm-null-probability", defaultValue = "0.2", description = "The HMM model's empty-word "
            + "probability (default: ${DEFAULT-VALUE}).")
    double hmmNull;

    @Option(names = "--max-jump", defaultValue = "8", description = "The longest jump the HMM model tells apart "
            + "(default: ${DEFAULT-VALUE}).")
    int maxJump;

    @Option(names = "--no-agreement", description = "Train the HMM model's two directions independently instead of "
            + "by agreement.")
    boolean independent;

    @Option(names = "--threshold", defaultValue = "0.5", description = "The HMM model's posterior a link needs "
            + "(default: ${DEFAULT-VALUE}).")
    double threshold;

    @Option(names = "--hmm-alpha", defaultValue = "0", description = "Variational-Bayes α of the HMM model's "
            + "lexical table (default: ${DEFAULT-VALUE}).")
    double hmmAlpha;

    @Option(names = "--threads", converter = ThreadCount.class, description = "Threads (default: OMP_NUM_THREADS, "
            + "else all cores).")
    int threads;

    @Override
    public void run() {
        if (iterations < 1) {
            throw new UserError("--iterations must be at least 1");
        }
        double p0 = nullProbability != null ? nullProbability : model.equals("diagonal") ? 0.08 : 0.45;
        if (!(p0 >= 0 && p0 < 1) || !(hmmNull >= 0 && hmmNull < 1)) {
            throw new UserError("--null-probability and --hmm-null-probability must be in [0, 1)");
        }
        if (hmmIterations < 0 || maxJump < 1 || !(threshold > 0 && threshold <= 1) || !(hmmAlpha >= 0)) {
            throw new UserError("--hmm-iterations must be 0 or more, --max-jump at least 1, --threshold in (0, 1] "
                    + "and --hmm-alpha 0 or more");
        }
        if (!(alpha >= 0)) {
            throw new UserError("--alpha must be 0 or more");
        }
        Map<Symmetrization, Path> outputs = new LinkedHashMap<>();
        outputs.put(Symmetrization.of(symmetrize), output);
        if (all != null) {
            try {
                Files.createDirectories(all);
            } catch (java.io.IOException e) {
                throw new UserError(all + ": cannot create the folder (" + e.getMessage() + ")");
            }
            for (Symmetrization s : Symmetrization.values()) {
                outputs.putIfAbsent(s, all.resolve(s.label() + ".links"));
            }
        }
        Path folder = output.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new UserError(output + ": its folder does not exist");
        }
        int n = NativeThreads.configure(threads);
        DiagonalModel.Settings settings = new DiagonalModel.Settings(iterations, p0, tension,
                !fixedTension, alpha);
        LexicalAligner.Recipe recipe = switch (model) {
            case "diagonal" -> LexicalAligner.Recipe.diagonal(settings);
            case "hmm" -> new LexicalAligner.Recipe(settings, new HiddenMarkovModel.Settings(hmmIterations, hmmNull,
                    maxJump, !independent, threshold, hmmAlpha));
            default -> throw new UserError("--model must be hmm or diagonal, not '" + model + "'");
        };
        LexicalAligner.align(source, target, recipe, n, outputs, folder, System.err::println);
        System.err.println("wrote " + String.join(", ", outputs.values().stream().map(Path::toString).toList()));
    }
}
