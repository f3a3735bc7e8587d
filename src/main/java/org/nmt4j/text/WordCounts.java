package org.nmt4j.text;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.nmt4j.io.AtomicFile;
import org.nmt4j.io.UserError;
import org.nmt4j.io.Utf8LineReader;

/**
 * How often each word occurs in some text, the input BPE learns from. A word is a token without its joiner mark, so
 * that {@code Hund} and {@code ￭Hund} share their merges. Count files ({@code token count} a line, most frequent first,
 * subword-nmt's {@code get_vocab} format) are read and written here too.
 */
public final class WordCounts {

    private final Map<String, Long> words = new ConcurrentHashMap<>();

    /** Tokenizes the lines (in parallel) and counts their words. */
    public void addText(List<String> lines, Tokenizer tokenizer) {
        lines.parallelStream().forEach(line -> {
            for (Token token : tokenizer.tokenize(line)) {
                words.merge(token.text(), 1L, Long::sum);
            }
        });
    }

    /**
     * Counts every piece of every line as it is, joiner marks included (what a vocabulary is built from), the lines
     * in parallel.
     */
    public void addPieces(List<String> lines, Function<String, List<String>> piecesOf) {
        lines.parallelStream().forEach(line -> {
            for (String piece : piecesOf.apply(line)) {
                words.merge(piece, 1L, Long::sum);
            }
        });
    }

    /** The counts so far. */
    public Map<String, Long> words() {
        return Map.copyOf(words);
    }

    public static void save(Map<String, Long> counts, Path file) throws IOException {
        List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Comparator.<Map.Entry<String, Long>>comparingLong(e -> -e.getValue())
                .thenComparing(Map.Entry::getKey));
        AtomicFile.writeText(file, out -> {
            for (Map.Entry<String, Long> entry : entries) {
                out.write(entry.getKey() + " " + entry.getValue() + "\n");
            }
        });
    }

    public static Map<String, Long> load(Path file) {
        Map<String, Long> counts = new HashMap<>();
        Utf8LineReader.forEach(file, (number, line) -> {
            String[] parts = line.split(" ");
            try {
                if (parts.length != 2) {
                    throw new NumberFormatException();
                }
                counts.put(parts[0], Long.parseLong(parts[1]));
            } catch (NumberFormatException e) {
                throw UserError.at(file, number, "expected 'token count'");
            }
        });
        return counts;
    }
}
