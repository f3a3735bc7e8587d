package org.nmt4j.cli;

import org.nmt4j.text.CoreNlpTokenizer;
import org.nmt4j.text.Language;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "tokenize", mixinStandardHelpOptions = true,
        description = {"Tokenizes raw text with CoreNLP, one sentence a line; tokens attached to the previous one "
                + "carry the joiner mark \uFFED, so that 'nmt4j detokenize' restores the text."})
final class TokenizeCommand implements Runnable {

    @Option(names = "--lang", required = true, description = "Language code: en, de, fr or es.")
    String language;

    @Option(names = "--lowercase", description = "Lowercase every token.")
    boolean lowercase;

    @Mixin
    InputOutputOptions io;

    @Override
    public void run() {
        CoreNlpTokenizer tokenizer = new CoreNlpTokenizer(Language.fromCode(language), lowercase);
        io.mapLines(line -> String.join(" ", tokenizer.tokenizeMarked(line)));
    }
}
