package org.nmt4j.compute;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Bulk copies between Java float arrays and contiguous float ND4J arrays, for search, which moves a step's small
 * matrices between ND4J's products and its own Java loops. ND4J 1.0.0-M2.1's {@code toFloatVector} and
 * {@code createFromArray} copy element by element in Java; these are one memcpy through an NIO view.
 */
public final class FloatCopies {

    private FloatCopies() {
    }

    /** The elements of a float array in row-major order (copied; any layout). */
    public static float[] read(INDArray x) {
        if (x.dataType() != DataType.FLOAT || x.ordering() != 'c' || x.elementWiseStride() != 1) {
            return x.castTo(DataType.FLOAT).dup('c').reshape(-1).toFloatVector();
        }
        float[] out = new float[(int) x.length()];
        x.data().asNioFloat().get((int) x.offset(), out, 0, out.length);
        return out;
    }

    /** A contiguous float copy of x (of any type and layout), as an ND4J array: weights laid out for search. */
    public static INDArray array(INDArray x) {
        return x.dataType() == DataType.FLOAT ? x.dup('c') : x.castTo(DataType.FLOAT).dup('c');
    }

    /** A new float array of this shape holding values (row-major). */
    public static INDArray of(float[] values, long... shape) {
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, shape);
        out.data().asNioFloat().put((int) out.offset(), values, 0, (int) out.length());
        return out;
    }
}
