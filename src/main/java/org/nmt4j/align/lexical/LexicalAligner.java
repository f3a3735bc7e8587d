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

    private LexicalAligner() {
    }

    /**
     * Aligns {@code sourceFile} with {@code targetFile} (space-separated tokens, line by line) and writes each
     * heuristic's links to its file; {@code progress} gets a line per stage and EM iteration.
     */
    public static void align(Path sourceFile, Path targetFile, DiagonalModel.Settings settings, int threads,
            Map<Symmetrization, Path> outputs, Path scratchDir, Consumer<String> progress) {
        run(() -> EncodedCorpus.encode(sourceFile, targetFile, scratchDir,
                pairs -> progress.accept(String.format("read %,d pairs", pairs))), settings, threads, outputs,
                progress);
    }

    /** The same over a corpus of token ids (as preparation has it), for guided alignment's links. */
    public static void align(TokenPairs pairs, DiagonalModel.Settings settings, int threads,
            Map<Symmetrization, Path> outputs, Path scratchDir, Consumer<String> progress) {
        run(() -> EncodedCorpus.encode(pairs, scratchDir,
                n -> progress.accept(String.format("read %,d pairs", n))), settings, threads, outputs, progress);
    }

    private static void run(java.util.function.Supplier<EncodedCorpus> encode, DiagonalModel.Settings settings,
            int threads, Map<Symmetrization, Path> outputs, Consumer<String> progress) {
        long start = System.nanoTime();
        try (EncodedCorpus corpus = encode.get()) {
            progress.accept(String.format("corpus: %,d pairs, %,d source and %,d target tokens, %,d and %,d words "
                    + "(%.1f s)", corpus.pairs(), corpus.tokens(true), corpus.tokens(false), corpus.words(true) - 1,
                    corpus.words(false) - 1, seconds(start)));
            DiagonalModel forward = DiagonalModel.train(corpus, true, settings, threads,
                    iteration -> progress.accept(report("source→target", iteration, settings)));
            DiagonalModel reverse = DiagonalModel.train(corpus, false, settings, threads,
                    iteration -> progress.accept(report("target→source", iteration, settings)));
            write(corpus, forward, reverse, threads, outputs);
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

    private static void write(EncodedCorpus corpus, DiagonalModel forward, DiagonalModel reverse, int threads,
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
                    int[] f = forward.viterbi(block.source()[k], block.target()[k]);
                    int[] r = reverse.viterbi(block.source()[k], block.target()[k]);
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
