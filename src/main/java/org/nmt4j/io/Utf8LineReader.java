package org.nmt4j.io;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;


/**
 * Reads a text file line by line as strict UTF-8, gzipped when the name ends in {@code .gz}. Unlike a
 * {@code BufferedReader}, an invalid byte is reported on the line that holds it: {@code file:line: invalid UTF-8}.
 * Lines end at {@code \n}; a {@code \r} before it and a byte-order mark at the start are dropped.
 */
public final class Utf8LineReader implements Closeable {

    private final Path file; // as named in messages
    private final InputStream in;
    private final Counting counted; // the bytes of the file (compressed, for a .gz) read so far
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private byte[] line = new byte[256];
    private long lineNumber;
    private boolean eof;

    private Utf8LineReader(Path file, InputStream in, Counting counted) {
        this.file = file;
        this.in = in;
        this.counted = counted;
    }

    public static Utf8LineReader open(Path file) {
        try {
            Counting counted = new Counting(stream(file));
            InputStream raw = new BufferedInputStream(counted, 1 << 16);
            InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
            return new Utf8LineReader(file, in, counted);
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such file");
        } catch (java.util.zip.ZipException e) {
            throw new UserError(file + ": not a gzip file (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new UserError(file + ": cannot read (" + e.getMessage() + ")");
        }
    }

    /**
     * The bytes of a file, a named pipe or {@code /dev/fd/N} ({@code -i <(zcat big.gz)}): a stream that never seeks
     * (a channel from {@code Files.newInputStream} asks a pipe for its position and fails with "Illegal seek").
     */
    static InputStream stream(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
        if (Files.isDirectory(file)) {
            throw new IOException("is a folder");
        }
        return new FileInputStream(file.toFile());
    }

    /** Reads standard input, named {@code <stdin>} in messages. */
    public static Utf8LineReader stdin() {
        Counting counted = new Counting(System.in);
        return new Utf8LineReader(Path.of("<stdin>"), new BufferedInputStream(counted, 1 << 16), counted);
    }

    /** The bytes of the file read so far (compressed bytes for a {@code .gz}), for progress against its size. */
    public long bytesRead() {
        return counted.count;
    }

    // counts the bytes that pass
    private static final class Counting extends java.io.FilterInputStream {
        private volatile long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            int n = super.read(bytes, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    public Path file() {
        return file;
    }

    /** The number of the line last returned by {@link #next()}, from 1. */
    public long lineNumber() {
        return lineNumber;
    }

    /** The next line without its line ending, or null at the end of the file. */
    public String next() {
        if (eof) {
            return null;
        }
        int length = 0;
        boolean sawByte = false;
        while (true) {
            if (position == limit && !fill()) {
                eof = true;
                if (!sawByte) {
                    return null; // a final newline does not start another line
                }
                break;
            }
            byte b = buffer[position++];
            sawByte = true;
            if (b == '\n') {
                break;
            }
            if (length == line.length) {
                line = Arrays.copyOf(line, line.length * 2);
            }
            line[length++] = b;
        }
        lineNumber++;
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        int start = 0;
        if (lineNumber == 1 && length >= 3 && (line[0] & 0xff) == 0xEF && (line[1] & 0xff) == 0xBB
                && (line[2] & 0xff) == 0xBF) {
            start = 3;
        }
        return decode(start, length);
    }

    private String decode(int start, int end) {
        ByteBuffer bytes = ByteBuffer.wrap(line, start, end - start);
        CharBuffer chars = CharBuffer.allocate(end - start);
        decoder.reset();
        CoderResult result = decoder.decode(bytes, chars, true);
        if (result.isError()) {
            int column = bytes.position() - start + 1;
            throw UserError.at(file, lineNumber, String.format(
                    "invalid UTF-8 (byte 0x%02X at byte %d of the line); convert the file to UTF-8",
                    line[bytes.position()] & 0xff, column));
        }
        decoder.flush(chars);
        chars.flip();
        return chars.toString();
    }

    private boolean fill() {
        try {
            int n = in.read(buffer);
            while (n == 0) {
                n = in.read(buffer);
            }
            if (n < 0) {
                return false;
            }
            position = 0;
            limit = n;
            return true;
        } catch (java.io.EOFException e) {
            throw new UserError(file + ": truncated gzip file (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new UserError(file + ": cannot read (" + e.getMessage() + ")");
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What to do with each line of a file. */
    @FunctionalInterface
    public interface LineConsumer {
        void accept(long lineNumber, String line);
    }

    /** Calls {@code consumer} for every line of the file. */
    public static void forEach(Path file, LineConsumer consumer) {
        try (Utf8LineReader reader = open(file)) {
            for (String line = reader.next(); line != null; line = reader.next()) {
                consumer.accept(reader.lineNumber(), line);
            }
        }
    }

    /** Reads the remaining lines without keeping them and returns how many there were. */
    public long skipRest() {
        long lines = 0;
        while (next() != null) {
            lines++;
        }
        return lines;
    }

    /** All remaining lines. */
    public java.util.List<String> readAll() {
        java.util.List<String> lines = new java.util.ArrayList<>();
        for (String line = next(); line != null; line = next()) {
            lines.add(line);
        }
        return lines;
    }

    /** Reads lines until the end and returns the count of lines read in total. */
    public long countRemaining() {
        while (next() != null) {
            // counting
        }
        return lineNumber;
    }
}
