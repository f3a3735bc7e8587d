package org.nmt4j.translate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nmt4j.compute.NativeThreads;
import org.nmt4j.compute.ParallelWork;
import org.nmt4j.compute.Scratch;
import org.nmt4j.config.DecodingConfig;
import org.nmt4j.io.UserError;
import org.nmt4j.model.NmtModel;
import org.nmt4j.model.search.SearchDecoder;
import org.nmt4j.text.Preprocessor;
import org.nmt4j.text.Vocabulary;

/**
 * Raw text in, detokenized text out, with a trained model folder: preprocesses each line as training did, sorts the
 * lines by length into batches (of at most {@code decoding.batch_size} sentences and {@code decoding.batch_tokens}
 * padded source pieces), searches (greedy or beam), and restores input order. Each translation carries its
 * pieces and the attention the decoder computed. Thread-safe: the model is only read.
 *
 * <pre>{@code
 * Translator translator = Translator.load(Path.of("models/quickstart"));
 * Translation t = translator.translate("Der Mann liest das Buch.");
 * System.out.println(t.text());
 * }</pre>
 */
public final class Translator {

    private final TranslationModel model;
    private final DecodingConfig decoding;
    private final boolean replaceUnknown;
    private final int threads;
    private final boolean headAlignments;
    /** The smallest beam of a sentence that a glossary constrains (dynamic beam allocation needs room). */
    static final int CONSTRAINED_BEAM = 10;

    private final TermMatcher terms; // null: no glossary
    private final boolean shortlisted;
    private final TranslationOutput output;

    public Translator(NmtModel model, Vocabulary sourceVocabulary, Vocabulary targetVocabulary, Preprocessor source,
                      Preprocessor target, DecodingConfig decoding, boolean replaceUnknown) {
        this(new TranslationModel(model, new ModelScorer(new SearchDecoder(model)), sourceVocabulary,
                targetVocabulary, source, target, decoding), decoding, replaceUnknown, 1, true, null, false);
    }

    private Translator(TranslationModel model, DecodingConfig decoding, boolean replaceUnknown, int threads,
                       boolean headAlignments, TermMatcher terms, boolean shortlisted) {
        this.model = model;
        this.decoding = decoding;
        this.replaceUnknown = replaceUnknown;
        this.threads = threads;
        this.headAlignments = headAlignments;
        this.terms = terms;
        this.shortlisted = shortlisted;
        this.output = new TranslationOutput(model, replaceUnknown, headAlignments);
    }

    /** Loads a model folder that {@code nmt4j train} wrote; its config's decoding section gives the defaults. */
    public static Translator load(Path folder) {
        return of(TranslationModel.load(folder));
    }

    /**
     * Loads the model folders of an ensemble ({@link #ensemble}); one folder is {@link #load(Path)}. The folders must
     * share vocabularies, preprocessing and BPE codes: otherwise a one-line error names the folder that differs.
     * The first folder's decoding section gives the defaults.
     */
    public static Translator load(List<Path> folders, double[] weights) {
        return of(TranslationModel.load(folders, weights));
    }

    private static Translator of(TranslationModel model) {
        return new Translator(model, model.decoding(), false, 1, true, null, false);
    }

