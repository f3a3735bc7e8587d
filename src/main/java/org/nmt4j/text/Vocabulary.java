package org.nmt4j.text;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.nmt4j.io.AtomicFile;
import org.nmt4j.io.UserError;
import org.nmt4j.io.Utf8LineReader;

/**
 * Token ↔ id. Ids 0–3 are the specials {@code <pad> <unk> <s> </s>}; then tokens by descending frequency, ties broken
 * by the token's string order, so the same counts always give the same ids. Stored as plain text, one token a line,
 * line number − 1 = id.
 */
public final class Vocabulary {

    public static final String PAD = "<pad>";
    public static final String UNK = "<unk>";
    public static final String BOS = "<s>";
    public static final String EOS = "</s>";
    public static final List<String> SPECIALS = List.of(PAD, UNK, BOS, EOS);
    public static final int PAD_ID = 0;
    public static final int UNK_ID = 1;
    public static final int BOS_ID = 2;
    public static final int EOS_ID = 3;

    private final List<String> tokens;
    private final Map<String, Integer> ids;

    private Vocabulary(List<String> tokens) {
        this.tokens = List.copyOf(tokens);
        this.ids = new HashMap<>(tokens.size() * 2);
        for (int i = 0; i < tokens.size(); i++) {
            ids.put(tokens.get(i), i);
        }
    }

    /**
     * Builds a vocabulary of tokens seen at least {@code minFrequency} times, at most {@code maxSize} entries
     * including the specials (0 = no limit).
     */
    public static Vocabulary build(Map<String, Long> counts, int minFrequency, int maxSize) {
        List<Map.Entry<String, Long>> entries = new ArrayList<>();
        for (Map.Entry<String, Long> entry : counts.entrySet()) {
            if (entry.getValue() >= minFrequency && !SPECIALS.contains(entry.getKey())) {
                entries.add(entry);
            }
        }
        entries.sort(Comparator.<Map.Entry<String, Long>>comparingLong(e -> -e.getValue())
                .thenComparing(Map.Entry::getKey));
        List<String> tokens = new ArrayList<>(SPECIALS);
        for (Map.Entry<String, Long> entry : entries) {
            if (maxSize > 0 && tokens.size() >= maxSize) {
                break;
            }
            tokens.add(entry.getKey());
        }
        return new Vocabulary(tokens);
    }

    public int size() {
        return tokens.size();
    }

    public int id(String token) {
        return ids.getOrDefault(token, UNK_ID);
    }

    public boolean contains(String token) {
        return ids.containsKey(token);
    }

    public String token(int id) {
        return tokens.get(id);
    }

    public List<String> tokens() {
        return tokens;
    }

    public int[] encode(List<String> sentence) {
        int[] out = new int[sentence.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = id(sentence.get(i));
        }
        return out;
    }

    public List<String> decode(int[] sentence) {
        List<String> out = new ArrayList<>(sentence.length);
        for (int id : sentence) {
            out.add(token(id));
        }
        return out;
    }

    public void save(Path file) throws IOException {
        AtomicFile.writeText(file, out -> {
            for (String token : tokens) {
                out.write(token);
                out.write('\n');
            }
        });
    }

    public static Vocabulary load(Path file) {
        List<String> tokens = new ArrayList<>();
        Map<String, Long> firstSeen = new HashMap<>();
        Utf8LineReader.forEach(file, (number, line) -> {
            if (line.isEmpty() || line.codePoints().anyMatch(Whitespace::isSpace)) {
                throw UserError.at(file, number, "a vocabulary line must be one token without spaces");
            }
            if (number <= SPECIALS.size() && !line.equals(SPECIALS.get((int) number - 1))) {
                throw UserError.at(file, number, "expected the special token " + SPECIALS.get((int) number - 1)
                        + " (a vocabulary starts with " + String.join(" ", SPECIALS) + ")");
            }
            Long previous = firstSeen.putIfAbsent(line, number);
            if (previous != null) {
                throw UserError.at(file, number, "token '" + line + "' repeats line " + previous);
            }
            tokens.add(line);
        });
        if (tokens.size() < SPECIALS.size()) {
            throw new UserError(file + ": a vocabulary needs at least the special tokens " + String.join(" ", SPECIALS));
        }
        return new Vocabulary(tokens);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Vocabulary v && v.tokens.equals(tokens);
    }

    @Override
    public int hashCode() {
        return tokens.hashCode();
    }
}
