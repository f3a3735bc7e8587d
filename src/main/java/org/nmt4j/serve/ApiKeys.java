package org.nmt4j.serve;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.nmt4j.io.UserError;
import org.nmt4j.io.Utf8LineReader;

/**
 * The API keys a server accepts, read from a file (one key a line; empty lines and lines starting with {@code #}
 * skipped). Only the keys' SHA-256 digests are kept, a presented key is compared with every one of them in constant
 * time, and a key is known to the logs and metrics only by the first 8 hex digits of its digest.
 */
final class ApiKeys {

    /** The shortest key accepted: 16 characters. */
    static final int SHORTEST = 16;

    private final List<byte[]> digests = new ArrayList<>();

    private ApiKeys() {
    }

    /** The keys of a file; a key shorter than {@value #SHORTEST} characters or with spaces names its line. */
    static ApiKeys read(Path file) {
        ApiKeys keys = new ApiKeys();
        forEachKey(file, key -> keys.digests.add(digest(key)));
        return keys;
    }

    /**
     * Each key of a file, in order; a key shorter than {@value #SHORTEST} characters or with spaces names its line, a
     * file without keys is an error too.
     */
    static void forEachKey(Path file, java.util.function.Consumer<String> action) {
        int found = 0;
        try (Utf8LineReader reader = Utf8LineReader.open(file)) {
            for (String line = reader.next(); line != null; line = reader.next()) {
                String key = line.strip();
                if (key.isEmpty() || key.startsWith("#")) {
                    continue;
                }
                if (key.length() < SHORTEST || key.chars().anyMatch(Character::isWhitespace)) {
                    throw new UserError(file + ":" + reader.lineNumber() + ": an API key is " + SHORTEST
                            + " or more characters without spaces");
                }
                action.accept(key);
                found++;
            }
        }
        if (found == 0) {
            throw new UserError(file + ": no API key in it");
        }
    }

    /**
     * The short name (8 hex digits of its digest) of the key an {@code Authorization: Bearer KEY} header presents,
     * or null when it presents none or an unknown one.
     */
    String check(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        byte[] presented = digest(authorization.substring(7).strip());
        boolean known = false;
        for (byte[] d : digests) { // every key compared, in constant time each
            known |= MessageDigest.isEqual(d, presented);
        }
        return known ? HexFormat.of().formatHex(presented, 0, 4) : null;
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JVM has SHA-256
        }
    }
}
