package org.nmt4j.cli;

import org.nmt4j.text.BpeEncoder;
import org.nmt4j.text.Tokenizer;
import org.nmt4j.text.Tokenizers;
import org.nmt4j.text.Whitespace;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "detokenize", mixinStandardHelpOptions = true,
        description = "Turns tokens or subword pieces (space-separated; joiner-marked, or \u2581-marked with "
                + "--tokenizer none; BPE '@@') back into text.")
final class DetokenizeCommand implements Runnable {

    @Option(names = "--tokenizer", defaultValue = "corenlp",
            description = "The tokenizer that made the tokens (default: ${DEFAULT-VALUE}; unicode as corenlp).")
    String tokenizer;

    @Mixin
    InputOutputOptions io;

    @Override
    public void run() {
        Tokenizer made = Tokenizers.create(tokenizer, "en", false, false); // the language does not matter here
        io.mapLines(line -> made.detokenize(BpeEncoder.decode(Whitespace.split(line))));
    }
}
