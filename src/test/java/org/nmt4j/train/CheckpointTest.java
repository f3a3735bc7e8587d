package org.nmt4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nmt4j.io.UserError;
import org.nmt4j.config.ModelConfig;
import org.nmt4j.model.NmtModel;

class CheckpointTest {

    @TempDir
    Path dir;

    private static NmtModel model(long seed) {
        return NmtModel.create(new ModelConfig(4, 3, 5, 4, 3, "additive", 0, 0), 11, 13, DataType.FLOAT, seed);
    }

    private static final TrainingState STATE = new TrainingState(42, 3, 7, 5e-4, 31.5, 40, 1, 0, 12.5, 9000,
            new TrainingState.Interval(0.1 + 1234.5678, 321, 0.75)); // the log interval: sums that must survive exactly

    @Test
    void roundTripRestoresParametersMomentsAndState() throws IOException {
        NmtModel a = model(1);
        AdamOptimizer adam = new AdamOptimizer(a.parameters(), 1e-3, 1);
        adam.state().assign(0.25);
        Path file = dir.resolve(Checkpoint.FILE);
        Checkpoint.write(file, STATE, a.parameters(), adam.state());
        NmtModel b = model(2);
        AdamOptimizer adamB = new AdamOptimizer(b.parameters(), 1e-3, 1);
        assertEquals(STATE, Checkpoint.read(file, b.parameters(), adamB.state()));
        assertEquals(a.parameters().values(), b.parameters().values());
        assertEquals(adam.state(), adamB.state());
    }

    @Test
    void theParametersMovingAverageTravelsWithTheCheckpoint() throws IOException {
        NmtModel a = model(1);
        AdamOptimizer adam = new AdamOptimizer(a.parameters(), 1e-3, 1);
        INDArray average = a.parameters().values().mul(0.5);
        Path file = dir.resolve(Checkpoint.FILE);
        Checkpoint.write(file, STATE, a.parameters(), adam.state(), average);
        NmtModel b = model(2);
        INDArray restored = b.parameters().values().dup();
        assertEquals(STATE, Checkpoint.read(file, b.parameters(), adam.state(), restored));
        assertEquals(average, restored);
        assertEquals(a.parameters().values(), b.parameters().values());
        // read without asking for the average: its values are skipped, and the checksum still covers them
        NmtModel c = model(3);
        assertEquals(STATE, Checkpoint.read(file, c.parameters(), adam.state()));
        assertEquals(a.parameters().values(), c.parameters().values());
        // a checkpoint written without one starts the average from the parameters
        Checkpoint.write(file, STATE, a.parameters(), adam.state());
        INDArray started = b.parameters().values().mul(7);
        Checkpoint.read(file, b.parameters(), adam.state(), started);
        assertEquals(a.parameters().values(), started);
    }

    @Test
    void interruptedWriteLeavesThePreviousCheckpointLoadable() throws IOException {
        NmtModel a = model(1);
        INDArray moments = new AdamOptimizer(a.parameters(), 1e-3, 1).state();
        Path file = dir.resolve(Checkpoint.FILE);
        Checkpoint.write(file, STATE, a.parameters(), moments);
        NmtModel changed = model(3);
        TrainingState later = new TrainingState(43, 3, 8, 5e-4, 31.5, 40, 1, 0, 13, 9100,
                TrainingState.Interval.EMPTY);
        assertThrows(IOException.class, () -> Checkpoint.write(file, later, changed.parameters(), moments, null,
                out -> new FilterOutputStream(out) {
                    long written;

                    @Override
                    public void write(int b) throws IOException {
                        if (++written > 1000) {
                            throw new IOException("disk full (simulated)");
                        }
                        super.write(b);
                    }
                }));
        NmtModel b = model(2);
        assertEquals(STATE, Checkpoint.read(file, b.parameters(), moments.dup()));
        assertEquals(a.parameters().values(), b.parameters().values());
        assertTrue(Files.list(dir).allMatch(p -> p.getFileName().toString().equals(Checkpoint.FILE)));
    }

    @Test
    void corruptedOrTruncatedCheckpointIsAClearError() throws IOException {
        NmtModel a = model(1);
        INDArray moments = new AdamOptimizer(a.parameters(), 1e-3, 1).state();
        Path file = dir.resolve(Checkpoint.FILE);
        Checkpoint.write(file, STATE, a.parameters(), moments);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 20] ^= 1;
        Files.write(file, bytes);
        assertTrue(assertThrows(UserError.class, () -> Checkpoint.read(file, a.parameters(), moments))
                .getMessage().endsWith("checksum mismatch, the checkpoint is corrupted"));
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertTrue(assertThrows(UserError.class, () -> Checkpoint.read(file, a.parameters(), moments))
                .getMessage().contains("truncated"));
        NmtModel other = NmtModel.create(new ModelConfig(4, 3, 6, 4, 3, "additive", 0, 0), 11, 13, DataType.FLOAT, 1);
        Checkpoint.write(file, STATE, a.parameters(), moments);
        assertTrue(assertThrows(UserError.class, () -> Checkpoint.read(file, other.parameters(),
                new AdamOptimizer(other.parameters(), 1e-3, 1).state())).getMessage()
                .contains("the config does not match it"));
    }
}
