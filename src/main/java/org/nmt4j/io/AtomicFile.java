package org.nmt4j.io;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.Closeable;
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
        try (Pending pending = open(file)) {
            content.writeTo(pending.stream());
            pending.commit();
        }
    }

    /** Starts writing the file: what is written goes to the temporary file until {@link Pending#commit}. */
    public static Pending open(Path file) throws IOException {
        return new Pending(file);
    }

    /**
     * A file being written, for content that comes in over time (a streamed export): {@link #commit} puts it in
     * place; {@link #close} without a commit throws the temporary file away and leaves the previous file as it was.
     */
    public static final class Pending implements Closeable {

        private final Path file;
        private final Path tmp;
        private final OutputStream out;
        private Writer writer;
        private boolean done;

        private Pending(Path file) throws IOException {
            this.file = file;
            this.tmp = file.resolveSibling(file.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36)
                    + ".tmp");
            this.out = new BufferedOutputStream(Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), 1 << 16);
        }

        public OutputStream stream() {
            return out;
        }

        /** The temporary file the content goes to until the commit (flush the stream before reading it). */
        public Path temporary() {
            return tmp;
        }

        /** The same content as UTF-8 text. */
        public Writer writer() {
            if (writer == null) {
                writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            }
            return writer;
        }

        public void commit() throws IOException {
            if (writer != null) {
                writer.flush();
            }
            out.close();
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            done = true;
        }

        @Override
        public void close() throws IOException {
            if (!done) {
                done = true;
                try {
                    out.close();
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
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
