package org.nmt4j.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.nmt4j.UserError;

/** A parallel corpus as two files aligned by line (plain or {@code .gz}, UTF-8), e.g. {@code train.de, train.en}. */
public final class AlignedFiles {

    private AlignedFiles() {
    }

    /** All pairs, in order. Files with different line counts are an error that names both files and both counts. */
    public static List<SentencePair> read(Path sourceFile, Path targetFile) {
        List<SentencePair> pairs = new ArrayList<>();
        try (Utf8LineReader source = Utf8LineReader.open(sourceFile);
             Utf8LineReader target = Utf8LineReader.open(targetFile)) {
            while (true) {
                String s = source.next();
                String t = target.next();
                if (s == null || t == null) {
                    if (s != null || t != null) {
                        long sourceLines = s == null ? source.lineNumber() : source.countRemaining();
                        long targetLines = t == null ? target.lineNumber() : target.countRemaining();
                        throw new UserError("corpus files differ in length: " + sourceFile + " has " + sourceLines
                                + " lines, " + targetFile + " has " + targetLines + " lines");
                    }
                    return pairs;
                }
                pairs.add(new SentencePair(source.lineNumber(), s, t));
            }
        }
    }

    /** One side of a corpus (for monolingual input such as text to translate or references). */
    public static List<String> readLines(Path file) {
        try (Utf8LineReader reader = Utf8LineReader.open(file)) {
            return reader.readAll();
        }
    }
}
