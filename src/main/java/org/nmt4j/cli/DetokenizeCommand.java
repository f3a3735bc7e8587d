package org.nmt4j.cli;

import java.nio.file.Path;

import org.nmt4j.text.Preprocessor;
import org.nmt4j.text.Whitespace;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "detokenize", mixinStandardHelpOptions = true,
        description = "Turns tokens or subword pieces (space-separated, joiner-marked, BPE '@@') back into text.")
final class DetokenizeCommand implements Runnable {

    @Option(names = {"-i", "--input"}, description = "Input file (plain or .gz); default: standard input.")
    Path input;

    @Option(names = {"-o", "--output"}, description = "Output file; default: standard output.")
    Path output;

    @Override
    public void run() {
        TextFiles.mapLines(input, output, line -> Preprocessor.text(Whitespace.split(line)));
    }
}
