package org.nmt4j.cli;

import java.nio.file.Path;
import java.util.function.Function;

import picocli.CommandLine.Option;

/** The {@code --input}/{@code --output} pair of the line-by-line text commands (stdin and stdout by default). */
final class InputOutputOptions {

    @Option(names = {"-i", "--input"}, description = "Input file (plain or .gz); default: standard input.")
    Path input;

    @Option(names = {"-o", "--output"}, description = "Output file; default: standard output.")
    Path output;

    /** Maps every input line to one output line. */
    void mapLines(Function<String, String> map) {
        TextFiles.mapLines(input, output, map);
    }
}
