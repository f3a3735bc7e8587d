package org.nmt4j.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.nmt4j.io.UserError;
import org.nmt4j.text.BpeCodes;
import org.nmt4j.text.BpeEncoder;
import org.nmt4j.text.BpeLearner;
import org.nmt4j.text.Token;
import org.nmt4j.text.Tokenizer;
import org.nmt4j.text.Vocabulary;

/**
 * Turns training corpora of any size into a {@link BinarizedCorpus}, streaming: the text is read and tokenized once,
 * in parallel chunks, into word-type ids in a scratch file beside the output (with each type's count); BPE is learned
 * from those counts when there are no codes yet; every word type is split into pieces once; a pass over the scratch
 * file filters the pairs and counts the pieces of those kept (for new vocabularies); a last pass writes the kept
 * pairs' ids. Memory holds the word types and their pieces, never the corpus. The ids equal what
 * {@link PreparedCorpus} makes of the same text, pair by pair.
 */
public final class CorpusPreparation {

    private static final int CHUNK = 2_048; // pairs a worker tokenizes at a time

    private CorpusPreparation() {
    }

    /** One training corpus: a name for messages and two aligned files. */
    public record Input(String name, Path source, Path target) {
    }

    /**
     * How text becomes pieces and which pairs are kept.
     *
     * @param joinerMarks whether tokens go to subwords in their marked form (else as plain text)
     */
    public record Settings(Tokenizer sourceTokenizer, Tokenizer targetTokenizer, boolean joinerMarks, int bpeMerges,
                           PairFilter filter, int minFrequency, int maxVocabulary, int threads) {
    }

    /** What decides whether a written corpus may be reused, from what the preparation settled on. */
    public interface Fingerprint {
        String of(BpeCodes codes, Vocabulary source, Vocabulary target) throws IOException;
    }

    /** Where preparation tells how far it is. */
    public interface Progress {
        /** Bytes of the input files read so far, of {@code total} (-1 when a pipe makes it unknown), and pairs. */
        void read(long bytes, long total, long pairs);

        void message(String line);
    }

    /** The codes and vocabularies (learned here or given), and the summary of what was kept. */
    public record Result(BpeCodes codes, Vocabulary sourceVocabulary, Vocabulary targetVocabulary, String summary,
                         int pairs) {
    }

    /**
     * Prepares the inputs into {@code output}. {@code codes} (when BPE is on) and the vocabularies are learned when
     * null and used as they are otherwise.
     */
    public static Result prepare(List<Input> inputs, Settings settings, BpeCodes codes, Vocabulary sourceVocabulary,
                                 Vocabulary targetVocabulary, Path output, Fingerprint fingerprint,
                                 Progress progress) throws IOException {
        return prepare(inputs, settings, codes, sourceVocabulary, targetVocabulary, output, fingerprint, progress,
                null);
    }