    /**
     * An ensemble of translators that share vocabularies and preprocessing (models trained on the same prepared data,
     * different seeds, say): every search step combines the members' log-probabilities by {@code weights}
     * (normalised; null = equal), and the attention it reports is their weighted mean. The first member's
     * preprocessing, decoding settings and threads are the ensemble's. One member is that member itself.
     */
    public static Translator ensemble(List<Translator> members, double[] weights) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one member");
        }
        TranslationModel ensemble = TranslationModel.ensemble(members.stream().map(m -> m.model).toList(), weights);
        Translator first = members.get(0);
        return ensemble == first.model ? first : first.with(ensemble);
    }

    public DecodingConfig decoding() {
        return decoding;
    }

    /**
     * The same translator without realigning its translations by the model's alignment head (a model without one is
     * unchanged): for callers that read no alignment, since the realignment is a forced pass over every translation
     * (greedy Multi30k translation takes about twice as long with it). The translations' attention is then search's.
     */
    public Translator withoutHeadAlignments() {
        return new Translator(model, decoding, replaceUnknown, threads, false, terms, shortlisted);
    }

    /** The same model with other search settings. */
    public Translator with(DecodingConfig decoding, boolean replaceUnknown) {
        return new Translator(model, decoding, replaceUnknown, threads, headAlignments, terms, shortlisted);
    }

    /**
     * The same translator searching up to {@code threads} batches at once, one per thread. The output does not depend
     * on it. This is how nmt4j uses several cores: ND4J's own threads gain little on a decoder step's small
     * operations, so this sets them, and BLAS's, to one ({@link NativeThreads}).
     */
    public Translator withThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        NativeThreads.apply();
        return new Translator(model, decoding, replaceUnknown, threads, headAlignments, terms, shortlisted);
    }

    /**
     * The same translator with a lexical shortlist (null: none): each batch's output layer scores only the target
     * pieces the shortlist gives for its sources.
     */
    public Translator withShortlist(Shortlist shortlist) {
        if (shortlist != null && terms != null) {
            throw new UserError("a lexical shortlist and a glossary do not combine: a term's pieces may be outside "
                    + "the shortlist");
        }
        return new Translator(model.withScorer(model.scorer().withShortlist(shortlist)), decoding, replaceUnknown,
                threads, headAlignments, terms, shortlist != null);
    }

    /**
     * The same translator with its search products in {@code precision}: {@code BF16} rounds the weights (once) and
     * each step's rows to bfloat16 and accumulates in fp32, on a processor with AVX-512 BF16 or AMX.
     *
     * @throws UserError if this processor cannot run that precision
     */
    public Translator withPrecision(org.nmt4j.compute.Precision precision) {
        String unsupported = precision.unsupportedReason();
        if (unsupported != null) {
            throw new UserError(unsupported);
        }
        return new Translator(model.withScorer(model.scorer().withPrecision(precision)), decoding, replaceUnknown,
                threads, headAlignments, terms, shortlisted);
    }

    /**
     * The same translator keeping to a glossary (null: none): a sentence in which entries' source terms occur is
     * translated by {@link ConstrainedBeamSearch} (a beam of at least {@value #CONSTRAINED_BEAM}) so that each
     * match's target term appears exactly once; other sentences are searched as before. Not with a shortlist.
     */
    public Translator withTerminology(Terminology glossary) {
        if (glossary != null && shortlisted) {
            throw new UserError("a lexical shortlist and a glossary do not combine: a term's pieces may be outside "
                    + "the shortlist");
        }
        TermMatcher matcher = glossary == null ? null : new TermMatcher(glossary, model.source(), model.target(),
                model.targetVocabulary());
        return new Translator(model, decoding, replaceUnknown, threads, headAlignments, matcher, shortlisted);
    }

    /** Whether it keeps to a glossary. */
    public boolean hasTerminology() {
        return terms != null;
    }

    /** The glossary entries left out because the vocabulary lacks a piece of their target term. */
    public List<Terminology.Entry> skippedTerms() {
        return terms == null ? List.of() : terms.skipped();
    }

    /** As {@link #withShortlist(Shortlist)}, with the shortlist file {@code nmt4j shortlist} wrote (TSV). */
    public Translator withShortlist(Path file) {
        return withShortlist(Shortlist.read(file, model.sourceVocabulary(), model.targetVocabulary()));
    }

    private Translator with(TranslationModel other) {
        return new Translator(other, decoding, replaceUnknown, threads, headAlignments, terms, shortlisted);
    }

    public int threads() {
        return threads;
    }

    public Translation translate(String line) {
        return translate(List.of(line)).get(0);
    }

    /** One translation per line, in input order; an empty line gives an empty translation. */
    public List<Translation> translate(List<String> lines) {
        return translateNBest(lines, 1).stream().map(list -> list.get(0)).toList();
    }

    /**
     * Up to n translations per line, best first (n ≤ beam size). A line of more than
     * {@code decoding.max_source_length} pieces is cropped to its first pieces (see {@link Translation#cropped}).
     */
    public List<List<Translation>> translateNBest(List<String> lines, int n) {
        return translatePieces(lines.parallelStream().map(model.source()::pieces).toList(), n);
    }

    /** The pieces the model reads for a line (before any cropping to {@code decoding.max_source_length}). */
    public List<String> sourcePieces(String line) {
        return model.source().pieces(line);
    }

    /**
     * {@link #translateNBest} for lines already split into {@link #sourcePieces}: a caller that must look at the
     * pieces first (a server counting tokens against its limits) does not preprocess twice.
     */
    public List<List<Translation>> translatePieces(List<List<String>> whole, int n) {
        List<List<String>> pieces = whole.stream().map(this::read).toList();
        List<List<Translation>> out = new ArrayList<>(java.util.Collections.nCopies(whole.size(), null));
        for (int i = 0; i < whole.size(); i++) {
            if (pieces.get(i).isEmpty()) {
                out.set(i, List.of(Translation.empty()));
            }
        }
        List<List<Integer>> batches = batches(pieces, decoding);
        // longest batches first: each thread's workspace then learns its largest size from its first batch and is
        // never outgrown (growing batches made it spill and reallocate at every batch: page faults on fresh memory)
        ParallelWork.run(batches.size(), threads,
                i -> translateBatch(batches.get(batches.size() - 1 - i), pieces, n, out));
        for (int i = 0; i < out.size(); i++) {
            int cropped = whole.get(i).size() - pieces.get(i).size();
            if (cropped > 0) {
                out.set(i, out.get(i).stream().map(t -> t.withCropped(cropped)).toList());
            }
        }
        return out;
    }

    /**
     * The batches search runs for these sentences (indices into {@code pieces}), shortest first: sorted by length (a
     * stable sort), then cut into runs of at most {@code decoding.batch_size} sentences whose padded size, sentences
     * × (the longest one's pieces + {@code </s>}), stays within {@code decoding.batch_tokens}; a sentence over that
     * bound is a batch of its own. Empty sentences are in none.
     */
    static List<List<Integer>> batches(List<List<String>> pieces, DecodingConfig decoding) {
        Integer[] order = new Integer[pieces.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> pieces.get(i).size()));
        List<List<Integer>> batches = new ArrayList<>();
        List<Integer> batch = new ArrayList<>();
        for (int index : order) {
            int length = pieces.get(index).size();
            if (length == 0) {
                continue;
            }
            // sorted by length, so this sentence is the batch's longest: a batch is bounded in sentences and in
            // padded source pieces, so search's workspaces are too, whatever lines the input holds
            if (!batch.isEmpty() && !decoding.fits(batch.size() + 1, length)) {
                batches.add(batch);
                batch = new ArrayList<>();
            }
            batch.add(index);
            if (batch.size() == decoding.batchSize()) {
                batches.add(batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }

    /**
     * A running greedy batch of this translator, for a server's worker (continuous batching): see
     * {@link RunningBatch}. One per thread.
     */
    public <T> RunningBatch<T> running() {
        return new RunningBatch<>(this, output);
    }

    public Preprocessor sourcePreprocessor() {
        return model.source();
    }

    public Preprocessor targetPreprocessor() {
        return model.target();
    }

    /**
     * The model. A translator {@link #load}ed from a folder searches with this model's own parameters (no snapshot of
     * them is kept): change them and its translations change.
     */
    public NmtModel model() {
        return model.model();
    }

    /** The model's sizes and variants (an ensemble's first member's). */
    public org.nmt4j.config.ModelConfig modelConfig() {
        return model.model().config();
    }

    /**
     * What search runs at every step: the model's decoder, with its weights as they were when this translator was
     * made, or an ensemble's members.
     */
    public Scorer scorer() {
        return model.scorer();
    }

    public Vocabulary sourceVocabulary() {
        return model.sourceVocabulary();
    }

    public Vocabulary targetVocabulary() {
        return model.targetVocabulary();
    }

    private void translateBatch(List<Integer> batch, List<List<String>> pieces, int n, List<List<Translation>> out) {
        List<int[]> ids = new ArrayList<>();
        int[] limits = new int[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            List<String> sentence = pieces.get(batch.get(i));
            ids.add(model.sourceVocabulary().encode(sentence));
            limits[i] = decoding.maxLength(sentence.size());
        }
        List<List<Hypothesis>> found = new ArrayList<>(java.util.Collections.nCopies(batch.size(), null));
        List<Integer> free = new ArrayList<>(); // the sentences no glossary entry constrains
        for (int i = 0; i < batch.size(); i++) {
            List<ConstrainedBeamSearch.Constraint> constraints = terms == null ? List.of()
                    : terms.constraints(pieces.get(batch.get(i)));
            if (constraints.isEmpty()) {
                free.add(i);
            } else {
                try (MemoryWorkspace ignored = Scratch.open()) {
                    found.set(i, ConstrainedBeamSearch.search(model.scorer(), ids.get(i), constraints,
                            Math.max(CONSTRAINED_BEAM, decoding.beamSize()), limits[i], decoding.lengthPenalty(),
                            terms.continuesWord()));
                }
                if (found.get(i).isEmpty()) { // the terms do not fit in the length limit: searched without them
                    free.add(i);
                }
            }
        }
        List<int[]> freeIds = free.stream().map(ids::get).toList();
        int[] freeLimits = free.stream().mapToInt(i -> limits[i]).toArray();
        // every ND4J temporary of the batch lives in a workspace reused by the next batch (results are Java arrays)
        try (MemoryWorkspace ignored = Scratch.open()) {
            List<List<Hypothesis>> searched = free.isEmpty() ? List.of() : decoding.beamSize() == 1
                    ? GreedySearch.search(model.scorer(), freeIds, freeLimits, decoding.lengthPenalty()).stream()
                            .map(List::of).toList()
                    : BeamSearch.search(model.scorer(), freeIds, decoding.beamSize(), freeLimits,
                            decoding.lengthPenalty());
            for (int f = 0; f < free.size(); f++) {
                found.set(free.get(f), searched.get(f));
            }
        }
        List<Hypothesis> kept = new ArrayList<>();
        List<int[]> keptSources = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            for (Hypothesis h : found.get(i).subList(0, Math.min(n, found.get(i).size()))) {
                kept.add(h);
                keptSources.add(ids.get(i));
            }
        }
        List<Hypothesis> aligned = output.alignedByHead(kept, keptSources);
        for (int i = 0, k = 0; i < batch.size(); i++) {
            List<String> sourcePieces = TranslationOutput.withEnd(pieces.get(batch.get(i)));
            List<Translation> translations = new ArrayList<>();
            for (int m = Math.min(n, found.get(i).size()); m > 0; m--) {
                translations.add(output.translation(aligned.get(k++), sourcePieces));
            }
            out.set(batch.get(i), translations);
        }
    }

    // the pieces search reads of a line: at most decoding.max_source_length
    List<String> read(List<String> pieces) {
        int limit = decoding.maxSourceLength();
        return pieces.size() > limit ? pieces.subList(0, limit) : pieces;
    }
}
