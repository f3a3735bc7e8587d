package org.nmt4j.translate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.nmt4j.io.AtomicFile;
import org.nmt4j.io.UserError;
import org.nmt4j.data.BinarizedCorpus;
import org.nmt4j.data.TrainingPairs;
import org.nmt4j.model.io.ModelFolder;
import org.nmt4j.text.Vocabulary;

/**
 * A lexical shortlist (Marian's {@code --shortlist}): the target pieces a batch's output layer scores, instead of the
 * whole vocabulary: the specials, the most frequent target pieces, and for every source piece of the batch the pieces
 * it most often translates to. Search then takes its softmax over those columns only. Learned from co-occurrence in
 * the training corpus: a source piece s proposes the target pieces t with the highest p(t | s) = pairs holding both /
 * pairs holding s. Read-only, shared by search threads.
 */
public final class Shortlist {

    /** The file in a model folder. */
    public static final String FILE = "shortlist.tsv";
    static final String HEADER = "source\ttarget\tp_target_given_source";
    private static final long MAX_KEYS = 64L << 20;

    private final int[][] candidates;      // per source id: target ids, best first
    private final float[][] probabilities; // p(t | s) of each candidate
    private final int[] always;            // specials and the most frequent target ids
    private final int targetVocabularySize;

    Shortlist(int[][] candidates, float[][] probabilities, int[] always, int targetVocabularySize) {
        this.candidates = candidates;
        this.probabilities = probabilities;
        this.always = always;
        this.targetVocabularySize = targetVocabularySize;
    }

    /**
     * The target ids to score for a batch of source ids (padding and specials among them are fine): ascending, so the
     * specials {@code 0..3} are always the first four and keep their column.
     */
    public int[] tokensFor(int[] sourceIds) {
        boolean[] chosen = new boolean[targetVocabularySize];
        for (int t : always) {
            chosen[t] = true;
        }
        for (int s : sourceIds) {
            if (s >= 0 && s < candidates.length) {
                for (int t : candidates[s]) {
                    chosen[t] = true;
                }
            }
        }
        int count = 0;
        for (boolean c : chosen) {
            count += c ? 1 : 0;
        }
        int[] out = new int[count];
        for (int t = 0, i = 0; t < chosen.length; t++) {
            if (chosen[t]) {
                out[i++] = t;
            }
        }
        return out;
    }

    /** How many target pieces every batch scores at least (specials included). */
    public int alwaysCount() {
        return always.length;
    }

    /**
     * Learns a shortlist from the first {@code maxPairs} pairs (fewer if their distinct piece pairs pass 64 M): the {@code frequent} most frequent target pieces (the
     * vocabulary's first ids after the specials), and per source piece its {@code perSource} best other pieces by
     * p(t | s) (ties: the more frequent piece first).
     */
    public static Shortlist learn(TrainingPairs pairs, int sourceVocabularySize, int targetVocabularySize,
                                  int frequent, int perSource, int maxPairs) {
        int[] always = new int[Math.min(targetVocabularySize, Vocabulary.SPECIALS.size() + frequent)];
        for (int t = 0; t < always.length; t++) {
            always[t] = t;
        }
        int first = always.length; // target ids below this are always scored
        // the distinct (s, t) of every pair, as s·V + t, counted after sorting
        long[] keys = new long[1 << 20];
        int size = 0;
        int[] sourceCount = new int[sourceVocabularySize];
        int n = Math.min(pairs.size(), maxPairs);
        for (int p = 0; p < n; p++) {
            int[] s = distinct(pairs.source(p), Vocabulary.SPECIALS.size(), sourceVocabularySize);
            int[] t = distinct(pairs.target(p), first, targetVocabularySize);
            if ((long) size + (long) s.length * t.length > MAX_KEYS) {
                break; // counts enough for a shortlist, in bounded memory (512 MB of keys at most)
            }
            if ((long) size + (long) s.length * t.length > keys.length) {
                keys = Arrays.copyOf(keys, (int) Math.min(MAX_KEYS,
                        Math.max(2L * keys.length, (long) size + (long) s.length * t.length)));
            }
            for (int a : s) {
                sourceCount[a]++;
                for (int b : t) {
                    keys[size++] = (long) a * targetVocabularySize + b;
                }
            }
        }
        Arrays.sort(keys, 0, size);
        List<List<long[]>> bySource = new ArrayList<>(sourceVocabularySize); // per s: {count, t}
        for (int s = 0; s < sourceVocabularySize; s++) {
            bySource.add(new ArrayList<>());
        }
        for (int i = 0; i < size; ) {
            int j = i;
            while (j < size && keys[j] == keys[i]) {
                j++;
            }
            int s = (int) (keys[i] / targetVocabularySize);
            int t = (int) (keys[i] % targetVocabularySize);
            bySource.get(s).add(new long[] {j - i, t});
            i = j;
        }
        int[][] candidates = new int[sourceVocabularySize][];
        float[][] probabilities = new float[sourceVocabularySize][];
        for (int s = 0; s < sourceVocabularySize; s++) {
            List<long[]> c = bySource.get(s);
            c.sort((x, y) -> x[0] != y[0] ? Long.compare(y[0], x[0]) : Long.compare(x[1], y[1]));
            int kept = Math.min(perSource, c.size());
            candidates[s] = new int[kept];
            probabilities[s] = new float[kept];
            for (int i = 0; i < kept; i++) {
                candidates[s][i] = (int) c.get(i)[1];
                probabilities[s][i] = (float) c.get(i)[0] / sourceCount[s];
            }
        }
        return new Shortlist(candidates, probabilities, always, targetVocabularySize);
    }

