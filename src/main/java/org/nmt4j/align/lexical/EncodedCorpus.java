package org.nmt4j.align.lexical;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongConsumer;

import org.nmt4j.data.AlignedFiles;
import org.nmt4j.data.SentencePair;
import org.nmt4j.data.TokenPairs;

/**
 * A parallel corpus of space-separated tokens as word ids in a scratch file, read again a block of pairs at a time by
 * every pass of EM: memory holds the two vocabularies and the sentence-length counts, never the corpus. Id 0 is the
 * empty word (NULL) on both sides, so real words start at 1.
 */
final class EncodedCorpus implements Closeable {

    /** Up to {@code size} pairs of one read: word ids per sentence, {@code source[k]} beside {@code target[k]}. */
    record Block(int size, int[][] source, int[][] target) {
    }

    private final Path scratch;
    private final long pairs;
    private final int sourceWords;
    private final int targetWords;
    private final long sourceTokens;
    private final long targetTokens;
    private final Map<Long, Long> lengthCounts; // (source length << 32 | target length) -> pairs

    private EncodedCorpus(Path scratch, long pairs, int sourceWords, int targetWords, long sourceTokens,
            long targetTokens, Map<Long, Long> lengthCounts) {
        this.scratch = scratch;
        this.pairs = pairs;
        this.sourceWords = sourceWords;
        this.targetWords = targetWords;
        this.sourceTokens = sourceTokens;
        this.targetTokens = targetTokens;
        this.lengthCounts = lengthCounts;
    }

    /** Reads two line-aligned files of tokens into a scratch file in {@code scratchDir}; progress gets the pairs. */
    static EncodedCorpus encode(Path sourceFile, Path targetFile, Path scratchDir, LongConsumer progress) {
        Map<String, Integer> sourceIds = new HashMap<>();
        Map<String, Integer> targetIds = new HashMap<>();
        return build(scratchDir, progress, builder -> {
            try (AlignedFiles.Reader reader = AlignedFiles.open(sourceFile, targetFile)) {
                for (SentencePair pair = reader.next(); pair != null; pair = reader.next()) {
                    builder.add(ids(pair.source(), sourceIds), ids(pair.target(), targetIds));
                }
            }
        });
    }

    /** A corpus of token ids (from 0; shifted by one here, since 0 is NULL) into a scratch file. */
    static EncodedCorpus encode(TokenPairs pairs, Path scratchDir, LongConsumer progress) {
        return build(scratchDir, progress, builder -> pairs.forEach((source, target) ->
                builder.add(shifted(source), shifted(target))));
    }

    private static int[] shifted(int[] ids) {
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = ids[i] + 1;
        }
        return out;
    }

    private interface Source {
        void feed(Builder builder) throws IOException;
    }

    // writes the pairs it is given into the scratch file, counting what EM needs
    private static final class Builder {
        private final DataOutputStream out;
        private final LongConsumer progress;
        private final Map<Long, Long> lengths = new HashMap<>();
        private long pairs;
        private long sourceTokens;
        private long targetTokens;
        private int sourceMax;
        private int targetMax;

        Builder(DataOutputStream out, LongConsumer progress) {
            this.out = out;
            this.progress = progress;
        }

        void add(int[] source, int[] target) throws IOException {
            write(out, source);
            write(out, target);
            sourceTokens += source.length;
            targetTokens += target.length;
            for (int id : source) {
                sourceMax = Math.max(sourceMax, id);
            }
            for (int id : target) {
                targetMax = Math.max(targetMax, id);
            }
            if (source.length > 0 && target.length > 0) {
                lengths.merge((long) source.length << 32 | target.length, 1L, Long::sum);
            }
            if (++pairs % 50_000 == 0) {
                progress.accept(pairs);
            }
        }
    }

    private static EncodedCorpus build(Path scratchDir, LongConsumer progress, Source source) {
        Path scratch;
        try {
            scratch = Files.createTempFile(scratchDir, "lexalign-", ".ids");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(scratch),
                1 << 20))) {
            Builder builder = new Builder(out, progress);
            source.feed(builder);
            return new EncodedCorpus(scratch, builder.pairs, builder.sourceMax + 1, builder.targetMax + 1,
                    builder.sourceTokens, builder.targetTokens, builder.lengths);
        } catch (IOException e) {
            deleteQuietly(scratch);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            deleteQuietly(scratch);
            throw e;
        }
    }

    private static int[] ids(String line, Map<String, Integer> vocabulary) {
        String trimmed = line.strip();
        if (trimmed.isEmpty()) {
            return new int[0];
        }
        String[] words = trimmed.split("\\s+");
        int[] ids = new int[words.length];
        for (int i = 0; i < words.length; i++) {
            ids[i] = vocabulary.computeIfAbsent(words[i], w -> vocabulary.size() + 1);
        }
        return ids;
    }

    private static void write(DataOutputStream out, int[] ids) throws IOException {
        out.writeInt(ids.length);
        for (int id : ids) {
            out.writeInt(id);
        }
    }

    long pairs() {
        return pairs;
    }

    /** Distinct words of a side, NULL included. */
    int words(boolean source) {
        return source ? sourceWords : targetWords;
    }

    long tokens(boolean source) {
        return source ? sourceTokens : targetTokens;
    }

    /** Pairs by (source length, target length) of the pairs with two non-empty sides. */
    Map<Long, Long> lengthCounts() {
        return lengthCounts;
    }

    /** Calls {@code consumer} with the corpus in order, {@code blockSize} pairs at a time (the last may be fewer). */
    void forEachBlock(int blockSize, java.util.function.Consumer<Block> consumer) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(scratch),
                1 << 20))) {
            long first = 0;
            while (first < pairs) {
                int size = (int) Math.min(blockSize, pairs - first);
                int[][] source = new int[size][];
                int[][] target = new int[size][];
                for (int k = 0; k < size; k++) {
                    source[k] = read(in);
                    target[k] = read(in);
                }
                consumer.accept(new Block(size, source, target));
                first += size;
            }
        } catch (EOFException e) {
            throw new IllegalStateException(scratch + ": the scratch file ended early", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int[] read(DataInputStream in) throws IOException {
        int[] ids = new int[in.readInt()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = in.readInt();
        }
        return ids;
    }

    @Override
    public void close() {
        deleteQuietly(scratch);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a scratch file in the temporary folder; nothing a user made
        }
    }
}
