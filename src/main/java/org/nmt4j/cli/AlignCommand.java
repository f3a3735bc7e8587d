package org.nmt4j.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;

import org.nmt4j.align.AlignmentExport;
import org.nmt4j.align.AlignmentMatrix;
import org.nmt4j.align.ForcedAligner;
import org.nmt4j.align.SymmetrizedAlignment;
import org.nmt4j.compute.NativeThreads;
import org.nmt4j.io.UserError;
import org.nmt4j.io.Utf8LineReader;
import org.nmt4j.markup.MarkedText;
import org.nmt4j.markup.MarkupTransfer;
import org.nmt4j.markup.MarkupTranslator;
import org.nmt4j.translate.ChunkSize;
import org.nmt4j.translate.ChunkedStream;
import org.nmt4j.translate.Translator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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

    @Mixin
    ReverseModelOptions reverse;

    @Option(names = "--markup", paramLabel = "xml|html",
            description = "The source lines carry markup: write each target line with the source's tags put back "
                    + "around the words they align with (instead of links; docs/markup.md).")
    String markup;

    @Option(names = "--markup-lenient",
            description = "With --markup: a source line whose markup is malformed is aligned as plain text.")
    boolean markupLenient;

    private MarkupTranslator marked; // with --markup

    @Override
    public void run() {
        alignment.check("hard");
        if (batchSize < 1) {
            throw new UserError("--batch-size must be at least 1");
        }
        if (markup != null && reverse.folder != null) {
            throw new UserError("--markup writes the targets with tags, not links: no --reverse-model");
        }
        int threads = NativeThreads.configure(modelOptions.threads);
        Translator translator = modelOptions.load().withThreads(threads);
        marked = MarkupLines.open(markup, markupLenient, translator);
        ForcedAligner aligner = new ForcedAligner(translator, batchSize);
        reverse.open(alignment, threads, batchSize);
        ChunkSize chunks = ChunkSize.of(batchSize, threads); // pairs read, aligned and written at a time
        try (Utf8LineReader sources = Utf8LineReader.open(source); Utf8LineReader targets = Utf8LineReader.open(target);
             AlignmentExport exporter = alignment.openExport(translator)) {
            TextFiles.writeAtomically(output, out -> ChunkedStream.pairs(sources, targets, chunks,
                    (sourceLines, targetLines, first) -> {
                        if (marked == null) {
                            write(aligner, sourceLines, targetLines, out, exporter);
                        } else {
                            writeMarked(aligner, translator, sourceLines, targetLines, first, out, exporter);
                        }
                    }));
            alignment.finish(exporter);
        } catch (IOException e) {
            throw alignment.cannotWrite(e);
        }
    }

    // aligns a chunk of pairs whose sources carry markup and writes each target with the source's tags
    private void writeMarked(ForcedAligner aligner, Translator translator, List<String> sources, List<String> targets,
                             long first, Writer out, AlignmentExport exporter) throws IOException {
        List<MarkedText> parsed = MarkupLines.parse(marked, sources, first, source.toString(), "aligns");
        List<AlignmentMatrix> matrices = aligner.align(parsed.stream().map(MarkedText::text).toList(), targets);
        for (int k = 0; k < matrices.size(); k++) {
            AlignmentMatrix m = matrices.get(k);
            if (m.targetTokens().isEmpty()) { // a source of markup only: its tags, then the target as it is
                List<String> pieces = translator.targetPreprocessor().pieces(targets.get(k));
                m = new AlignmentMatrix(List.of(), pieces, new float[pieces.size()][0]);
            }
            out.write(MarkupTransfer.transfer(parsed.get(k), m, translator.targetPreprocessor()));
            out.write('\n');
            alignment.add(exporter, matrices.get(k));
        }
        out.flush();
    }

    // aligns and writes a chunk of pairs
    private void write(ForcedAligner aligner, List<String> sources, List<String> targets, Writer out,
                       AlignmentExport exporter) throws IOException {
        List<AlignmentMatrix> matrices = aligner.align(sources, targets);
        List<SymmetrizedAlignment> combined = reverse.active() ? reverse.combine(matrices, sources, targets) : null;
        for (int k = 0; k < matrices.size(); k++) {
            if (combined == null) {
                out.write(alignment.format(matrices.get(k)));
                alignment.add(exporter, matrices.get(k));
            } else {
                out.write(alignment.formatSymmetrized(combined.get(k)));
                alignment.add(exporter, combined.get(k).soft());
            }
            out.write('\n');
        }
        out.flush();
    }
}
