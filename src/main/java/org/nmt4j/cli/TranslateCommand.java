package org.nmt4j.cli;

import java.util.ArrayList;
import java.util.List;

import org.nmt4j.align.AlignmentMatrix;
import org.nmt4j.config.DecodingConfig;
import org.nmt4j.data.Utf8LineReader;
import org.nmt4j.translate.Translation;
import org.nmt4j.translate.Translator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import org.nmt4j.compute.NativeThreads;

@Command(name = "translate", mixinStandardHelpOptions = true,
        description = {"Translates raw text with a trained model folder: the sentences given as arguments, or one "
                + "line in, one line out from --input (or standard input). Tokenization, BPE and detokenization "
                + "come from the model folder."})
final class TranslateCommand implements Runnable {

    @Mixin
    ModelOptions modelOptions;

    @Parameters(arity = "0..*", paramLabel = "SENTENCE", description = "Sentences to translate (else the input).")
    List<String> sentences = new ArrayList<>();

    @Mixin
    InputOutputOptions io;

    @Option(names = {"-b", "--beam"}, description = "Beam size, 1 = greedy (default: the model's config).")
    Integer beam;

    @Option(names = "--alpha", description = "Length normalisation α: log p / length^α (default: the config's).")
    Double alpha;

    @Option(names = "--nbest", defaultValue = "0",
            description = "Write the N best translations in Moses form: 'i ||| text ||| score' (N ≤ beam).")
    int nbest;

    @Option(names = "--max-length-ratio", description = "The most target pieces per source piece, plus 5.")
    Double maxLengthRatio;

    @Option(names = "--batch-size", description = "Sentences per batch (default: the config's).")
    Integer batchSize;

    @Option(names = "--replace-unk", description = "Replace <unk> by the most attended source piece.")
    boolean replaceUnknown;

    @Mixin
    AlignmentOptions alignment;

    @Override
    public void run() {
        alignment.check(null);
        int threads = NativeThreads.configure(modelOptions.threads);
        Translator loaded = Translator.load(modelOptions.model).withThreads(threads);
        DecodingConfig decoding = loaded.decoding().withOverrides(beam, alpha, maxLengthRatio, batchSize, nbest);
        Translator translator = loaded.with(decoding, replaceUnknown);
        List<String> lines = sentences.isEmpty() ? readInput() : sentences;
        List<List<Translation>> results = translator.translateNBest(lines, Math.max(1, nbest));
        List<AlignmentMatrix> matrices = new ArrayList<>();
        TextFiles.writeAtomically(sentences.isEmpty() ? io.output : null, out -> {
            for (int i = 0; i < results.size(); i++) {
                List<Translation> translations = results.get(i);
                for (Translation t : nbest > 0 ? translations : translations.subList(0, 1)) {
                    String aligned = alignment.format(AlignmentMatrix.of(t));
                    String text = nbest > 0 ? t.nbestLine(i) : t.text();
                    out.write(aligned == null ? text : text + " ||| " + aligned);
                    out.write('\n');
                }
                matrices.add(AlignmentMatrix.of(translations.get(0)));
            }
        });
        alignment.export(matrices);
    }

    private List<String> readInput() {
        try (Utf8LineReader reader = TextFiles.openInput(io.input)) {
            return reader.readAll();
        }
    }
}
