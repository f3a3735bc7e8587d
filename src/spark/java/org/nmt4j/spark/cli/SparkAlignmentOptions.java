package org.nmt4j.spark.cli;

import org.nmt4j.UserError;
import org.nmt4j.spark.AlignmentColumns;
import org.nmt4j.spark.SparkCorpora;

import picocli.CommandLine.Option;

/** The alignment options of {@code nmt4j spark translate} and {@code align}, as {@code nmt4j translate}'s. */
final class SparkAlignmentOptions {

    @Option(names = "--alignment", paramLabel = "hard|soft|THRESHOLD",
            description = "The alignment: 'hard' (Pharaoh i-j links of the most attended source token), a weight "
                    + "such as 0.3, or 'soft' (the whole matrix); text output appends it after ' ||| '.")
    String alignment;

    @Option(names = "--word-level", description = "Align words of the tokenized text instead of subword pieces.")
    boolean wordLevel;

    @Option(names = "--keep-eos", description = "Keep the </s> row and column (left out by default).")
    boolean keepEos;

    @Option(names = "--attention",
            description = "Parquet output: also the columns source_tokens, target_tokens and attention (the matrix).")
    boolean attention;

    AlignmentColumns columns(String fallback, SparkCorpora.Format output) {
        if (attention && output != SparkCorpora.Format.PARQUET) {
            throw new UserError("--attention: only with --format parquet (text output has no place for it)");
        }
        return new AlignmentColumns(alignment != null ? alignment : fallback, wordLevel, keepEos, attention);
    }
}
