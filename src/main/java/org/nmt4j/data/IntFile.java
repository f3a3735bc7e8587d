package org.nmt4j.data;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A scratch file of ints written and read sequentially in large blocks (preparation's intermediate form). */
final class IntFile {

    private static final int BLOCK = 1 << 20;

    private IntFile() {
    }

    /** Appends ints to a new file. */
    static final class Writer implements Closeable {
        private final FileChannel channel;
        private final ByteBuffer bytes = ByteBuffer.allocateDirect(BLOCK);
        private final IntBuffer ints = bytes.asIntBuffer();

        Writer(Path file) throws IOException {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
        }

        void write(int[] values, int from, int to) throws IOException {
            int at = from;
            while (at < to) {
                if (!ints.hasRemaining()) {
                    flush();
                }
                int n = Math.min(to - at, ints.remaining());
                ints.put(values, at, n);
                at += n;
            }
        }

        private void flush() throws IOException {
            bytes.clear().limit(4 * ints.position());
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            ints.clear();
        }

        @Override
        public void close() throws IOException {
            try {
                flush();
            } finally {
                channel.close();
            }
        }
    }

    /** Reads the ints back in order. */
    static final class Reader implements Closeable {
        private final FileChannel channel;
        private final ByteBuffer bytes = ByteBuffer.allocateDirect(BLOCK);
        private IntBuffer ints = bytes.asIntBuffer().limit(0);

        Reader(Path file) throws IOException {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        }

        int next() throws IOException {
            if (!ints.hasRemaining()) {
                bytes.clear();
                while (bytes.position() < 4 || bytes.position() % 4 != 0) {
                    if (channel.read(bytes) < 0) {
                        if (bytes.position() == 0) {
                            throw new EOFException("end of the scratch file");
                        }
                        throw new IOException("scratch file ends inside an int");
                    }
                }
                bytes.flip();
                ints = bytes.asIntBuffer();
            }
            return ints.get();
        }

        void read(int[] into, int count) throws IOException {
            for (int i = 0; i < count; i++) {
                into[i] = next();
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
