package org.nmt4j.cli;

import java.nio.file.Path;
import java.util.List;

import org.nmt4j.UserError;
import org.nmt4j.align.AlignmentMatrix;
import org.nmt4j.align.ForcedAligner;
import org.nmt4j.data.AlignedFiles;
import org.nmt4j.translate.Translator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import org.nmt4j.compute.NativeThreads;

@Command(name = "align", mixinStandardHelpOptions = true,
        description = {"Aligns given sentence pairs by forced decoding: the model reads each reference "
                + "translation, and its attention at each target token is that token's alignment. Writes one line "
                + "of links per pair (Pharaoh i-j, hard by default)."})
final class AlignCommand implements Runnable {

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--src", required = true, description = "Source sentences, one a line.")
    Path source;

    @Option(names = "--tgt", required = true, description = "Their translations, line by line.")
    Path target;

    @Option(names = {"-o", "--output"}, description = "Output file; default: standard output.")
    Path output;

    @Option(names = "--batch-size", defaultValue = "64", description = "Pairs per batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Mixin
    AlignmentOptions alignment;

    @Override
    public void run() {
        alignment.check("hard");
        if (batchSize < 1) {
            throw new UserError("--batch-size must be at least 1");
        }
        int threads = NativeThreads.configure(modelOptions.threads);
        List<String> sources = AlignedFiles.readLines(source);
        List<String> targets = AlignedFiles.readLines(target);
        if (sources.size() != targets.size()) {
            throw new UserError(source + " has " + sources.size() + " lines but " + target + " has "
                    + targets.size());
        }
        Translator translator = Translator.load(modelOptions.model).withThreads(threads);
        List<AlignmentMatrix> matrices = new ForcedAligner(translator, batchSize).align(sources, targets);
        TextFiles.writeAtomically(output, out -> {
            for (AlignmentMatrix m : matrices) {
                out.write(alignment.format(m));
                out.write('\n');
            }
        });
        alignment.export(matrices);
    }
}
