package org.nmt4j.cli;

import org.nmt4j.text.Preprocessor;
import org.nmt4j.text.Whitespace;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "detokenize", mixinStandardHelpOptions = true,
        description = "Turns tokens or subword pieces (space-separated, joiner-marked, BPE '@@') back into text.")
final class DetokenizeCommand implements Runnable {

    @Mixin
    InputOutputOptions io;

    @Override
    public void run() {
        io.mapLines(line -> Preprocessor.text(Whitespace.split(line)));
    }
}
