package org.nmt4j.text;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.nmt4j.io.AtomicFile;
import org.nmt4j.io.UserError;
import org.nmt4j.io.Utf8LineReader;

/**
 * Learned byte-pair merges in the order they were learned. Stored in subword-nmt's format (version 0.2: a
 * {@code #version: 0.2} header, then one merge a line, {@code left right}, the end of a word marked by {@code </w>}
 * on its last symbol), so codes move between nmt4j and subword-nmt both ways.
 */
public final class BpeCodes {

    public static final String END_OF_WORD = "</w>";
    private static final String HEADER = "#version: 0.2";

    /** One merge: two adjacent symbols become one. */
    public record Merge(String left, String right) {
        public String merged() {
            return left + right;
        }
    }

    private final List<Merge> merges;
    private final Map<Merge, Integer> rank = new HashMap<>();
    private final Map<String, Merge> producedBy = new HashMap<>();

    public BpeCodes(List<Merge> merges) {
        this.merges = List.copyOf(merges);
        for (int i = 0; i < this.merges.size(); i++) {
            Merge merge = this.merges.get(i);
            rank.putIfAbsent(merge, i);
            producedBy.putIfAbsent(merge.merged(), merge);
        }
    }

    public List<Merge> merges() {
        return merges;
    }

    public int size() {
        return merges.size();
    }

    /** The position of a merge in the learned order (lower merges first), or -1 if it was never learned. */
    public int rankOf(String left, String right) {
        return rank.getOrDefault(new Merge(left, right), -1);
    }

    /** The merge that made a symbol, or null for a single character. */
    public Merge producerOf(String symbol) {
        return producedBy.get(symbol);
    }

    public void save(Path file) throws IOException {
        AtomicFile.writeText(file, out -> {
            out.write(HEADER);
            out.write('\n');
            for (Merge merge : merges) {
                out.write(merge.left() + " " + merge.right() + "\n");
            }
        });
    }

    public static BpeCodes load(Path file) {
        List<Merge> merges = new ArrayList<>();
        Utf8LineReader.forEach(file, (lineNumber, line) -> {
            if (lineNumber == 1 && line.startsWith("#version:")) {
                if (!line.trim().equals(HEADER)) {
                    throw UserError.at(file, lineNumber, "unsupported BPE codes version '" + line.trim()
                            + "' (expected '" + HEADER + "')");
                }
                return;
            }
            String[] parts = line.split(" ");
            if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                throw UserError.at(file, lineNumber, "not a BPE merge: expected two symbols separated by one space");
            }
            merges.add(new Merge(parts[0], parts[1]));
        });
        return new BpeCodes(merges);
    }
}
