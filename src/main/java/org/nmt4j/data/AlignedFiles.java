package org.nmt4j.data;

import java.io.Closeable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.nmt4j.io.Utf8LineReader;
import org.nmt4j.io.UserError;

/** A parallel corpus as two files aligned by line (plain or {@code .gz}, UTF-8), e.g. {@code train.de, train.en}. */
public final class AlignedFiles {

    private AlignedFiles() {
    }

    /** All pairs, in order. Files with different line counts are an error that names both files and both counts. */
    public static List<SentencePair> read(Path sourceFile, Path targetFile) {
        List<SentencePair> pairs = new ArrayList<>();
        try (Reader reader = open(sourceFile, targetFile)) {
            for (SentencePair pair = reader.next(); pair != null; pair = reader.next()) {
                pairs.add(pair);
            }
        }
        return pairs;
    }

    /** The pairs one at a time, for corpora of any size (files, pipes). */
    public static Reader open(Path sourceFile, Path targetFile) {
        Utf8LineReader source = Utf8LineReader.open(sourceFile);
        try {
            return new Reader(sourceFile, targetFile, source, Utf8LineReader.open(targetFile));
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
    }

    /** One side of a corpus (for monolingual input such as text to translate or references). */
    public static List<String> readLines(Path file) {
        try (Utf8LineReader reader = Utf8LineReader.open(file)) {
            return reader.readAll();
        }
    }

    /** Reads two aligned files a pair at a time. */
    public static final class Reader implements Closeable {

        private final Path sourceFile;
        private final Path targetFile;
        private final Utf8LineReader source;
        private final Utf8LineReader target;

        private Reader(Path sourceFile, Path targetFile, Utf8LineReader source, Utf8LineReader target) {
            this.sourceFile = sourceFile;
            this.targetFile = targetFile;
            this.source = source;
            this.target = target;
        }

        /** The next pair, or null after the last; files of different lengths are an error naming both counts. */
        public SentencePair next() {
            String s = source.next();
            String t = target.next();
            if (s == null || t == null) {
                if (s != null || t != null) {
                    long sourceLines = s == null ? source.lineNumber() : source.countRemaining();
                    long targetLines = t == null ? target.lineNumber() : target.countRemaining();
                    throw new UserError("corpus files differ in length: " + sourceFile + " has " + sourceLines
                            + " lines, " + targetFile + " has " + targetLines + " lines");
                }
                return null;
            }
            return new SentencePair(source.lineNumber(), s, t);
        }

        /** The bytes of both files read so far (compressed bytes for {@code .gz}). */
        public long bytesRead() {
            return source.bytesRead() + target.bytesRead();
        }

        @Override
        public void close() {
            try {
                source.close();
            } finally {
                target.close();
            }
        }
    }
}
