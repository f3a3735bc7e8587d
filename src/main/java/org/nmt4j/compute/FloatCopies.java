package org.nmt4j.compute;

import java.lang.ref.Reference;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Bulk copies between Java float arrays and contiguous float ND4J arrays, for search, which moves a step's small
 * matrices between ND4J's products and its own Java loops. ND4J 1.0.0-M2.1's {@code toFloatVector} and
 * {@code createFromArray} copy element by element in Java; these are one memcpy through an NIO view. An NIO view does
 * not keep its array reachable (a collection during the copy can free the memory under it), so each method keeps
 * the array reachable until its copy is done.
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
        Reference.reachabilityFence(x);
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
        Reference.reachabilityFence(out);
        return out;
    }

    /** The elements of a float or double array in row-major order, as doubles (copied; any layout). */
    public static double[] readDoubles(INDArray x) {
        INDArray c = contiguous(x);
        double[] out = new double[(int) c.length()];
        if (c.dataType() == DataType.DOUBLE) {
            c.data().asNioDouble().get((int) c.offset(), out, 0, out.length);
            Reference.reachabilityFence(c);
        } else {
            float[] values = new float[out.length];
            read(c, values);
            for (int i = 0; i < out.length; i++) {
                out[i] = values[i];
            }
        }
        return out;
    }

    /** A new array of this type and shape holding values (row-major). */
    public static INDArray ofDoubles(double[] values, DataType type, long... shape) {
        INDArray out = Nd4j.createUninitialized(type, shape);
        if (type == DataType.DOUBLE) {
            write(values, out);
        } else {
            float[] narrowed = new float[values.length];
            for (int i = 0; i < values.length; i++) {
                narrowed[i] = (float) values[i];
            }
            write(narrowed, out);
        }
        return out;
    }

    /** Reads a contiguous row-major float array (a view is fine) into values[0, length). */
    public static void read(INDArray x, float[] values) {
        read(x, values, 0);
    }

    /** Reads the elements of a float array (any layout) into values[at, at + length), in row-major order. */
    public static void read(INDArray x, float[] values, int at) {
        INDArray c = contiguous(x);
        c.data().asNioFloat().get((int) c.offset(), values, at, (int) c.length());
        Reference.reachabilityFence(c);
    }

    /** Writes values[0, length) into a contiguous row-major float array (a view is fine). */
    public static void write(float[] values, INDArray x) {
        requireContiguous(x);
        x.data().asNioFloat().put((int) x.offset(), values, 0, (int) x.length());
        Reference.reachabilityFence(x);
    }

    /** Reads a contiguous row-major double array into values[0, length): the double path of the same kernels. */
    public static void read(INDArray x, double[] values) {
        INDArray c = contiguous(x);
        c.data().asNioDouble().get((int) c.offset(), values, 0, (int) c.length());
        Reference.reachabilityFence(c);
    }

    /** Writes values[0, length) into a contiguous row-major double array. */
    public static void write(double[] values, INDArray x) {
        requireContiguous(x);
        x.data().asNioDouble().put((int) x.offset(), values, 0, (int) x.length());
        Reference.reachabilityFence(x);
    }

    /**
     * {@code into[r][c] += from[r][column + c]}: a block of columns of a contiguous row-major matrix added into a
     * contiguous matrix of that many columns (ND4J's add of a strided view is far slower), float or double.
     */
    public static void addColumns(INDArray from, long column, INDArray into) {
        requireContiguous(from);
        requireContiguous(into);
        int rows = (int) into.size(0);
        int width = (int) into.size(1);
        int stride = (int) from.size(1);
        int at = (int) from.offset() + (int) column;
        int to = (int) into.offset();
        if (into.dataType() == DataType.DOUBLE) {
            java.nio.DoubleBuffer source = from.data().asNioDouble();
            java.nio.DoubleBuffer target = into.data().asNioDouble();
            double[] a = new double[width];
            double[] b = new double[width];
            for (int r = 0; r < rows; r++) {
                source.get(at + r * stride, a, 0, width);
                target.get(to + r * width, b, 0, width);
                for (int c = 0; c < width; c++) {
                    b[c] += a[c];
                }
                target.put(to + r * width, b, 0, width);
            }
            Reference.reachabilityFence(from);
            Reference.reachabilityFence(into);
            return;
        }
        java.nio.FloatBuffer source = from.data().asNioFloat();
        java.nio.FloatBuffer target = into.data().asNioFloat();
        float[] a = new float[width];
        float[] b = new float[width];
        for (int r = 0; r < rows; r++) {
            source.get(at + r * stride, a, 0, width);
            target.get(to + r * width, b, 0, width);
            for (int c = 0; c < width; c++) {
                b[c] += a[c];
            }
            target.put(to + r * width, b, 0, width);
        }
        Reference.reachabilityFence(from);
        Reference.reachabilityFence(into);
    }

    // row-major and dense, judged by the strides themselves (views of permuted arrays can claim an element stride 1)
    private static boolean isContiguous(INDArray x) {
        long[] shape = x.shape();
        long[] stride = x.stride();
        long expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && stride[i] != expected) {
                return false;
            }
            expected *= shape[i];
        }
        return true;
    }

    private static INDArray contiguous(INDArray x) {
        return isContiguous(x) ? x : x.dup('c');
    }

    private static void requireContiguous(INDArray x) {
        if (!isContiguous(x)) {
            throw new IllegalArgumentException("not a contiguous row-major array: " + x.shapeInfoToString());
        }
    }
}
