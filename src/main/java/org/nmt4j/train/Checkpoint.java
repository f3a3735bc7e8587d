package org.nmt4j.train;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nmt4j.AtomicFile;
import org.nmt4j.UserError;
import org.nmt4j.model.Parameters;
import org.nmt4j.model.io.ParameterFile;

/**
 * The file that lets training resume exactly: the training state, the parameters and Adam's moments, with a CRC-32
 * over all of it. Written to a temporary file and renamed over the previous checkpoint, so an interrupted write
 * leaves the previous checkpoint whole.
 */
public final class Checkpoint {

    public static final String FILE = "checkpoint.bin";
    private static final byte[] MAGIC = "NMT4JCKP".getBytes(StandardCharsets.US_ASCII);
    private static final int FORMAT_VERSION = 1;

    private Checkpoint() {
    }

    public static void write(Path file, TrainingState state, Parameters parameters, INDArray optimizerState)
            throws IOException {
        write(file, state, parameters, optimizerState, UnaryOperator.identity());
    }

    /** As {@link #write(Path, TrainingState, Parameters, INDArray)}; tests wrap the stream to fail midway. */
    static void write(Path file, TrainingState state, Parameters parameters, INDArray optimizerState,
                      UnaryOperator<OutputStream> wrap) throws IOException {
        ByteArrayOutputStream headerBytes = new ByteArrayOutputStream();
        DataOutputStream header = new DataOutputStream(headerBytes);
        header.write(MAGIC);
        header.writeInt(FORMAT_VERSION);
        header.writeUTF(parameters.dataType().name());
        header.writeLong(parameters.size());
        header.writeLong(optimizerState.length());
        Map<String, Object> fields = state.toMap();
        header.writeInt(fields.size());
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            header.writeUTF(field.getKey());
            header.writeUTF(String.valueOf(field.getValue()));
        }
        header.flush();
        byte[] values = ParameterFile.valueBytes(parameters.values());
        byte[] moments = ParameterFile.valueBytes(optimizerState);
        CRC32 crc = new CRC32();
        crc.update(headerBytes.toByteArray());
        crc.update(values);
        crc.update(moments);
        AtomicFile.write(file, stream -> {
            OutputStream out = wrap.apply(stream);
            out.write(headerBytes.toByteArray());
            out.write(values);
            out.write(moments);
            out.write(ByteBuffer.allocate(8).putLong(crc.getValue()).array());
            out.flush();
        });
    }

    /** Reads the checkpoint into the parameters and optimizer state (sized for the model) and returns the state. */
    public static TrainingState read(Path file, Parameters parameters, INDArray optimizerState) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such checkpoint");
        } catch (IOException e) {
            throw new UserError(file + ": cannot read (" + e.getMessage() + ")");
        }
        if (bytes.length < MAGIC.length + 8 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new UserError(file + ": not an nmt4j checkpoint");
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            in.position(MAGIC.length);
            int version = in.getInt();
            if (version != FORMAT_VERSION) {
                throw new UserError(file + ": checkpoint format version " + version + ", this nmt4j reads "
                        + FORMAT_VERSION);
            }
            DataType stored = DataType.valueOf(readUtf(in));
            long parameterCount = in.getLong();
            long momentCount = in.getLong();
            if (stored != parameters.dataType() || parameterCount != parameters.size()
                    || momentCount != optimizerState.length()) {
                throw new UserError(file + ": holds " + parameterCount + " " + stored.name().toLowerCase()
                        + " parameters, the model has " + parameters.size() + " (the config does not match it)");
            }
            int fieldCount = in.getInt();
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 0; i < fieldCount; i++) {
                fields.put(readUtf(in), readUtf(in));
            }
            int width = stored == DataType.DOUBLE ? 8 : 4;
            int headerEnd = in.position();
            long end = headerEnd + (parameterCount + momentCount) * width;
            if (bytes.length != end + 8) {
                throw new UserError(file + ": truncated or padded (" + bytes.length + " bytes, expected " + (end + 8)
                        + ")");
            }
            CRC32 crc = new CRC32();
            crc.update(bytes, 0, (int) end);
            if (crc.getValue() != ByteBuffer.wrap(bytes, (int) end, 8).getLong()) {
                throw new UserError(file + ": checksum mismatch, the checkpoint is corrupted");
            }
            parameters.values().assign(ParameterFile.values(bytes, headerEnd, parameterCount, stored)
                    .reshape(parameters.values().shape()));
            optimizerState.assign(ParameterFile.values(bytes, (int) (headerEnd + parameterCount * width), momentCount, stored)
                    .reshape(optimizerState.shape()));
            return TrainingState.fromMap(fields);
        } catch (java.nio.BufferUnderflowException | IllegalArgumentException | NullPointerException e) {
            throw new UserError(file + ": truncated or corrupted checkpoint header");
        }
    }

    private static String readUtf(ByteBuffer in) {
        int length = Short.toUnsignedInt(in.getShort());
        byte[] utf = new byte[length];
        in.get(utf);
        return new String(utf, StandardCharsets.UTF_8);
    }
}
