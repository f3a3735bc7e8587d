package org.nmt4j.data;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Named pipes for tests: what {@code -i <(zcat big.gz)} hands nmt4j is a pipe, which can be read once and never
 * seeked. Skips where {@code mkfifo} is missing.
 */
public final class NamedPipes {

    private NamedPipes() {
    }

    /** A named pipe at {@code file} that a background thread fills with {@code bytes} once a reader opens it. */
    public static Path feeding(Path file, byte[] bytes) throws IOException, InterruptedException {
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", file.toString()).inheritIO().start();
        } catch (IOException e) {
            assumeTrue(false, "no mkfifo here: " + e.getMessage());
            throw e;
        }
        assumeTrue(mkfifo.waitFor() == 0, "mkfifo failed");
        Thread writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(file)) { // blocks until the reader opens the pipe
                out.write(bytes);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.setDaemon(true);
        writer.start();
        return file;
    }
}
