package org.nmt4j.model.io;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Checksum;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nmt4j.io.AtomicFile;
import org.nmt4j.io.UserError;
import org.nmt4j.model.Param;
import org.nmt4j.model.Parameters;

/**
 * The binary file of a model's parameters: a header (magic {@code NMT4JPAR}, format version, data type, and every
 * parameter's name and shape), the flat values little-endian, and a CRC-32 of all that. Loading checks each part, so
 * a truncated or corrupted file, or one written for another model shape, is a one-line error rather than garbage.
 * Written atomically: a temporary file, then a rename.
 */
public final class ParameterFile {

    public static final int FORMAT_VERSION = 1;
    private static final byte[] MAGIC = "NMT4JPAR".getBytes(StandardCharsets.US_ASCII);
    private static final int BLOCK_BYTES = 1 << 20;

    private ParameterFile() {
    }

    public static void write(Parameters parameters, Path file) throws IOException {
        ByteArrayOutputStream headerBytes = new ByteArrayOutputStream();
        DataOutputStream header = new DataOutputStream(headerBytes);
        header.write(MAGIC);
        header.writeInt(FORMAT_VERSION);
        header.writeUTF(parameters.dataType().name());
        List<Param> all = parameters.all();
        header.writeInt(all.size());
        for (Param p : all) {
            header.writeUTF(p.name());
            long[] shape = p.value().shape();
            header.writeInt(shape.length);
            for (long d : shape) {
                header.writeLong(d);
            }
        }
        header.flush();
        AtomicFile.write(file, out -> writeChecked(out, headerBytes.toByteArray(), List.of(parameters.values())));
    }

