package org.nmt4j.data;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The links that guide the attention of each prepared training pair, over its pieces, beside the prepared corpus
 * ({@code links.bin}), read by pair index as {@link BinarizedCorpus} is: the magic, the fingerprint of the corpus and
 * links they were made with, then per pair a count and {@code [s, t, ...]} piece positions, then a table of each
 * pair's offset and the table's own offset (little-endian).
 */
public final class GuideFile {

    /** The file's name in a model folder. */
    public static final String NAME = "links.bin";

    private static final byte[] MAGIC = "NMT4JGL1".getBytes(StandardCharsets.US_ASCII);

    private GuideFile() {
    }

    /** Writes pairs' links in order to a temporary file; {@link #commit} puts it in place. */
    public static final class Writer implements Closeable {
        private final Path file;
        private final Path tmp;
        private final DataOutputStream out;
        private long[] offsets = new long[1024];
        private int pairs;
        private long position;
        private boolean done;

        public Writer(Path file, String fingerprint) throws IOException {
            this.file = file;
            this.tmp = file.resolveSibling(file.getFileName() + ".tmp");
            this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16));
            byte[] print = fingerprint.getBytes(StandardCharsets.UTF_8);
            out.write(MAGIC);
            writeInt(print.length);
            out.write(print);
            position = MAGIC.length + 4L + print.length;
        }

        /** The next pair's links ({@code [s, t, ...]} over its pieces). */
        public void add(int[] links) throws IOException {
            if (pairs == offsets.length) {
                offsets = Arrays.copyOf(offsets, 2 * pairs);
            }
            offsets[pairs++] = position;
            writeInt(links.length / 2);
            for (int value : links) {
                writeInt(value);
            }
            position += 4L * (1 + links.length);
        }

        public void commit() throws IOException {
            for (int i = 0; i < pairs; i++) {
                writeLong(offsets[i]);
            }
            writeLong(position);
            out.close();
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            done = true;
        }

        private void writeInt(int v) throws IOException {
            out.writeInt(Integer.reverseBytes(v));
        }

        private void writeLong(long v) throws IOException {
            out.writeLong(Long.reverseBytes(v));
        }

        @Override
        public void close() throws IOException {
            if (!done) {
                out.close();
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** A written file, read by pair index from any thread. */
    public static final class Reader implements Closeable {
        private final FileChannel channel;
        private final long table;
        private final int pairs;

        private Reader(FileChannel channel, long table, int pairs) {
            this.channel = channel;
            this.table = table;
            this.pairs = pairs;
        }

        /**
         * The file if it exists, is whole and was made with this fingerprint for {@code pairs} pairs; null otherwise
         * (prepare again).
         */
        public static Reader open(Path file, String fingerprint, int pairs) throws IOException {
            if (fingerprint == null || !Files.isRegularFile(file)) {
                return null;
            }
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            try {
                long size = channel.size();
                byte[] print = fingerprint.getBytes(StandardCharsets.UTF_8);
                long header = MAGIC.length + 4L + print.length;
                long table = size - 8L * (pairs + 1);
                if (table < header) {
                    channel.close();
                    return null;
                }
                ByteBuffer head = read(channel, 0, (int) header);
                byte[] magic = new byte[MAGIC.length];
                head.get(magic);
                byte[] stored = new byte[Math.max(0, Math.min(head.getInt(), print.length + 1))];
                if (!Arrays.equals(magic, MAGIC) || stored.length != print.length) {
                    channel.close();
                    return null;
                }
                head.get(stored);
                if (!Arrays.equals(stored, print) || read(channel, size - 8, 8).getLong() != table) {
                    channel.close();
                    return null;
                }
                return new Reader(channel, table, pairs);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }

        /** Pair {@code pair}'s links, {@code [s, t, ...]} over its pieces. */
        public int[] links(int pair) {
            if (pair < 0 || pair >= pairs) {
                throw new IndexOutOfBoundsException(pair);
            }
            try {
                long offset = read(channel, table + 8L * pair, 8).getLong();
                int count = read(channel, offset, 4).getInt();
                ByteBuffer values = read(channel, offset + 4, 8 * count);
                int[] links = new int[2 * count];
                values.asIntBuffer().get(links);
                return links;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
            ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, position + buffer.position()) < 0) {
                    throw new IOException("links.bin ends early");
                }
            }
            return buffer.flip();
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
