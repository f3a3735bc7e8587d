package org.nmt4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.nmt4j.align.AlignmentExport;
import org.nmt4j.align.AlignmentMatrix;
import org.nmt4j.align.HeadAttention;
import org.nmt4j.align.LinkFormat;
import org.nmt4j.align.WordLevel;
import org.nmt4j.io.UserError;
import org.nmt4j.translate.Translator;
import org.nmt4j.translate.WordScores;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The alignment options that {@code translate} and {@code align} share (Marian's conventions). */
final class AlignmentOptions {

    @Mixin
    LinkOptions links = new LinkOptions();

    @Option(names = "--export", paramLabel = "DIR", description = "Also write the alignments into DIR.")
    Path export;

    @Option(names = "--formats", defaultValue = "csv,json,png,svg,html", split = ",",
            description = "Formats for --export (default: ${DEFAULT-VALUE}).")
    List<String> formats;

    @Option(names = "--heads", defaultValue = "mean", paramLabel = "mean|all",
            description = "With attention heads: export the heads' mean (default) or also each head (a head column "
                    + "in CSV, one matrix per head in JSON, one picture per head, each head's links in "
                    + "links.headK.txt).")
    String heads;

    private LinkFormat linkFormat;
    private HeadAttention headAttention;

    /** Checks the options; {@code fallback} is the link format without --alignment (null: none). */
    void check(String fallback) {
        String chosen = links.format(fallback);
        linkFormat = chosen == null ? null : LinkFormat.parse(chosen, "--alignment");
        if (!heads.equals("mean") && !heads.equals("all")) {
            throw new UserError("--heads: '" + heads + "' is not mean or all");
        }
        if (heads.equals("all") && export == null) {
            throw new UserError("--heads all: the heads go into the export; give --export DIR");
        }
        for (String format : formats) {
            if (!AlignmentExport.FORMATS.contains(format)) {
                throw new UserError("--formats: unknown format '" + format + "' (known: csv, json, png, svg, html)");
            }
        }
    }

    AlignmentMatrix prepare(AlignmentMatrix m) {
        AlignmentMatrix matrix = links.wordLevel() ? WordLevel.merge(m) : m;
        return links.keepEos() ? matrix : matrix.withoutEos();
    }

    /** The text to append after ' ||| ', or null without --alignment. */
    String format(AlignmentMatrix raw) {
        return linkFormat == null ? null : linkFormat.format(links.wordLevel() ? WordLevel.merge(raw) : raw,
                links.keepEos());
    }

    /**
     * The text of two models' combined alignment: the symmetrized links for {@code hard} (or without --alignment),
     * the averaged matrix in the other formats.
     */
    String formatSymmetrized(org.nmt4j.align.SymmetrizedAlignment both) {
        return both.format(linkFormat == null ? new LinkFormat.Hard() : linkFormat);
    }

    /** The error for a failed write of the export. */
    UserError cannotWrite(IOException e) {
        return new UserError(export + ": cannot write (" + e.getMessage() + ")");
    }

    /**
     * The streamed export of --export (sentences added as they are done), or null without the option; with
     * {@code --heads all}, of the translator's heads.
     */
    AlignmentExport openExport(Translator translator) {
        if (export == null) {
            return null;
        }
        try {
            if (heads.equals("all")) {
                headAttention = new HeadAttention(translator);
                LinkFormat hard = linkFormat == null ? LinkFormat.parse("hard", "--alignment") : linkFormat;
                return AlignmentExport.open(export, Set.copyOf(formats), headAttention.heads(),
                        m -> hard.format(m, true)); // the matrices come prepared: word level, EOS as asked
            }
            return AlignmentExport.open(export, Set.copyOf(formats));
        } catch (IOException e) {
            throw cannotWrite(e);
        }
    }

    /** Adds the next sentence's alignment to the export, if there is one. */
    void add(AlignmentExport exporter, AlignmentMatrix raw) {
        add(exporter, raw, null);
    }

    /** Adds the next translation's alignment and word scores to the export, if there is one. */
    void add(AlignmentExport exporter, AlignmentMatrix raw, WordScores scores) {
        if (exporter != null) {
            try {
                exporter.add(prepare(raw), headAttention == null ? List.of()
                        : headAttention.of(raw).stream().map(this::prepare).toList(), scores);
            } catch (IOException e) {
                throw cannotWrite(e);
            }
        }
    }

    /** Puts the export's CSV file and page in place. */
    void finish(AlignmentExport exporter) {
        if (exporter != null) {
            try {
                exporter.finish();
            } catch (IOException e) {
                throw cannotWrite(e);
            }
        }
    }
}
