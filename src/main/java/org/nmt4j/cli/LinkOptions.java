package org.nmt4j.cli;

import picocli.CommandLine.Option;

/**
 * What alignment a command writes, the options {@code translate}, {@code align} and their {@code nmt4j spark}
 * counterparts share (Marian's conventions): the link format, word or piece level, and whether {@code </s>} stays.
 */
public final class LinkOptions {

    @Option(names = "--alignment", paramLabel = "hard|soft|THRESHOLD",
            description = "The alignment, appended to a text line after ' ||| ': 'hard' (the most attended source "
                    + "token per target token, Pharaoh i-j links), a number such as 0.3 (every link of that weight "
                    + "or more), or 'soft' (the whole matrix: a row per target token, weights by commas, rows by "
                    + "spaces).")
    String alignment;

    @Option(names = "--word-level", description = "Align words of the tokenized text instead of subword pieces.")
    boolean wordLevel;

    @Option(names = "--keep-eos", description = "Keep the </s> row and column (left out by default).")
    boolean keepEos;

    /** The link format asked for, or {@code fallback} without --alignment (null: none). */
    public String format(String fallback) {
        return alignment != null ? alignment : fallback;
    }

    public boolean wordLevel() {
        return wordLevel;
    }

    public boolean keepEos() {
        return keepEos;
    }
}
