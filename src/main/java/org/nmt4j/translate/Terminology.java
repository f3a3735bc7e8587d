package org.nmt4j.translate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.nmt4j.io.UserError;
import org.nmt4j.io.Utf8LineReader;

/**
 * A glossary: source terms and the target terms a translation must use for them. Read from a TSV file, one entry a
 * line, {@code source term<TAB>target term}, both plain text (several words allowed); empty lines and lines starting
 * with {@code #} are skipped.
 */
public final class Terminology {

    /** One entry: a source term and its target term, as written. */
    public record Entry(String source, String target) {
    }

    private final List<Entry> entries;

    private Terminology(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static Terminology of(List<Entry> entries) {
        for (Entry e : entries) {
            if (e.source().isBlank() || e.target().isBlank()) {
                throw new UserError("a glossary entry with an empty term: " + e);
            }
        }
        return new Terminology(entries);
    }

    /** Reads a TSV glossary; a malformed line is a one-line error naming the file and line. */
    public static Terminology read(Path file) {
        List<Entry> entries = new ArrayList<>();
        try (Utf8LineReader reader = Utf8LineReader.open(file)) {
            for (String line = reader.next(); line != null; line = reader.next()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t", -1);
                if (fields.length != 2 || fields[0].isBlank() || fields[1].isBlank()) {
                    throw new UserError(file + ":" + reader.lineNumber() + ": expected 'source term<TAB>target term'"
                            + " (" + fields.length + " field" + (fields.length == 1 ? "" : "s") + ")");
                }
                entries.add(new Entry(fields[0].strip(), fields[1].strip()));
            }
        }
        return new Terminology(entries);
    }

    public List<Entry> entries() {
        return entries;
    }
}