    /**
     * The same, with the links of guided alignment: {@code guidance}'s token-level links of every pair (null: none)
     * are mapped onto the kept pairs' pieces into a {@link GuideFile} beside {@code output}, written before it.
     */
    public static Result prepare(List<Input> inputs, Settings settings, BpeCodes codes, Vocabulary sourceVocabulary,
                                 Vocabulary targetVocabulary, Path output, Fingerprint fingerprint,
                                 Progress progress, Guidance guidance) throws IOException {
        Path scratch = output.resolveSibling(output.getFileName() + ".words.tmp");
        WordTypes sourceTypes = new WordTypes();
        WordTypes targetTypes = new WordTypes();
        try {
            long[] pairsPerInput = tokenize(inputs, settings, sourceTypes, targetTypes, scratch, progress);
            if (codes == null && settings.bpeMerges() > 0) {
                Map<String, Long> words = new HashMap<>();
                sourceTypes.addTextCounts(words);
                targetTypes.addTextCounts(words);
                codes = BpeLearner.learn(words, settings.bpeMerges(), 2, null);
                progress.message("learned " + codes.size() + " joint BPE merges");
            }
            BpeEncoder bpe = codes == null ? null : new BpeEncoder(codes);
            Pieces sourcePieces = new Pieces(sourceTypes, bpe);
            Pieces targetPieces = new Pieces(targetTypes, bpe);
            if (sourceVocabulary == null) {
                countKept(scratch, pairsPerInput, settings.filter(), sourcePieces, targetPieces);
                sourceVocabulary = Vocabulary.build(sourcePieces.keptCounts(), settings.minFrequency(),
                        settings.maxVocabulary());
                targetVocabulary = Vocabulary.build(targetPieces.keptCounts(), settings.minFrequency(),
                        settings.maxVocabulary());
            }
            int[][] sourceIds = sourcePieces.ids(sourceVocabulary);
            int[][] targetIds = targetPieces.ids(targetVocabulary);
            String print = fingerprint.of(codes, sourceVocabulary, targetVocabulary);
            List<FilterReport> reports = new ArrayList<>();
            List<TrainingPairs.Part> parts = new ArrayList<>();
            PharaohLinks links = guidance == null ? null
                    : guidance.open(consumer -> forEachPair(scratch, consumer), output.toAbsolutePath().getParent(),
                            progress::message);
            try (BinarizedCorpus.Writer writer = BinarizedCorpus.writer(output);
                 IntFile.Reader in = new IntFile.Reader(scratch);
                 GuideFile.Writer guide = links == null ? null
                         : new GuideFile.Writer(output.resolveSibling(GuideFile.NAME), print)) {
                int[] sourceWords = new int[64];
                int[] targetWords = new int[64];
                for (int k = 0; k < inputs.size(); k++) {
                    FilterReport report = new FilterReport(inputs.get(k).name());
                    int start = writer.pairs();
                    for (long line = 1; line <= pairsPerInput[k]; line++) {
                        int s = in.next();
                        int t = in.next();
                        sourceWords = ensure(sourceWords, s);
                        targetWords = ensure(targetWords, t);
                        in.read(sourceWords, s);
                        in.read(targetWords, t);
                        int[] source = join(sourceIds, sourceWords, s);
                        int[] target = join(targetIds, targetWords, t);
                        int[] tokenLinks = links == null ? null : links.next(s, t);
                        PairFilter.Verdict verdict = settings.filter().check(source.length, target.length);
                        report.count(line, verdict);
                        if (verdict == null) {
                            writer.add(source, target);
                            if (guide != null) {
                                guide.add(pieceLinks(tokenLinks, sourceIds, sourceWords, s, targetIds, targetWords,
                                        t));
                            }
                        }
                    }
                    reports.add(report);
                    parts.add(new TrainingPairs.Part(inputs.get(k).name(), start, writer.pairs() - start));
                }
                String summary = String.join("; ", reports.stream().map(FilterReport::summary).toList());
                if (writer.pairs() == 0) {
                    throw new UserError(inputs.get(0).source() + ": no training pairs left after filtering ("
                            + summary + ")");
                }
                if (links != null) {
                    links.finish();
                    guide.commit();
                }
                writer.commit(print, summary, parts);
                return new Result(codes, sourceVocabulary, targetVocabulary, summary, writer.pairs());
            } finally {
                if (links != null) {
                    links.close();
                }
            }
        } finally {
            Files.deleteIfExists(scratch);
        }
    }

    // every pair of the scratch file as token type ids, in order
    private static void forEachPair(Path scratch, TokenPairs.Consumer consumer) throws IOException {
        try (IntFile.Reader in = new IntFile.Reader(scratch)) {
            while (true) {
                int s;
                try {
                    s = in.next();
                } catch (java.io.EOFException end) {
                    return;
                }
                int[] source = new int[s];
                int[] target = new int[in.next()];
                in.read(source, source.length);
                in.read(target, target.length);
                consumer.accept(source, target);
            }
        }
    }

    // token links [a, b, ...] as the links of every piece of token a with every piece of token b
    private static int[] pieceLinks(int[] tokenLinks, int[][] sourceIds, int[] sourceWords, int s, int[][] targetIds,
                                    int[] targetWords, int t) {
        int[] sourceStart = new int[s + 1];
        for (int w = 0; w < s; w++) {
            sourceStart[w + 1] = sourceStart[w] + sourceIds[sourceWords[w]].length;
        }
        int[] targetStart = new int[t + 1];
        for (int w = 0; w < t; w++) {
            targetStart[w + 1] = targetStart[w] + targetIds[targetWords[w]].length;
        }
        int n = 0;
        for (int k = 0; k < tokenLinks.length; k += 2) {
            n += (sourceStart[tokenLinks[k] + 1] - sourceStart[tokenLinks[k]])
                    * (targetStart[tokenLinks[k + 1] + 1] - targetStart[tokenLinks[k + 1]]);
        }
        int[] out = new int[2 * n];
        int at = 0;
        for (int k = 0; k < tokenLinks.length; k += 2) {
            for (int p = sourceStart[tokenLinks[k]]; p < sourceStart[tokenLinks[k] + 1]; p++) {
                for (int q = targetStart[tokenLinks[k + 1]]; q < targetStart[tokenLinks[k + 1] + 1]; q++) {
                    out[at++] = p;
                    out[at++] = q;
                }
            }
        }
        return out;
    }

