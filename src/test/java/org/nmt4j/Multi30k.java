package org.nmt4j;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The Multi30k benchmark corpus for tests that need real text. Found through the system property
 * {@code nmt4j.multi30k} (the pom sets it to {@code ../shared/data/multi30k}); tests skip when it is absent.
 */
public final class Multi30k {

    private Multi30k() {
    }

    public static Path dir() {
        return Path.of(System.getProperty("nmt4j.multi30k", "../shared/data/multi30k"));
    }

    /** The gzipped file of a split and language, e.g. {@code file("val", "de")}; skips the test when absent. */
    public static Path file(String split, String language) {
        Path path = dir().resolve(split + "." + language + ".gz");
        assumeTrue(Files.isRegularFile(path), "Multi30k not found at " + path);
        return path;
    }

    public static List<String> lines(String split, String language) {
        Path path = file(split, language);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(path)), StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
