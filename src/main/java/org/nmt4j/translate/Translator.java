package org.nmt4j.translate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nmt4j.io.UserError;
import org.nmt4j.compute.NativeThreads;
import org.nmt4j.compute.ParallelWork;
import org.nmt4j.compute.Scratch;
import org.nmt4j.config.DecodingConfig;
import org.nmt4j.config.ExperimentConfig;
import org.nmt4j.model.NmtModel;
import org.nmt4j.model.io.ModelFolder;
import org.nmt4j.model.search.SearchDecoder;
import org.nmt4j.text.BpeCodes;
import org.nmt4j.text.BpeEncoder;
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

    private final NmtModel model;
    private final Scorer scorer;
    private final Vocabulary sourceVocabulary;
    private final Vocabulary targetVocabulary;
    private final Preprocessor source;
    private final Preprocessor target;
    private final DecodingConfig decoding;
    private final boolean replaceUnknown;
    private final int threads;
    private final boolean headAlignments; // realign translations with the model's alignment head, if it has one

    public Translator(NmtModel model, Vocabulary sourceVocabulary, Vocabulary targetVocabulary, Preprocessor source,
                      Preprocessor target, DecodingConfig decoding, boolean replaceUnknown) {
        this(model, new ModelScorer(new SearchDecoder(model)), sourceVocabulary, targetVocabulary, source, target,
                decoding, replaceUnknown, 1, true);
    }

    private Translator(NmtModel model, Scorer scorer, Vocabulary sourceVocabulary,
                       Vocabulary targetVocabulary, Preprocessor source, Preprocessor target, DecodingConfig decoding,
                       boolean replaceUnknown, int threads, boolean headAlignments) {
        this.model = model;
        this.scorer = scorer;
        this.sourceVocabulary = sourceVocabulary;
        this.targetVocabulary = targetVocabulary;
        this.source = source;
        this.target = target;
        this.decoding = decoding;
        this.replaceUnknown = replaceUnknown;
        this.threads = threads;
        this.headAlignments = headAlignments;
    }

    /** Loads a model folder that {@code nmt4j train} wrote; its config's decoding section gives the defaults. */
    public static Translator load(Path folder) {
        return load(folder, readConfig(folder));
    }

    // the effective config the trainer wrote into a model folder
    private static ExperimentConfig readConfig(Path folder) {
        Path configFile = folder.resolve(ModelFolder.CONFIG);
        if (!Files.isDirectory(folder)) {
            throw new UserError(folder + ": no such model folder");
        }
        if (!Files.isRegularFile(configFile)) {
            throw new UserError(folder + ": no " + ModelFolder.CONFIG + " (not a model folder written by nmt4j train)");
        }
        return ExperimentConfig.load(configFile);
    }

    // a model folder whose effective config has been read
    private static Translator load(Path folder, ExperimentConfig config) {
        NativeThreads.apply();
        ModelFolder.Loaded loaded = ModelFolder.load(folder);
        BpeEncoder bpe = null;
        if (config.preprocessing().bpeMerges() > 0) {
            bpe = new BpeEncoder(BpeCodes.load(folder.resolve(ModelFolder.BPE_CODES)), BpeEncoder.TRANSLATION_CACHE);
        }
        // nothing trains a loaded model: search reads its parameters instead of a snapshot of them
        return new Translator(loaded.model(), new ModelScorer(SearchDecoder.ofFixed(loaded.model())),
                loaded.source(), loaded.target(), config.preprocessing().source(bpe),
                config.preprocessing().target(bpe), config.decoding(), false, 1, true);
    }

    /**
     * Loads the model folders of an ensemble ({@link #ensemble}); one folder is {@link #load(Path)}. The folders must
     * share vocabularies, preprocessing and BPE codes: otherwise a one-line error names the folder that differs.
     * The first folder's decoding section gives the defaults.
     */
    public static Translator load(List<Path> folders, double[] weights) {
        if (folders.size() == 1) {
            return load(folders.get(0));
        }
        List<Translator> members = new ArrayList<>();
        ExperimentConfig first = null;
        for (Path folder : folders) {
            ExperimentConfig config = readConfig(folder);
            Translator member = load(folder, config);
            if (first == null) {
                first = config;
            } else {
                String differs = !member.sourceVocabulary.equals(members.get(0).sourceVocabulary) ? "source vocabulary"
                        : !member.targetVocabulary.equals(members.get(0).targetVocabulary) ? "target vocabulary"
                        : !config.preprocessing().equals(first.preprocessing()) ? "preprocessing section"
                        : !sameFile(folder.resolve(ModelFolder.BPE_CODES),
                                folders.get(0).resolve(ModelFolder.BPE_CODES)) ? "BPE codes" : null;
                if (differs != null) {
                    throw new UserError(folder + ": its " + differs + " differs from " + folders.get(0) + "'s; the "
                            + "models of an ensemble share vocabularies, preprocessing and BPE codes");
                }
            }
            members.add(member);
        }
        return ensemble(members, weights);
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            boolean hasA = Files.isRegularFile(a);
            return hasA == Files.isRegularFile(b) && (!hasA || Files.mismatch(a, b) == -1);
        } catch (java.io.IOException e) {
            throw new UserError(a + ": cannot read (" + e.getMessage() + ")");
        }
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
        double[] w = weights == null ? equalWeights(members.size()) : weights;
        if (w.length != members.size()) {
            throw new UserError(w.length + " ensemble weights for " + members.size() + " models");
        }
        if (members.size() == 1) {
            return members.get(0);
        }
        Translator first = members.get(0);
        List<SearchDecoder> decoders = new ArrayList<>();
        for (int m = 0; m < members.size(); m++) {
            Translator member = members.get(m);
            if (!member.sourceVocabulary.equals(first.sourceVocabulary)
                    || !member.targetVocabulary.equals(first.targetVocabulary)) {
                throw new UserError("ensemble member " + (m + 1) + ": its vocabularies differ from member 1's; the "
                        + "models of an ensemble share vocabularies");
            }
            decoders.addAll(member.scorer.members());
        }
        if (decoders.size() != w.length) {
            throw new UserError("ensemble members that are ensembles themselves: list their models instead");
        }
        return new Translator(first.model, new EnsembleScorer(decoders, w), first.sourceVocabulary,
                first.targetVocabulary, first.source, first.target, first.decoding, first.replaceUnknown,
                first.threads, first.headAlignments);
    }

    private static double[] equalWeights(int n) {
        double[] w = new double[n];
        Arrays.fill(w, 1.0);
        return w;
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
        return new Translator(model, scorer, sourceVocabulary, targetVocabulary, source, target, decoding,
                replaceUnknown, threads, false);
    }

    /** The same model with other search settings. */
    public Translator with(DecodingConfig decoding, boolean replaceUnknown) {
        return new Translator(model, scorer, sourceVocabulary, targetVocabulary, source, target, decoding,
                replaceUnknown, threads, headAlignments);
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
        return new Translator(model, scorer, sourceVocabulary, targetVocabulary, source, target, decoding,
                replaceUnknown, threads, headAlignments);
    }

    /**
     * The same translator with a lexical shortlist (null: none): each batch's output layer scores only the target
     * pieces the shortlist gives for its sources.
     */
    public Translator withShortlist(Shortlist shortlist) {
        return new Translator(model, scorer.withShortlist(shortlist), sourceVocabulary, targetVocabulary, source,
                target, decoding, replaceUnknown, threads, headAlignments);
    }

    /** As {@link #withShortlist(Shortlist)}, with the shortlist file {@code nmt4j shortlist} wrote (TSV). */
    public Translator withShortlist(Path file) {
        return withShortlist(Shortlist.read(file, sourceVocabulary, targetVocabulary));
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
        return translatePieces(lines.parallelStream().map(source::pieces).toList(), n);
    }

    /** The pieces the model reads for a line (before any cropping to {@code decoding.max_source_length}). */
    public List<String> sourcePieces(String line) {
        return source.pieces(line);
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
     * A running greedy batch of this translator, for a server's worker (continuous batching; see
     * {@link ContinuousGreedy}): sentences, as {@link #sourcePieces}, join between steps, and each comes out as its
     * translation when it ends, as {@link #translatePieces} would give it with a beam of 1. One per thread.
     */
    public <T> Running<T> running() {
        return new Running<>(this);
    }

    /** See {@link #running()}. */
    public static final class Running<T> {

        /** A sentence's tag and its translation. */
        public record Done<T>(T tag, Translation translation) {
        }

        // a sentence in the batch: its tag, the pieces searched (with </s>) and their ids (without), the pieces
        // cropped off
        private record Entry<T>(T tag, List<String> sourcePieces, int[] ids, int cropped) {
        }

        private final Translator translator;
        private final ContinuousGreedy<Entry<T>> search;

        private Running(Translator translator) {
            this.translator = translator;
            this.search = new ContinuousGreedy<>(translator.scorer, translator.decoding.lengthPenalty());
        }

        /** The sentences in the batch. */
        public int size() {
            return search.size();
        }

        /**
         * Adds sentences (each cropped to {@code decoding.max_source_length} pieces); the empty ones are done at once
         * and returned.
         */
        public List<Done<T>> add(List<List<String>> pieces, List<T> tags) {
            List<Done<T>> done = new ArrayList<>();
            List<int[]> ids = new ArrayList<>();
            List<Entry<T>> entries = new ArrayList<>();
            for (int i = 0; i < pieces.size(); i++) {
                List<String> whole = pieces.get(i);
                if (whole.isEmpty()) {
                    done.add(new Done<>(tags.get(i), Translation.empty()));
                    continue;
                }
                List<String> read = translator.read(whole);
                int[] encoded = translator.sourceVocabulary.encode(read);
                ids.add(encoded);
                entries.add(new Entry<>(tags.get(i), withEnd(read), encoded, whole.size() - read.size()));
            }
            int[] limits = entries.stream().mapToInt(e -> translator.decoding.maxLength(e.sourcePieces().size() - 1))
                    .toArray();
            search.add(ids, limits, entries);
            return done;
        }

        /** One step of every sentence in the batch; the translations of those that ended at it. */
        public List<Done<T>> step() {
            List<Done<T>> done = new ArrayList<>();
            List<ContinuousGreedy.Finished<Entry<T>>> finished = search.step();
            List<Hypothesis> aligned = translator.alignedByHead(finished.stream().map(f -> f.hypothesis()).toList(),
                    finished.stream().map(f -> f.tag().ids()).toList());
            for (int k = 0; k < finished.size(); k++) {
                Entry<T> entry = finished.get(k).tag();
                Translation t = translator.translation(aligned.get(k), entry.sourcePieces());
                done.add(new Done<>(entry.tag(), entry.cropped() > 0 ? t.withCropped(entry.cropped()) : t));
            }
            return done;
        }
    }

    public Preprocessor sourcePreprocessor() {
        return source;
    }

    public Preprocessor targetPreprocessor() {
        return target;
    }

    /**
     * The model. A translator {@link #load}ed from a folder searches with this model's own parameters (no snapshot of
     * them is kept): change them and its translations change.
     */
    public NmtModel model() {
        return model;
    }

    /** The model's sizes and variants (an ensemble's first member's). */
    public org.nmt4j.config.ModelConfig modelConfig() {
        return model.config();
    }

    /**
     * What search runs at every step: the model's decoder, with its weights as they were when this translator was
     * made, or an ensemble's members.
     */
    public Scorer scorer() {
        return scorer;
    }

    public Vocabulary sourceVocabulary() {
        return sourceVocabulary;
    }

    public Vocabulary targetVocabulary() {
        return targetVocabulary;
    }

    private void translateBatch(List<Integer> batch, List<List<String>> pieces, int n, List<List<Translation>> out) {
        List<int[]> ids = new ArrayList<>();
        int[] limits = new int[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            List<String> sentence = pieces.get(batch.get(i));
            ids.add(sourceVocabulary.encode(sentence));
            limits[i] = decoding.maxLength(sentence.size());
        }
        List<List<Hypothesis>> found;
        // every ND4J temporary of the batch lives in a workspace reused by the next batch (results are Java arrays)
        try (MemoryWorkspace ignored = Scratch.open()) {
            if (decoding.beamSize() == 1) {
                found = GreedySearch.search(scorer, ids, limits, decoding.lengthPenalty()).stream()
                        .map(List::of).toList();
            } else {
                found = BeamSearch.search(scorer, ids, decoding.beamSize(), limits, decoding.lengthPenalty());
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
        List<Hypothesis> aligned = alignedByHead(kept, keptSources);
        for (int i = 0, k = 0; i < batch.size(); i++) {
            List<String> sourcePieces = withEnd(pieces.get(batch.get(i)));
            List<Translation> translations = new ArrayList<>();
            for (int m = Math.min(n, found.get(i).size()); m > 0; m--) {
                translations.add(translation(aligned.get(k++), sourcePieces));
            }
            out.set(batch.get(i), translations);
        }
    }

    /**
     * With an alignment head ({@code model.alignment_head}), the hypotheses with the head's alignment of their tokens
     * (one forced pass over them all) in place of search's attention; the hypotheses themselves otherwise.
     */
    private List<Hypothesis> alignedByHead(List<Hypothesis> hypotheses, List<int[]> sources) {
        if (!headAlignments || scorer.members().stream().noneMatch(SearchDecoder::hasAlignmentHead)) {
            return hypotheses;
        }
        List<Integer> nonEmpty = new ArrayList<>();
        for (int i = 0; i < hypotheses.size(); i++) {
            if (hypotheses.get(i).tokens().length > 0) {
                nonEmpty.add(i);
            }
        }
        if (nonEmpty.isEmpty()) {
            return hypotheses;
        }
        float[][][] rows;
        try (MemoryWorkspace ignored = Scratch.open()) {
            rows = ForcedSteps.attention(scorer, nonEmpty.stream().map(sources::get).toList(),
                    nonEmpty.stream().map(i -> hypotheses.get(i).tokens()).toList());
        }
        List<Hypothesis> out = new ArrayList<>(hypotheses);
        for (int k = 0; k < nonEmpty.size(); k++) {
            Hypothesis h = hypotheses.get(nonEmpty.get(k));
            out.set(nonEmpty.get(k), new Hypothesis(h.tokens(), h.logProbability(), h.score(),
                    java.util.Arrays.copyOf(rows[k], h.attention().length), h.ended()));
        }
        return out;
    }

    // the pieces search reads of a line: at most decoding.max_source_length
    private List<String> read(List<String> pieces) {
        int limit = decoding.maxSourceLength();
        return pieces.size() > limit ? pieces.subList(0, limit) : pieces;
    }

    // a sentence's pieces as its attention's columns name them: with </s>
    private static List<String> withEnd(List<String> pieces) {
        List<String> withEnd = new ArrayList<>(pieces);
        withEnd.add(Vocabulary.EOS);
        return withEnd;
    }

    private Translation translation(Hypothesis h, List<String> sourcePieces) {
        List<String> written = new ArrayList<>(targetVocabulary.decode(h.tokens()));
        if (replaceUnknown) {
            for (int t = 0; t < written.size(); t++) {
                if (written.get(t).equals(Vocabulary.UNK)) {
                    written.set(t, sourcePieces.get(mostAttended(h.attention()[t], sourcePieces.size() - 1)));
                }
            }
        }
        String text = target.detokenize(written);
        List<String> targetPieces = new ArrayList<>(written);
        if (h.ended()) {
            targetPieces.add(Vocabulary.EOS);
        }
        return new Translation(text, h.score(), List.copyOf(sourcePieces), List.copyOf(targetPieces), h.attention(),
                0);
    }

    // the source position (before </s>) with the highest weight
    private static int mostAttended(float[] row, int realPositions) {
        int best = 0;
        for (int j = 1; j < realPositions; j++) {
            if (row[j] > row[best]) {
                best = j;
            }
        }
        return best;
    }
}