    // pass 1: every pair's words as type ids into the scratch file: source count, target count, the ids
    private static long[] tokenize(List<Input> inputs, Settings settings, WordTypes sourceTypes, WordTypes targetTypes,
                                   Path scratch, Progress progress) throws IOException {
        long total = 0;
        for (Input input : inputs) {
            total = total < 0 || !Files.isRegularFile(input.source()) || !Files.isRegularFile(input.target()) ? -1
                    : total + Files.size(input.source()) + Files.size(input.target());
        }
        long[] pairsPerInput = new long[inputs.size()];
        int threads = Math.max(1, settings.threads());
        ExecutorService workers = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "nmt4j-prepare");
            thread.setDaemon(true);
            return thread;
        });
        long bytesBefore = 0;
        long pairs = 0;
        try (IntFile.Writer out = new IntFile.Writer(scratch)) {
            ArrayDeque<Future<int[]>> pending = new ArrayDeque<>();
            for (int k = 0; k < inputs.size(); k++) {
                Input input = inputs.get(k);
                try (AlignedFiles.Reader reader = AlignedFiles.open(input.source(), input.target())) {
                    while (true) {
                        List<SentencePair> chunk = new ArrayList<>(CHUNK);
                        SentencePair pair;
                        while (chunk.size() < CHUNK && (pair = reader.next()) != null) {
                            chunk.add(pair);
                        }
                        if (chunk.isEmpty()) {
                            break;
                        }
                        pairsPerInput[k] += chunk.size();
                        pending.add(workers.submit(() -> words(chunk, settings, sourceTypes, targetTypes)));
                        while (pending.size() > 2 * threads) {
                            pairs += write(pending.poll(), out, sourceTypes, targetTypes);
                            progress.read(bytesBefore + reader.bytesRead(), total, pairs);
                        }
                        if (chunk.size() < CHUNK) {
                            break;
                        }
                    }
                    while (!pending.isEmpty()) {
                        pairs += write(pending.poll(), out, sourceTypes, targetTypes);
                    }
                    bytesBefore += reader.bytesRead();
                    progress.read(bytesBefore, total, pairs);
                }
            }
        } finally {
            workers.shutdownNow();
        }
        return pairsPerInput;
    }

    // one chunk's pairs as [source count, target count, source type ids, target type ids] each
    private static int[] words(List<SentencePair> chunk, Settings settings, WordTypes sourceTypes,
                               WordTypes targetTypes) {
        int[] out = new int[chunk.size() * 32];
        int n = 0;
        for (SentencePair pair : chunk) {
            List<Token> source = settings.sourceTokenizer().tokenize(pair.source());
            List<Token> target = settings.targetTokenizer().tokenize(pair.target());
            out = ensure(out, n + 2 + source.size() + target.size());
            out[n++] = source.size();
            out[n++] = target.size();
            for (Token token : source) {
                out[n++] = sourceTypes.id(key(token, settings.sourceTokenizer(), settings.joinerMarks()),
                        token.text());
            }
            for (Token token : target) {
                out[n++] = targetTypes.id(key(token, settings.targetTokenizer(), settings.joinerMarks()),
                        token.text());
            }
        }
        int[] words = Arrays.copyOf(out, n + 1);
        words[n] = chunk.size(); // the pair count, last
        return words;
    }

    // the form a token goes to subwords in, as Preprocessor gives it
    private static String key(Token token, Tokenizer tokenizer, boolean joinerMarks) {
        return joinerMarks ? tokenizer.marked(token) : token.text();
    }

    private static int write(Future<int[]> chunk, IntFile.Writer out, WordTypes sourceTypes, WordTypes targetTypes)
            throws IOException {
        int[] words;
        try {
            words = chunk.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(e.getCause());
        }
        int end = words.length - 1;
        for (int i = 0; i < end; ) {
            int s = words[i];
            int t = words[i + 1];
            i += 2;
            for (int k = 0; k < s; k++) {
                sourceTypes.count(words[i++]);
            }
            for (int k = 0; k < t; k++) {
                targetTypes.count(words[i++]);
            }
        }
        out.write(words, 0, end);
        return words[end];
    }

    // pass 2 (new vocabularies): how often each word type occurs in the pairs the filter keeps
    private static void countKept(Path scratch, long[] pairsPerInput, PairFilter filter, Pieces sourcePieces,
                                  Pieces targetPieces) throws IOException {
        long pairs = Arrays.stream(pairsPerInput).sum();
        try (IntFile.Reader in = new IntFile.Reader(scratch)) {
            int[] source = new int[64];
            int[] target = new int[64];
            for (long p = 0; p < pairs; p++) {
                int s = in.next();
                int t = in.next();
                source = ensure(source, s);
                target = ensure(target, t);
                in.read(source, s);
                in.read(target, t);
                if (filter.check(sourcePieces.length(source, s), targetPieces.length(target, t)) == null) {
                    sourcePieces.keep(source, s);
                    targetPieces.keep(target, t);
                }
            }
        }
    }

    private static int[] join(int[][] idsOfType, int[] words, int count) {
        int length = 0;
        for (int i = 0; i < count; i++) {
            length += idsOfType[words[i]].length;
        }
        int[] out = new int[length];
        int at = 0;
        for (int i = 0; i < count; i++) {
            int[] ids = idsOfType[words[i]];
            System.arraycopy(ids, 0, out, at, ids.length);
            at += ids.length;
        }
        return out;
    }

    private static int[] ensure(int[] array, int size) {
        return size <= array.length ? array : Arrays.copyOf(array, Math.max(size, 2 * array.length));
    }

    /** The word types of one side: ids given as they are met (from any thread), and counts (from one). */
    private static final class WordTypes {
        private final java.util.concurrent.ConcurrentHashMap<String, Integer> ids =
                new java.util.concurrent.ConcurrentHashMap<>();
        private final List<String> keys = new ArrayList<>();
        private final List<String> texts = new ArrayList<>();
        private long[] counts = new long[1024];

        int id(String key, String text) {
            Integer id = ids.get(key);
            return id != null ? id : ids.computeIfAbsent(key, k -> add(k, text));
        }

        private synchronized int add(String key, String text) {
            keys.add(key);
            texts.add(text);
            return keys.size() - 1;
        }

        synchronized int size() {
            return keys.size();
        }

        synchronized String key(int id) {
            return keys.get(id);
        }

        void count(int id) {
            if (id >= counts.length) {
                counts = Arrays.copyOf(counts, Math.max(id + 1, 2 * counts.length));
            }
            counts[id]++;
        }

        /** Adds each type's count under its text (no joiner mark), as BPE learns from words. */
        synchronized void addTextCounts(Map<String, Long> words) {
            for (int id = 0; id < texts.size(); id++) {
                long n = id < counts.length ? counts[id] : 0;
                if (n > 0) {
                    words.merge(texts.get(id), n, Long::sum);
                }
            }
        }
    }

    /** Each word type of a side as pieces: provisional piece ids, and the pieces' counts in kept pairs. */
    private static final class Pieces {
        private final int[][] ofType;
        private final List<String> pieces = new ArrayList<>();
        private final long[] keptTypeCounts;

        Pieces(WordTypes types, BpeEncoder bpe) {
            int n = types.size();
            ofType = new int[n][];
            keptTypeCounts = new long[n];
            Map<String, Integer> index = new HashMap<>();
            for (int type = 0; type < n; type++) {
                String key = types.key(type);
                List<String> split = bpe == null ? List.of(key) : bpe.encodeToken(key);
                int[] ids = new int[split.size()];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = index.computeIfAbsent(split.get(i), piece -> {
                        pieces.add(piece);
                        return pieces.size() - 1;
                    });
                }
                ofType[type] = ids;
            }
        }

        int length(int[] words, int count) {
            int length = 0;
            for (int i = 0; i < count; i++) {
                length += ofType[words[i]].length;
            }
            return length;
        }

        void keep(int[] words, int count) {
            for (int i = 0; i < count; i++) {
                keptTypeCounts[words[i]]++;
            }
        }

        Map<String, Long> keptCounts() {
            long[] counts = new long[pieces.size()];
            for (int type = 0; type < ofType.length; type++) {
                for (int piece : ofType[type]) {
                    counts[piece] += keptTypeCounts[type];
                }
            }
            Map<String, Long> out = new HashMap<>();
            for (int piece = 0; piece < counts.length; piece++) {
                if (counts[piece] > 0) {
                    out.put(pieces.get(piece), counts[piece]);
                }
            }
            return out;
        }

        /** Each type as vocabulary ids. */
        int[][] ids(Vocabulary vocabulary) {
            int[] final_ = new int[pieces.size()];
            for (int piece = 0; piece < final_.length; piece++) {
                final_[piece] = vocabulary.id(pieces.get(piece));
            }
            int[][] out = new int[ofType.length][];
            for (int type = 0; type < ofType.length; type++) {
                int[] ids = new int[ofType[type].length];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = final_[ofType[type][i]];
                }
                out[type] = ids;
            }
            return out;
        }
    }
}
