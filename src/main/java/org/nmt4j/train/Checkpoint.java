package org.nmt4j.train;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nmt4j.io.AtomicFile;
import org.nmt4j.io.UserError;
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
    private static final int FORMAT_VERSION = 2; // 2: the parameters' moving average (may be empty) after the moments

    private Checkpoint() {
    }

    public static void write(Path file, TrainingState state, Parameters parameters, INDArray optimizerState)
            throws IOException {
        write(file, state, parameters, optimizerState, null, UnaryOperator.identity());
    }

    /** With the parameters' moving average (null: none). */
    static void write(Path file, TrainingState state, Parameters parameters, INDArray optimizerState,
                      INDArray smoothed) throws IOException {
        write(file, state, parameters, optimizerState, smoothed, UnaryOperator.identity());
    }

    /** As {@link #write(Path, TrainingState, Parameters, INDArray)}; tests wrap the stream to fail midway. */
    static void write(Path file, TrainingState state, Parameters parameters, INDArray optimizerState,
                      INDArray smoothed, UnaryOperator<OutputStream> wrap) throws IOException {
        ByteArrayOutputStream headerBytes = new ByteArrayOutputStream();
        DataOutputStream header = new DataOutputStream(headerBytes);
        header.write(MAGIC);
        header.writeInt(FORMAT_VERSION);
        header.writeUTF(parameters.dataType().name());
        header.writeLong(parameters.size());
        header.writeLong(optimizerState.length());
        header.writeLong(smoothed == null ? 0 : smoothed.length());
        Map<String, Object> fields = state.toMap();
        header.writeInt(fields.size());
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            header.writeUTF(field.getKey());
            header.writeUTF(String.valueOf(field.getValue()));
        }
        header.flush();
        AtomicFile.write(file, stream -> {
            OutputStream out = wrap.apply(stream);
            ParameterFile.writeChecked(out, headerBytes.toByteArray(), smoothed == null
                    ? List.of(parameters.values(), optimizerState)
                    : List.of(parameters.values(), optimizerState, smoothed));
            out.flush();
        });
    }

    /** Reads the checkpoint into the parameters and optimizer state (sized for the model) and returns the state. */
    public static TrainingState read(Path file, Parameters parameters, INDArray optimizerState) {
        return read(file, parameters, optimizerState, null);
    }

    /**
     * As {@link #read(Path, Parameters, INDArray)}, and the moving average into {@code smoothed} (null: not wanted);
     * a checkpoint without one (smoothing was off) starts it from the parameters.
     */
    static TrainingState read(Path file, Parameters parameters, INDArray optimizerState, INDArray smoothed) {
        long fileSize;
        try {
            fileSize = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such checkpoint");
        } catch (IOException e) {
            throw new UserError(file + ": cannot read (" + e.getMessage() + ")");
        }
        if (fileSize < MAGIC.length + 8) {
            throw new UserError(file + ": not an nmt4j checkpoint");
        }
        // the values stream into the arrays a block at a time (a whole-file read of the reference model's
        // checkpoint made 104 MB of heap copies); a checksum error comes after, and the run stops on it
        try (ParameterFile.CheckedInput in = ParameterFile.CheckedInput.open(file)) {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new UserError(file + ": not an nmt4j checkpoint");
            }
            int version = in.readInt();
            if (version != FORMAT_VERSION && version != 1) {
                throw new UserError(file + ": checkpoint format version " + version + ", this nmt4j reads "
                        + FORMAT_VERSION);
            }
            DataType stored = DataType.valueOf(in.readString());
            long parameterCount = in.readLong();
            long momentCount = in.readLong();
            long averageCount = version == 1 ? 0 : in.readLong();
            if (stored != parameters.dataType() || parameterCount != parameters.size()
                    || momentCount != optimizerState.length() || averageCount != 0 && averageCount != parameterCount) {
                throw new UserError(file + ": holds " + parameterCount + " " + stored.name().toLowerCase()
                        + " parameters, the model has " + parameters.size() + " (the config does not match it)");
            }
            int fieldCount = in.readInt();
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 0; i < fieldCount; i++) {
                fields.put(in.readString(), in.readString());
            }
            int width = stored == DataType.DOUBLE ? 8 : 4;
            long end = in.position() + (parameterCount + momentCount + averageCount) * width;
            if (fileSize != end + 8) {
                throw new UserError(file + ": truncated or padded (" + fileSize + " bytes, expected " + (end + 8)
                        + ")");
            }
            in.readValues(stored, parameters.values());
            in.readValues(stored, optimizerState);
            if (averageCount > 0) {
                if (smoothed != null) {
                    in.readValues(stored, smoothed);
                } else {
                    in.skipNBytes(averageCount * width);
                }
            } else if (smoothed != null) {
                smoothed.assign(parameters.values());
            }
            if (!in.trailerMatches()) {
                throw new UserError(file + ": checksum mismatch, the checkpoint is corrupted");
            }
            return TrainingState.fromMap(fields);
        } catch (java.io.EOFException | IllegalArgumentException | NullPointerException e) {
            throw new UserError(file + ": truncated or corrupted checkpoint header");
        } catch (IOException e) {
            throw new UserError(file + ": cannot read (" + e.getMessage() + ")");
        }
    }
}
