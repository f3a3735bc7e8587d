package org.nmt4j.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

import org.nmt4j.io.UserError;
import org.nmt4j.align.lexical.LexicalAligner;
import org.nmt4j.align.lexical.Symmetrization;
import org.nmt4j.config.GuidedAlignmentConfig;
import org.nmt4j.data.Guidance;
import org.nmt4j.data.PharaohLinks;
import org.nmt4j.data.TokenPairs;

/**
 * The links of {@code training.guided_alignment}: the user's file, or ({@code auto}) the built-in aligner's over the
 * corpus's tokens, written into the model folder as {@value #AUTO_FILE} and kept there.
 */
final class GuideLinks implements Guidance {

    /** Where {@code auto} writes the aligner's links in the model folder: one Pharaoh line per training pair. */
    static final String AUTO_FILE = "guide.links";

    /**
     * The aligner's settings for {@code auto}: the built-in aligner's standard recipe (the HMM model trained by
     * agreement) and grow-diag-final-and, the settings that align the Hansards trial pairs best.
     */
    static final LexicalAligner.Recipe ALIGNER = LexicalAligner.Recipe.standard();
    static final Symmetrization HEURISTIC = Symmetrization.GROW_DIAG_FINAL_AND;

    private final GuidedAlignmentConfig config;
    private final String origin;
    private final int threads;

    GuideLinks(GuidedAlignmentConfig config, String origin, int threads) {
        this.config = config;
        this.origin = origin;
        this.threads = threads;
    }

    /** The guidance of a config, or null when training is not guided. */
    static GuideLinks of(GuidedAlignmentConfig config, String origin, int threads) {
        if (!config.enabled()) {
            return null;
        }
        if (!config.automatic() && !Files.isRegularFile(Path.of(config.links()))) {
            throw new UserError(origin + ": training.guided_alignment.links: no such file '" + config.links()
                    + "' (a file of Pharaoh links, one line per training pair, or 'auto')");
        }
        return new GuideLinks(config, origin, threads);
    }

    @Override
    public String identity() throws IOException {
        if (config.automatic()) {
            return "guided alignment: auto " + ALIGNER + " " + HEURISTIC.label();
        }
        Path file = Path.of(config.links()).toAbsolutePath().normalize();
        return "guided alignment: " + file + "\t" + Files.size(file) + "\t"
                + Files.getLastModifiedTime(file).toMillis();
    }

    @Override
    public PharaohLinks open(TokenPairs tokens, Path folder, Consumer<String> progress) throws IOException {
        if (!config.automatic()) {
            return new PharaohLinks(Path.of(config.links()));
        }
        Path links = folder.resolve(AUTO_FILE);
        progress.accept("guided alignment: aligning the training pairs with the built-in aligner into " + links);
        LexicalAligner.align(tokens, ALIGNER, threads, Map.of(HEURISTIC, links), folder,
                line -> progress.accept("  " + line));
        return new PharaohLinks(links);
    }
}
