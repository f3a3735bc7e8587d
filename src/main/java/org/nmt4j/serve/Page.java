package org.nmt4j.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The page of {@code GET /}: one HTML file with its script and style inline (no build step, no external assets). */
final class Page {

    private static final byte[] HTML = load();

    private Page() {
    }

    static byte[] html() {
        return HTML;
    }

    private static byte[] load() {
        try (InputStream in = Page.class.getResourceAsStream("index.html")) {
            if (in == null) {
                throw new IllegalStateException("org/nmt4j/serve/index.html is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
