package org.nmt4j.model.io;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
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
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.AtomicFile;
import org.nmt4j.UserError;
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
    }

    /**
     * Reads the file into parameters of the expected layout (the model's config decides it). Any difference in
     * names, shapes or data type, a wrong checksum, or a short file is a {@link UserError} naming the file.
     */
    public static void read(Path file, Parameters into) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such file (a model folder needs its parameters)");
        } catch (IOException e) {
            throw new UserError(file + ": cannot read (" + e.getMessage() + ")");
        }
        if (bytes.length < MAGIC.length + 8 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new UserError(file + ": not an nmt4j parameter file");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            in.position(MAGIC.length);
            int version = in.getInt();
            if (version != FORMAT_VERSION) {
                throw new UserError(file + ": parameter format version " + version + ", this nmt4j reads version "
                        + FORMAT_VERSION);
            }
            String dataType = readUtf(in);
            int count = in.getInt();
            List<Param> expected = into.all();
            if (count != expected.size()) {
                throw new UserError(file + ": holds " + count + " parameters, the model's config needs "
                        + expected.size() + " (the config does not match these parameters)");
            }
            for (Param p : expected) {
                String name = readUtf(in);
                int rank = in.getInt();
                long[] shape = new long[rank];
                for (int i = 0; i < rank; i++) {
                    shape[i] = in.getLong();
                }
                if (!name.equals(p.name()) || !Arrays.equals(shape, p.value().shape())) {
                    throw new UserError(file + ": parameter " + name + " " + Arrays.toString(shape)
                            + " does not match the config's " + p.name() + " " + Arrays.toString(p.value().shape())
                            + " (the config does not match these parameters)");
                }
            }
            int headerEnd = in.position();
            DataType stored = DataType.valueOf(dataType);
            long valueBytes = into.size() * (stored == DataType.DOUBLE ? 8L : 4L);
            if (bytes.length != headerEnd + valueBytes + 8) {
                throw new UserError(file + ": truncated or padded (" + bytes.length + " bytes, expected "
                        + (headerEnd + valueBytes + 8) + ")");
            }
            CRC32 crc = new CRC32();
            crc.update(bytes, 0, (int) (headerEnd + valueBytes));
            long storedCrc = ByteBuffer.wrap(bytes, (int) (headerEnd + valueBytes), 8).getLong();
            if (crc.getValue() != storedCrc) {
                throw new UserError(file + ": checksum mismatch, the file is corrupted");
            }
            INDArray loaded = values(bytes, headerEnd, into.size(), stored);
            into.values().assign(loaded.castTo(into.dataType()).reshape(1, into.size()));
        } catch (java.nio.BufferUnderflowException | IllegalArgumentException e) {
            throw new UserError(file + ": truncated or corrupted header");
        }
    }

    /** Reads count little-endian values of the type from bytes at offset, as a vector. */
    public static INDArray values(byte[] bytes, int offset, long count, DataType type) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, (int) (count * (type == DataType.DOUBLE ? 8 : 4)))
                .order(ByteOrder.LITTLE_ENDIAN);
        if (type == DataType.DOUBLE) {
            double[] v = new double[(int) count];
            buffer.asDoubleBuffer().get(v);
            return Nd4j.createFromArray(v);
        }
        float[] v = new float[(int) count];
        buffer.asFloatBuffer().get(v);
        return Nd4j.createFromArray(v);
    }

    private static String readUtf(ByteBuffer in) {
        int length = Short.toUnsignedInt(in.getShort());
        byte[] utf = new byte[length];
        in.get(utf);
        return new String(utf, StandardCharsets.UTF_8);
    }
}
