package org.nmt4j.align.lexical;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.nmt4j.io.AtomicFile;
import org.nmt4j.compute.ParallelWork;
import org.nmt4j.data.TokenPairs;

/**
 * {@code nmt4j lexalign}: encodes a corpus once, trains fast_align's model in both directions, then aligns every pair
 * with both and writes the links of each requested symmetrization, one Pharaoh line per pair, in the corpus's order.
 */
public final class LexicalAligner {

    private static final int BLOCK = 8192;

    /**
     * What to train: fast_align's diagonal model, then (unless {@code hmm} is null) the HMM model from its lexical
     * tables, which gives the links.
     */
    public record Recipe(DiagonalModel.Settings diagonal, HiddenMarkovModel.Settings hmm) {

        /** fast_align alone. */
        public static Recipe diagonal(DiagonalModel.Settings settings) {
            return new Recipe(settings, null);
        }

        /**
         * The HMM model trained by agreement from the tables of fast_align's model with an empty-word prior of 0.45:
         * the best on the Hansards trial pairs.
         */
        public static Recipe standard() {
            return new Recipe(new DiagonalModel.Settings(5, 0.45, 4.0, true, 0.01),
                    HiddenMarkovModel.Settings.standard());
        }
    }

    private LexicalAligner() {
    }

    /**
     * Aligns {@code sourceFile} with {@code targetFile} (space-separated tokens, line by line) and writes each
     * heuristic's links to its file; {@code progress} gets a line per stage and EM iteration.
     */
    public static void align(Path sourceFile, Path targetFile, Recipe recipe, int threads,
            Map<Symmetrization, Path> outputs, Path scratchDir, Consumer<String> progress) {
        run(() -> EncodedCorpus.encode(sourceFile, targetFile, scratchDir,
                pairs -> progress.accept(String.format("read %,d pairs", pairs))), recipe, threads, outputs,
                progress);
    }

    /** The same over a corpus of token ids (as preparation has it), for guided alignment's links. */
    public static void align(TokenPairs pairs, Recipe recipe, int threads,
            Map<Symmetrization, Path> outputs, Path scratchDir, Consumer<String> progress) {
        run(() -> EncodedCorpus.encode(pairs, scratchDir,
                n -> progress.accept(String.format("read %,d pairs", n))), recipe, threads, outputs, progress);
    }

    private static void run(java.util.function.Supplier<EncodedCorpus> encode, Recipe recipe,
            int threads, Map<Symmetrization, Path> outputs, Consumer<String> progress) {
        DiagonalModel.Settings settings = recipe.diagonal();
        long start = System.nanoTime();
        try (EncodedCorpus corpus = encode.get()) {
            progress.accept(String.format("corpus: %,d pairs, %,d source and %,d target tokens, %,d and %,d words "
                    + "(%.1f s)", corpus.pairs(), corpus.tokens(true), corpus.tokens(false), corpus.words(true) - 1,
                    corpus.words(false) - 1, seconds(start)));
            DiagonalModel forward = DiagonalModel.train(corpus, true, settings, threads,
                    iteration -> progress.accept(report("source→target", iteration, settings)));
            DiagonalModel reverse = DiagonalModel.train(corpus, false, settings, threads,
                    iteration -> progress.accept(report("target→source", iteration, settings)));
            if (recipe.hmm() == null) {
                write(corpus, DiagonalModel.both(forward, reverse), threads, outputs);
            } else {
                HiddenMarkovModel[] hmm = HiddenMarkovModel.train(corpus, forward, reverse, recipe.hmm(), threads,
                        it -> progress.accept(String.format("HMM iteration %d/%d: log2 perplexity %.3f and %.3f "
                                + "(%.1f s)", it.number(), recipe.hmm().iterations(), it.forwardLog2Perplexity(),
                                it.reverseLog2Perplexity(), it.seconds())));
                forward = null;
                reverse = null;
                write(corpus, HiddenMarkovModel.both(hmm[0], hmm[1]), threads, outputs);
            }
            progress.accept(String.format("aligned %,d pairs in %.1f s", corpus.pairs(), seconds(start)));
        }
    }

    private static String report(String direction, DiagonalModel.Iteration it, DiagonalModel.Settings settings) {
        return String.format("%s iteration %d/%d: log2 perplexity %.3f, tension %.2f (%.1f s)", direction,
                it.number(), settings.iterations(), it.log2Perplexity(), it.tension(), it.seconds());
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static void write(EncodedCorpus corpus, DirectionalAligner aligner, int threads,
            Map<Symmetrization, Path> outputs) {
        List<Symmetrization> heuristics = new ArrayList<>(outputs.keySet());
        Map<Symmetrization, AtomicFile.Pending> files = new LinkedHashMap<>();
        try {
            for (Symmetrization s : heuristics) {
                files.put(s, AtomicFile.open(outputs.get(s)));
            }
            corpus.forEachBlock(BLOCK, block -> {
                String[][] lines = new String[heuristics.size()][block.size()];
                ParallelWork.run(block.size(), threads, k -> {
                    int[][] both = aligner.align(block.source()[k], block.target()[k]);
                    int[] f = both[0];
                    int[] r = both[1];
                    for (int h = 0; h < heuristics.size(); h++) {
                        lines[h][k] = Symmetrization.pharaoh(heuristics.get(h).combine(f, r));
                    }
                });
                try {
                    for (int h = 0; h < heuristics.size(); h++) {
                        Writer out = files.get(heuristics.get(h)).writer();
                        for (String line : lines[h]) {
                            out.write(line);
                            out.write('\n');
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            for (AtomicFile.Pending file : files.values()) {
                file.commit();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (AtomicFile.Pending file : files.values()) {
                try {
                    file.close();
                } catch (IOException e) {
                    // the temporary file of a failed write; the error that stopped it is on its way
                }
            }
        }
    }
}
