package org.nmt4j.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.nmt4j.align.AlignmentExport;
import org.nmt4j.align.AlignmentMatrix;
import org.nmt4j.align.SymmetrizedAlignment;
import org.nmt4j.compute.NativeThreads;
import org.nmt4j.compute.Precision;
import org.nmt4j.config.DecodingConfig;
import org.nmt4j.io.UserError;
import org.nmt4j.io.Utf8LineReader;
import org.nmt4j.markup.MarkedText;
import org.nmt4j.markup.MarkupTranslator;
import org.nmt4j.translate.ChunkSize;
import org.nmt4j.translate.ChunkedStream;
import org.nmt4j.translate.Shortlist;
import org.nmt4j.translate.Translation;
import org.nmt4j.translate.TranslationWarnings;
import org.nmt4j.translate.Terminology;
import org.nmt4j.translate.Translator;
import org.nmt4j.translate.WordScores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

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

    @Mixin
    ReverseModelOptions reverse;

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

    @Option(names = "--batch-tokens",
            description = "The most padded source pieces per batch: batches of long lines hold fewer sentences; 0 = "
                    + "off (default: the config's decoding.batch_tokens, 2048).")
    Integer batchTokens;

    @Option(names = "--max-source-length",
            description = "Read at most this many source pieces of a line; a longer line is cropped, with a warning "
                    + "(default: the config's decoding.max_source_length, 250).")
    Integer maxSourceLength;

    @Option(names = "--replace-unk", description = "Replace <unk> by the most attended source piece.")
    boolean replaceUnknown;

    @Option(names = "--shortlist", arity = "0..1", fallbackValue = "", paramLabel = "FILE",
            description = "Score only a lexical shortlist's target pieces per batch: FILE, or without one the "
                    + "first model folder's " + Shortlist.FILE + " (made by 'nmt4j shortlist').")
    String shortlist;

    @Option(names = "--precision", paramLabel = "fp32|bf16|int8", converter = PrecisionName.class,
            description = "The search's products (default fp32): bf16 rounds the weights once and each step's rows to "
                    + "bfloat16 and accumulates in fp32, on a processor with AVX-512 BF16 or AMX; int8 quantizes the "
                    + "weights per column once and each step's rows per row and accumulates in int32, on a processor "
                    + "with VNNI or AMX: faster, the same translations but for a few near ties.")
    Precision precision;

    @Mixin
    AlignmentOptions alignment;

    @Option(names = "--markup", paramLabel = "xml|html",
            description = "The input lines carry markup: tags and entities are taken out, the text is translated, and "
                    + "each tag is put back around the words its words were aligned with (docs/markup.md).")
    String markup;

    @Option(names = "--markup-lenient",
            description = "With --markup: translate a line whose markup is malformed as plain text (default: an "
                    + "error naming the line).")
    boolean markupLenient;

    @Option(names = "--word-scores",
            description = "Append each word's log-probability after ' ||| ' in Marian's form, 'WordScores= s1 s2 ...' "
                    + "(one per word of the tokenized translation, </s> last; with --nbest, before the score).")
    boolean wordScores;

    @Option(names = "--terminology", paramLabel = "FILE",
            description = "A glossary, TSV 'source term<TAB>target term': each entry whose source term occurs in a "
                    + "line has its target term in the translation exactly once (constrained beam search, a beam of "
                    + "at least 10).")
    Path terminology;

    private MarkupTranslator marked; // with --markup

    private ProgressBar bar; // on a terminal, translating a file
    private long started;    // when the bar started
    private TranslationWarnings warnings;

    @Override
    public void run() {
        alignment.check(null);
        if (reverse.folder != null && alignment.links.format(null) == null && alignment.export == null) {
            throw new UserError("--reverse-model combines alignments: give --alignment or --export");
        }
        int threads = NativeThreads.configure(modelOptions.threads);
        Translator loaded = modelOptions.load().withThreads(threads);
        reverse.open(alignment, threads, loaded.decoding().batchSize());
        DecodingConfig decoding = loaded.decoding().withOverrides(beam, alpha, maxLengthRatio, batchSize,
                maxSourceLength, nbest).withBatchTokens(batchTokens);
        Translator translator = loaded.with(decoding, replaceUnknown);
        if (alignment.links.format(null) == null && alignment.export == null && !replaceUnknown && markup == null) {
            translator = translator.withoutHeadAlignments(); // nothing reads the alignments
        }
        if (precision != null) {
            translator = translator.withPrecision(precision);
        }
        if (shortlist != null) {
            translator = translator.withShortlist(shortlist.isEmpty()
                    ? modelOptions.models.get(0).resolve(Shortlist.FILE) : Path.of(shortlist));
        }
        if (terminology != null) {
            translator = translator.withTerminology(Terminology.read(terminology));
            for (Terminology.Entry skipped : translator.skippedTerms()) {
                warn("nmt4j: warning: " + terminology + ": '" + skipped.target() + "' has a piece the model's "
                        + "vocabulary lacks; the entry for '" + skipped.source() + "' is left out");
            }
        }
        warnings = new TranslationWarnings(this::warn);
        marked = MarkupLines.open(markup, markupLenient, translator);
        try (AlignmentExport exporter = alignment.openExport(translator)) {
            translate(translator, exporter);
            alignment.finish(exporter);
            warnings.finish();
        } catch (IOException e) {
            throw alignment.cannotWrite(e);
        }
    }

    private void translate(Translator translator, AlignmentExport exporter) {
        if (!sentences.isEmpty()) {
            TextFiles.writeAtomically(null, out -> write(translator, sentences, 0, "argument", out, exporter));
            return;
        }
        // streams: a chunk of lines at a time (sorted by length into batches inside), written in input order as soon
        // as it is translated; one line at a time when a person types them (see ChunkSize)
        ChunkSize chunks = io.input == null && System.console() != null ? ChunkSize.interactive()
                : ChunkSize.of(translator.decoding().batchSize(), translator.threads());
        String name = io.input == null ? "<stdin>" : io.input.toString();
        bar = io.input != null && System.console() != null && Files.isRegularFile(io.input)
                ? new ProgressBar("translate", countLines(io.input)) : null;
        started = System.nanoTime();
        try (Utf8LineReader reader = TextFiles.openInput(io.input)) {
            TextFiles.writeAtomically(io.output, out -> ChunkedStream.lines(reader, chunks,
                    (lines, none, first) -> write(translator, lines, first, name, out, exporter)));
        }
    }

    // translates lines first.. of the input and writes them; warns of cropped sources and translations at the limit
    private void write(Translator translator, List<String> lines, long first, String input, Writer out,
                       AlignmentExport exporter) throws IOException {
        List<MarkedText> parsed = marked == null ? null : MarkupLines.parse(marked, lines, first, input, "translates");
        List<List<Translation>> results = parsed == null ? translator.translateNBest(lines, Math.max(1, nbest))
                : marked.translateMarked(parsed, Math.max(1, nbest));
        List<SymmetrizedAlignment> combined = !reverse.active() ? null
                : combine(parsed == null ? lines : parsed.stream().map(MarkedText::text).toList(), results);
        int written = 0; // translations written so far, the index into combined
        for (int i = 0; i < results.size(); i++) {
            long index = first + i;
            List<Translation> translations = results.get(i);
            Translation best = translations.get(0);
            warnings.check(best, input, index, translator.decoding());
            int bestAt = written;
            for (Translation t : nbest > 0 ? translations : translations.subList(0, 1)) {
                String aligned = combined == null ? alignment.format(AlignmentMatrix.of(t))
                        : alignment.formatSymmetrized(combined.get(written));
                written++;
                String scores = wordScores ? WordScores.of(t).marian() : null;
                String text = nbest == 0 ? t.text()
                        : scores == null ? t.nbestLine((int) index) : t.nbestLine((int) index, scores);
                String line = aligned == null ? text : text + " ||| " + aligned;
                out.write(scores == null || nbest > 0 ? line : line + " ||| " + scores);
                out.write('\n');
            }
            alignment.add(exporter, combined == null ? AlignmentMatrix.of(best) : combined.get(bestAt).soft(),
                    WordScores.of(best));
        }
        out.flush();
        if (bar != null) {
            long done = first + lines.size();
            bar.update(done, String.format("%,.0f sentences/s", done / Math.max(1e-9, (System.nanoTime() - started)
                    / 1e9)));
        }
    }

    // the written translations' alignments combined with the reverse model's, in the order they are written
    private List<SymmetrizedAlignment> combine(List<String> lines, List<List<Translation>> results) {
        return reverse.combineTranslations(lines, results.stream()
                .map(translations -> nbest > 0 ? translations : translations.subList(0, 1)).toList());
    }

    private void warn(String line) {
        if (bar != null) {
            bar.println(line);
        } else {
            System.err.println(line);
        }
    }

    // the lines of a file, for the progress bar's total (a file, not a pipe: it is read twice)
    private static long countLines(Path file) {
        try (Utf8LineReader reader = Utf8LineReader.open(file)) {
            return reader.skipRest();
        }
    }
}
