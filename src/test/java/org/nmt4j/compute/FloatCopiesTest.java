package org.nmt4j.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class FloatCopiesTest {

    @Test
    void readsViewsInRowMajorOrderWhateverTheirLayout() {
        INDArray x = Nd4j.arange(24).castTo(DataType.FLOAT).reshape(2, 3, 4);
        INDArray permuted = x.permute(1, 0, 2); // [3,2,4]
        assertArrayEquals(permuted.dup('c').reshape(-1).toDoubleVector(), FloatCopies.readDoubles(permuted), 0.0);
        float[] slice = new float[12];
        FloatCopies.read(x.slice(1), slice);
        assertArrayEquals(x.slice(1).dup().reshape(-1).toFloatVector(), slice, 0f);
    }

    @Test
    void writesFloatAndDoubleArraysFromDoubles() {
        double[] values = {1.5, -2, 3.25, 4, 5, 6};
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray out = FloatCopies.ofDoubles(values, type, 2, 3);
            assertArrayEquals(values, out.reshape(-1).toDoubleVector(), 0.0, type.toString());
        }
    }

    @Test
    void addsABlockOfColumnsIntoAMatrix() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray wide = Nd4j.arange(12).castTo(type).reshape(2, 6);
            INDArray into = Nd4j.ones(type, 2, 2);
            FloatCopies.addColumns(wide, 2, into);
            assertArrayEquals(new double[] {3, 4, 9, 10}, into.reshape(-1).toDoubleVector(), 0.0, type.toString());
        }
    }
}
