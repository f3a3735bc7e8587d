package org.nmt4j.translate;

import java.util.function.Consumer;

import org.nmt4j.config.DecodingConfig;

/**
 * The warnings of a streamed translation: a source line cropped to {@code decoding.max_source_length} pieces, and a
 * translation that stopped at the length limit before its end. The first {@value #SHOWN} of each kind name their line;
 * {@link #finish} then gives the count of all.
 */
public final class TranslationWarnings {

    /** Warnings of one kind printed line by line before a count at the end stands for the rest. */
    public static final int SHOWN = 20;

    private final Consumer<String> out;
    private long croppedLines;
    private long limitedLines;

    /** Warnings go to out, a line each. */
    public TranslationWarnings(Consumer<String> out) {
        this.out = out;
    }

    /**
     * Looks at the best translation of line index (from 0) of input (a file's name, or "argument" for the command
     * line's sentences), translated with these settings.
     */
    public void check(Translation best, String input, long index, DecodingConfig decoding) {
        String where = "nmt4j: warning: " + input + (input.equals("argument") ? " " : ":") + (index + 1) + ": ";
        if (best.cropped() > 0 && ++croppedLines <= SHOWN) {
            out.accept(String.format("%s%,d pieces, cropped to the first %,d (decoding.max_source_length, "
                    + "--max-source-length)", where, best.cropped() + decoding.maxSourceLength(),
                    decoding.maxSourceLength()));
        }
        if (best.stoppedAtLengthLimit() && ++limitedLines <= SHOWN) {
            out.accept(String.format("%sthe translation stopped at the length limit (%d pieces; decoding.max_length, "
                    + "--max-length-ratio) before its end", where, best.targetPieces().size()));
        }
    }

    /** The counts of the kinds with more warnings than were shown. */
    public void finish() {
        if (croppedLines > SHOWN) {
            out.accept(String.format("nmt4j: warning: %,d lines in all were cropped (the first %d named above)",
                    croppedLines, SHOWN));
        }
        if (limitedLines > SHOWN) {
            out.accept(String.format("nmt4j: warning: %,d translations in all stopped at the length limit (the first "
                    + "%d named above)", limitedLines, SHOWN));
        }
    }
}
