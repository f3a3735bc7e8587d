package org.nmt4j.cli;

import java.nio.file.Path;

import org.nmt4j.text.CoreNlpTokenizer;
import org.nmt4j.text.Language;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "tokenize", mixinStandardHelpOptions = true,
        description = {"Tokenizes raw text with CoreNLP, one sentence a line; tokens attached to the previous one "
                + "carry the joiner mark \uFFED, so that 'nmt4j detokenize' restores the text."})
final class TokenizeCommand implements Runnable {

    @Option(names = "--lang", required = true, description = "Language code: en, de, fr or es.")
    String language;

    @Option(names = "--lowercase", description = "Lowercase every token.")
    boolean lowercase;

    @Option(names = {"-i", "--input"}, description = "Input file (plain or .gz); default: standard input.")
    Path input;

    @Option(names = {"-o", "--output"}, description = "Output file; default: standard output.")
    Path output;

    @Override
    public void run() {
        CoreNlpTokenizer tokenizer = new CoreNlpTokenizer(Language.fromCode(language), lowercase);
        TextFiles.mapLines(input, output, line -> String.join(" ", tokenizer.tokenizeMarked(line)));
    }
}
