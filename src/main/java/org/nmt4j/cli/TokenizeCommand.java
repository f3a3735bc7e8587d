package org.nmt4j.cli;

import org.nmt4j.text.Tokenizer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "tokenize", mixinStandardHelpOptions = true,
        description = {"Tokenizes raw text, one sentence a line: with CoreNLP (or --tokenizer unicode) tokens "
                + "attached to the previous one carry the joiner mark \uFFED; with --tokenizer none words carry the "
                + "space before them as \u2581. Either way 'nmt4j detokenize' (same --tokenizer) restores the text."})
final class TokenizeCommand implements Runnable {

    @Mixin
    TokenizerOptions.One tokenizing = new TokenizerOptions.One();

    @Mixin
    InputOutputOptions io;

    @Override
    public void run() {
        Tokenizer tokenizer = tokenizing.tokenizer();
        io.mapLines(line -> String.join(" ", tokenizer.tokenizeMarked(line)));
    }
}
