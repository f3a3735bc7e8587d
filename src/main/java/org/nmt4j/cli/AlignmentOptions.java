package org.nmt4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.nmt4j.UserError;
import org.nmt4j.align.AlignmentExport;
import org.nmt4j.align.AlignmentMatrix;
import org.nmt4j.align.Links;
import org.nmt4j.align.WordLevel;

import picocli.CommandLine.Option;

/** The alignment options that {@code translate} and {@code align} share (Marian's conventions). */
final class AlignmentOptions {

    @Option(names = "--alignment", paramLabel = "hard|soft|THRESHOLD",
            description = "Append ' ||| ' and the alignment: 'hard' (the most attended source token per target "
                    + "token, Pharaoh i-j links), a number such as 0.3 (every link of that weight or more), or "
                    + "'soft' (the whole matrix: a row per target token, weights by commas, rows by spaces).")
    String alignment;

    @Option(names = "--word-level", description = "Align words of the tokenized text instead of subword pieces.")
    boolean wordLevel;

    @Option(names = "--keep-eos", description = "Keep the </s> row and column (left out by default).")
    boolean keepEos;

    @Option(names = "--export", paramLabel = "DIR", description = "Also write the alignments into DIR.")
    Path export;

    @Option(names = "--formats", defaultValue = "csv,json,png,svg,html", split = ",",
            description = "Formats for --export (default: ${DEFAULT-VALUE}).")
    List<String> formats;

    void check() {
        if (alignment != null && !alignment.equals("hard") && !alignment.equals("soft")) {
            try {
                double threshold = Double.parseDouble(alignment);
                if (!(threshold > 0 && threshold <= 1)) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw new UserError("--alignment: '" + alignment + "' is not hard, soft or a weight in (0, 1]");
            }
        }
        for (String format : formats) {
            if (!AlignmentExport.FORMATS.contains(format)) {
                throw new UserError("--formats: unknown format '" + format + "' (known: csv, json, png, svg, html)");
            }
        }
    }

    AlignmentMatrix prepare(AlignmentMatrix m) {
        AlignmentMatrix matrix = wordLevel ? WordLevel.merge(m) : m;
        return keepEos ? matrix : matrix.withoutEos();
    }

    /** The text to append after ' ||| ', or null without --alignment. */
    String format(AlignmentMatrix raw) {
        if (alignment == null) {
            return null;
        }
        AlignmentMatrix m = wordLevel ? WordLevel.merge(raw) : raw;
        return switch (alignment) {
            case "hard" -> Links.pharaoh(Links.argmax(m, keepEos));
            case "soft" -> Links.soft(keepEos ? m : m.withoutEos());
            default -> Links.pharaoh(Links.threshold(m, Double.parseDouble(alignment), keepEos));
        };
    }

    void export(List<AlignmentMatrix> raw) {
        if (export == null) {
            return;
        }
        try {
            AlignmentExport.write(export, raw.stream().map(this::prepare).toList(), Set.copyOf(formats));
        } catch (IOException e) {
            throw new UserError(export + ": cannot write (" + e.getMessage() + ")");
        }
    }
}
