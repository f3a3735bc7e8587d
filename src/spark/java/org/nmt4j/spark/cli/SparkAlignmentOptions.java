package org.nmt4j.spark.cli;

import org.nmt4j.io.UserError;
import org.nmt4j.cli.LinkOptions;
import org.nmt4j.spark.AlignmentColumns;
import org.nmt4j.spark.SparkCorpora;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The alignment options of {@code nmt4j spark translate} and {@code align}, as {@code nmt4j translate}'s. */
final class SparkAlignmentOptions {

    @Mixin
    LinkOptions links = new LinkOptions();

    @Option(names = "--attention",
            description = "Parquet output: also the columns source_tokens, target_tokens and attention (the matrix).")
    boolean attention;

    AlignmentColumns columns(String fallback, SparkCorpora.Format output) {
        if (attention && output != SparkCorpora.Format.PARQUET) {
            throw new UserError("--attention: only with --format parquet (text output has no place for it)");
        }
        return new AlignmentColumns(links.format(fallback), links.wordLevel(), links.keepEos(), attention);
    }
}