    /**
     * Writes the shortlist as TSV with a header: a row {@code source, target, p} per candidate, and a row with an
     * empty source and probability for each piece every batch scores.
     */
    public void write(Path file, Vocabulary source, Vocabulary target) throws IOException {
        AtomicFile.write(file, stream -> {
            BufferedWriter out = new BufferedWriter(new java.io.OutputStreamWriter(stream, StandardCharsets.UTF_8));
            out.write(HEADER);
            out.write('\n');
            for (int t : always) {
                out.write("\t" + target.token(t) + "\t\n");
            }
            for (int s = 0; s < candidates.length; s++) {
                for (int i = 0; i < candidates[s].length; i++) {
                    out.write(source.token(s) + "\t" + target.token(candidates[s][i]) + "\t"
                            + String.format(Locale.ROOT, "%.6g", probabilities[s][i]) + "\n");
                }
            }
            out.flush();
        });
    }

    /** Reads what {@link #write} wrote, for these vocabularies. */
    public static Shortlist read(Path file, Vocabulary source, Vocabulary target) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such file (make it with 'nmt4j shortlist -m MODEL')");
        } catch (IOException e) {
            throw new UserError(file + ": cannot read (" + e.getMessage() + ")");
        }
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new UserError(file + ":1: not a shortlist (the header should be '" + HEADER.replace("\t", "<tab>")
                    + "')");
        }
        List<List<Integer>> c = new ArrayList<>();
        List<List<Float>> p = new ArrayList<>();
        for (int s = 0; s < source.size(); s++) {
            c.add(new ArrayList<>());
            p.add(new ArrayList<>());
        }
        List<Integer> always = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String where = file + ":" + (i + 1) + ": ";
            String[] f = lines.get(i).split("\t", -1);
            if (f.length != 3) {
                throw new UserError(where + "expected 3 tab-separated fields, found " + f.length);
            }
            if (!target.contains(f[1])) {
                throw new UserError(where + "target piece '" + f[1] + "' is not in the model's target vocabulary");
            }
            int t = target.id(f[1]);
            if (f[0].isEmpty()) {
                always.add(t);
                continue;
            }
            if (!source.contains(f[0])) {
                throw new UserError(where + "source piece '" + f[0] + "' is not in the model's source vocabulary");
            }
            float probability;
            try {
                probability = Float.parseFloat(f[2]);
            } catch (NumberFormatException e) {
                throw new UserError(where + "'" + f[2] + "' is not a probability");
            }
            c.get(source.id(f[0])).add(t);
            p.get(source.id(f[0])).add(probability);
        }
        for (int special = 0; special < Vocabulary.SPECIALS.size(); special++) {
            if (!always.contains(special)) {
                always.add(special);
            }
        }
        int[][] candidates = new int[c.size()][];
        float[][] probabilities = new float[c.size()][];
        for (int s = 0; s < c.size(); s++) {
            candidates[s] = c.get(s).stream().mapToInt(Integer::intValue).toArray();
            probabilities[s] = new float[p.get(s).size()];
            for (int j = 0; j < probabilities[s].length; j++) {
                probabilities[s][j] = p.get(s).get(j);
            }
        }
        return new Shortlist(candidates, probabilities, always.stream().mapToInt(Integer::intValue).sorted()
                .toArray(), target.size());
    }

    /**
     * Learns a shortlist for a model folder that {@code nmt4j train} wrote, from its prepared training corpus
     * ({@code corpus.bin}) and vocabularies, and writes it into the folder as {@link #FILE}.
     */
    public static Shortlist learn(Path folder, int frequent, int perSource, int maxPairs) {
        Vocabulary source = Vocabulary.load(folder.resolve(ModelFolder.SOURCE_VOCABULARY));
        Vocabulary target = Vocabulary.load(folder.resolve(ModelFolder.TARGET_VOCABULARY));
        Path corpus = folder.resolve(BinarizedCorpus.FILE);
        if (!Files.isRegularFile(corpus)) {
            throw new UserError(corpus + ": no such file; a shortlist is learned from the training corpus that "
                    + "'nmt4j train' or 'nmt4j prepare' leaves in the model folder");
        }
        Shortlist shortlist;
        try (BinarizedCorpus pairs = BinarizedCorpus.openWritten(corpus)) {
            shortlist = learn(pairs, source.size(), target.size(), frequent, perSource, maxPairs);
        } catch (IOException e) {
            throw new UserError(corpus + ": cannot read (" + e.getMessage() + ")");
        }
        Path file = folder.resolve(FILE);
        try {
            shortlist.write(file, source, target);
        } catch (IOException e) {
            throw new UserError(file + ": cannot write (" + e.getMessage() + ")");
        }
        return shortlist;
    }

    /** The mean number of candidates per source piece that has any. */
    public double meanCandidates() {
        long sum = 0;
        int with = 0;
        for (int[] c : candidates) {
            sum += c.length;
            with += c.length > 0 ? 1 : 0;
        }
        return with == 0 ? 0 : (double) sum / with;
    }

    // the ids of a sentence in [from, limit), each once
    private static int[] distinct(int[] ids, int from, int limit) {
        return Arrays.stream(ids).filter(id -> id >= from && id < limit).distinct().toArray();
    }
}