    /**
     * The layout of parameter and checkpoint files after their magic: the header, each array's values
     * ({@link #writeValues}), then the CRC-32 of all of it as 8 bytes.
     */
    public static void writeChecked(OutputStream out, byte[] header, List<INDArray> arrays) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(header);
        out.write(header);
        for (INDArray values : arrays) {
            writeValues(values, out, crc);
        }
        out.write(ByteBuffer.allocate(8).putLong(crc.getValue()).array());
    }

    /**
     * Writes the values of an array, float or double, little-endian (the layout of parameter and checkpoint files) to
     * out and into crc, a block at a time: no copy of the whole array is made on the heap (a checkpoint of the
     * reference model once made 250 MB of them).
     */
    public static void writeValues(INDArray values, OutputStream out, Checksum crc) throws IOException {
        INDArray c = values.ordering() == 'c' && values.elementWiseStride() == 1 ? values : values.dup('c');
        boolean doubles = c.dataType() == DataType.DOUBLE;
        int width = doubles ? 8 : 4;
        ByteBuffer block = ByteBuffer.allocate(BLOCK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        int perBlock = BLOCK_BYTES / width;
        long length = c.length();
        for (long from = 0; from < length; from += perBlock) {
            int count = (int) Math.min(perBlock, length - from);
            int start = (int) (c.offset() + from);
            block.clear();
            if (doubles) {
                block.asDoubleBuffer().put(c.data().asNioDouble().position(start).limit(start + count));
            } else {
                block.asFloatBuffer().put(c.data().asNioFloat().position(start).limit(start + count));
            }
            out.write(block.array(), 0, count * width);
            crc.update(block.array(), 0, count * width);
        }
        Reference.reachabilityFence(c); // the NIO views do not keep the array reachable
    }

    /**
     * Reads the file into parameters of the expected layout (the model's config decides it). Any difference in
     * names, shapes or data type, a wrong checksum, or a short file is a {@link UserError} naming the file. The
     * values stream from the file into the parameters a block at a time: no copy of the file is made on the heap or
     * off it (a whole-file read of the reference model's 35 MB left ~150 MB of garbage on the heap and off it).
     */
    public static void read(Path file, Parameters into) {
        long fileSize;
        try {
            fileSize = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such file (a model folder needs its parameters)");
        } catch (IOException e) {
            throw new UserError(file + ": cannot read (" + e.getMessage() + ")");
        }
        if (fileSize < MAGIC.length + 8) {
            throw new UserError(file + ": not an nmt4j parameter file");
        }
        try (CheckedInput in = CheckedInput.open(file)) {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new UserError(file + ": not an nmt4j parameter file");
            }
            int version = in.readInt();
            if (version != FORMAT_VERSION) {
                throw new UserError(file + ": parameter format version " + version + ", this nmt4j reads version "
                        + FORMAT_VERSION);
            }
            String dataType = in.readString();
            int count = in.readInt();
            List<Param> expected = into.all();
            if (count != expected.size()) {
                throw new UserError(file + ": holds " + count + " parameters, the model's config needs "
                        + expected.size() + " (the config does not match these parameters)");
            }
            for (Param p : expected) {
                String name = in.readString();
                int rank = in.readInt();
                if (rank < 0 || rank > 8) {
                    throw new UserError(file + ": truncated or corrupted header");
                }
                long[] shape = new long[rank];
                for (int i = 0; i < rank; i++) {
                    shape[i] = in.readLong();
                }
                if (!name.equals(p.name()) || !Arrays.equals(shape, p.value().shape())) {
                    throw new UserError(file + ": parameter " + name + " " + Arrays.toString(shape)
                            + " does not match the config's " + p.name() + " " + Arrays.toString(p.value().shape())
                            + " (the config does not match these parameters)");
                }
            }
            long headerEnd = in.position();
            DataType stored = storedType(dataType, file);
            long valueBytes = into.size() * (stored == DataType.DOUBLE ? 8L : 4L);
            if (fileSize != headerEnd + valueBytes + 8) {
                throw new UserError(file + ": truncated or padded (" + fileSize + " bytes, expected "
                        + (headerEnd + valueBytes + 8) + ")");
            }
            in.readValues(stored, into.values());
            if (!in.trailerMatches()) {
                throw new UserError(file + ": checksum mismatch, the file is corrupted");
            }
        } catch (java.io.EOFException e) {
            throw new UserError(file + ": truncated or corrupted header");
        } catch (IOException e) {
            throw new UserError(file + ": cannot read (" + e.getMessage() + ")");
        }
    }

    private static DataType storedType(String name, Path file) {
        if (!name.equals("FLOAT") && !name.equals("DOUBLE")) {
            throw new UserError(file + ": truncated or corrupted header (data type '" + name + "')");
        }
        return DataType.valueOf(name);
    }

    /**
     * A file that {@link #writeChecked} wrote, read as a stream: every byte passes through a CRC-32 and is counted,
     * so a reader checks the header's length against the file's size, streams the values into their arrays a block
     * at a time, and compares the trailer with what it read. Parameter files and checkpoints are read through it.
     */
    public static final class CheckedInput extends DataInputStream {

        private final Counted counted;

        private CheckedInput(Counted counted) {
            super(counted);
            this.counted = counted;
        }

        /** The file, from its first byte. */
        public static CheckedInput open(Path file) throws IOException {
            return new CheckedInput(new Counted(new BufferedInputStream(Files.newInputStream(file), BLOCK_BYTES)));
        }

        /** The bytes read so far. */
        public long position() {
            return counted.position;
        }

        /** A string as {@link DataOutputStream#writeUTF} wrote it (the header's names), decoded as UTF-8. */
        public String readString() throws IOException {
            byte[] utf = new byte[readUnsignedShort()];
            readFully(utf);
            return new String(utf, StandardCharsets.UTF_8);
        }

        /**
         * Reads {@code into.length()} little-endian values of type {@code stored} into {@code into} (contiguous,
         * row-major; float or double, converted as needed), a block at a time: the counterpart of
         * {@link #writeValues}.
         */
        public void readValues(DataType stored, INDArray into) throws IOException {
            if (into.ordering() != 'c' || into.elementWiseStride() != 1) {
                throw new IllegalStateException("readValues needs a contiguous row-major array");
            }
            int width = stored == DataType.DOUBLE ? 8 : 4;
            byte[] block = new byte[BLOCK_BYTES];
            ByteBuffer bytes = ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN);
            int perBlock = BLOCK_BYTES / width;
            boolean toDouble = into.dataType() == DataType.DOUBLE;
            float[] floats = toDouble ? null : new float[perBlock];
            double[] doubles = toDouble || stored == DataType.DOUBLE ? new double[perBlock] : null;
            long count = into.length();
            long offset = into.offset();
            for (long done = 0; done < count; ) {
                int n = (int) Math.min(perBlock, count - done);
                readFully(block, 0, n * width);
                bytes.clear();
                if (stored == DataType.DOUBLE) {
                    bytes.asDoubleBuffer().get(doubles, 0, n);
                    if (!toDouble) {
                        for (int i = 0; i < n; i++) {
                            floats[i] = (float) doubles[i];
                        }
                    }
                } else if (toDouble) {
                    for (int i = 0; i < n; i++) {
                        doubles[i] = bytes.getFloat(4 * i);
                    }
                } else {
                    bytes.asFloatBuffer().get(floats, 0, n);
                }
                if (toDouble) {
                    into.data().asNioDouble().put((int) (offset + done), doubles, 0, n);
                } else {
                    into.data().asNioFloat().put((int) (offset + done), floats, 0, n);
                }
                done += n;
            }
            Reference.reachabilityFence(into); // the NIO views do not keep the array reachable
        }

        /** Reads the 8-byte CRC-32 that ends the file: whether it is that of every byte read before it. */
        public boolean trailerMatches() throws IOException {
            long computed = counted.crc.getValue();
            return readLong() == computed;
        }
    }

    // an input stream that counts its bytes and feeds them to a CRC-32; skipping reads through, so the CRC sees all
    private static final class Counted extends FilterInputStream {

        private final CRC32 crc = new CRC32();
        private long position;

        Counted(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                crc.update(b);
                position++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                crc.update(b, off, n);
                position += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buffer = new byte[(int) Math.min(n, 1 << 16)];
            long skipped = 0;
            while (skipped < n) {
                int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
                if (r < 0) {
                    break;
                }
                skipped += r;
            }
            return skipped;
        }
    }
}
