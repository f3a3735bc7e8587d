package org.nmt4j.model.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ParameterFileTest {

    @Test
    void valuesAreWrittenLittleEndianInRowMajorOrderAcrossBlocksAndViews() throws IOException {
        // more than one 1 MB block of floats, and a transposed double view
        INDArray floats = Nd4j.rand(DataType.FLOAT, 700, 1000);
        INDArray doubles = Nd4j.rand(DataType.DOUBLE, 30, 20).transpose();
        for (INDArray values : new INDArray[] {floats, doubles, floats.get(
                org.nd4j.linalg.indexing.NDArrayIndex.interval(100, 400))}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            CRC32 crc = new CRC32();
            ParameterFile.writeValues(values, out, crc);
            double[] expected = values.dup('c').reshape(-1).toDoubleVector();
            boolean isDouble = values.dataType() == DataType.DOUBLE;
            ByteBuffer bytes = ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(expected.length * (isDouble ? 8 : 4), bytes.capacity());
            double[] read = new double[expected.length];
            for (int i = 0; i < read.length; i++) {
                read[i] = isDouble ? bytes.getDouble() : bytes.getFloat();
            }
            assertArrayEquals(expected, read, 0.0);
            CRC32 whole = new CRC32();
            whole.update(out.toByteArray());
            assertEquals(whole.getValue(), crc.getValue(), "the checksum covers exactly the bytes written");
        }
    }
}
