package org.nmt4j;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * Every file nmt4j writes is written here: into a temporary file beside it, then renamed over it, so an interrupted
 * write leaves the previous file whole. The temporary file is made like any new file, so the result has the
 * permissions the user's umask gives (a temporary file from {@code Files.createTempFile} is {@code rw-------}, and
 * the rename kept that: a model folder copied to a server account could not be read).
 */
public final class AtomicFile {

    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFile() {
    }

    /** Writes bytes. */
    public interface Bytes {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes UTF-8 text. */
    public interface Text {
        void writeTo(Writer out) throws IOException;
    }

    /** Writes the file from a stream (buffered); the folder must exist. */
    public static void write(Path file, Bytes content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36)
                + ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), 1 << 16)) {
                content.writeTo(out);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes the file as UTF-8 text. */
    public static void writeText(Path file, Text content) throws IOException {
        write(file, out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            content.writeTo(writer);
            writer.flush();
        });
    }

    /** Writes the file as UTF-8 text. */
    public static void writeString(Path file, String text) throws IOException {
        write(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }
}
