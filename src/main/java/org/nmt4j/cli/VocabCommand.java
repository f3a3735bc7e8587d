package org.nmt4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.nmt4j.io.UserError;
import org.nmt4j.data.AlignedFiles;
import org.nmt4j.text.BpeCodes;
import org.nmt4j.text.BpeEncoder;
import org.nmt4j.text.Preprocessor;
import org.nmt4j.text.Vocabulary;
import org.nmt4j.text.WordCounts;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "vocab", mixinStandardHelpOptions = true,
        description = {"Builds a vocabulary from raw training text: tokenized, split by --codes when given.",
                "Writes one token a line; ids are line numbers from 0, with <pad> <unk> <s> </s> first."})
final class VocabCommand implements Runnable {

    @Option(names = {"-i", "--input"}, required = true, arity = "1..*", description = "Training text (plain or .gz).")
    List<Path> inputs;

    @Mixin
    TokenizerOptions.PerInput tokenizing = new TokenizerOptions.PerInput();

    @Option(names = "--codes", description = "BPE codes to split tokens with.")
    Path codes;

    @Option(names = "--min-frequency", defaultValue = "1",
            description = "Keep tokens seen at least this often (default: ${DEFAULT-VALUE}).")
    int minFrequency;

    @Option(names = "--max-size", defaultValue = "0",
            description = "At most this many entries, specials included; 0 = no limit (default).")
    int maxSize;

    @Option(names = {"-o", "--output"}, required = true, description = "Vocabulary file to write.")
    Path output;

    @Option(names = "--counts", description = "Also write 'token count' lines (for bpe apply --vocabulary).")
    Path countsFile;

    @Override
    public void run() {
        BpeEncoder bpe = codes == null ? null : new BpeEncoder(BpeCodes.load(codes));
        WordCounts pieces = new WordCounts();
        for (int i = 0; i < inputs.size(); i++) {
            Preprocessor preprocessor = new Preprocessor(tokenizing.tokenizer(i, inputs.size()), bpe);
            pieces.addPieces(AlignedFiles.readLines(inputs.get(i)), preprocessor::pieces);
        }
        Map<String, Long> counts = pieces.words();
        Vocabulary vocabulary = Vocabulary.build(counts, minFrequency, maxSize);
        try {
            vocabulary.save(output);
            if (countsFile != null) {
                WordCounts.save(counts, countsFile);
            }
        } catch (IOException e) {
            throw new UserError("cannot write the vocabulary (" + e.getMessage() + ")");
        }
        System.err.printf("%d token types, %d in the vocabulary; wrote %s%n", counts.size(), vocabulary.size(), output);
    }
}
