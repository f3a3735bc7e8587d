package org.nmt4j.compute;

import java.lang.ref.Reference;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.BroadcastOp;
import org.nd4j.linalg.api.ops.ReduceOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastCopyOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastDivOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.api.ops.impl.reduce.same.Max;
import org.nd4j.linalg.api.ops.impl.reduce.same.Sum;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J's broadcasts of a row or column vector and its reductions over dimensions, run so that the op stays reachable
 * until its native call has returned. Everything in nmt4j that broadcasts or reduces along a dimension goes through
 * here, never through {@code INDArray.addiRowVector}, {@code sum(int...)}, {@code Broadcast.*} and their kin.
 *
 * <p>Why: ND4J 1.0.0-M2.1's executioner takes the native buffers out of an op (its operands and the dimension array
 * the op owns) and then no longer refers to the op while the native call runs. A garbage collection in that window
 * (caused by any other thread allocating) can find the op, its dimension array and any temporary operand unreachable;
 * ND4J's deallocator thread then frees their native buffers under the running op and the JVM dies with SIGSEGV in
 * {@code sd::DataBuffer::primary()}. Training on two threads met it once in a few thousand steps; two threads that
 * each run {@code addiRowVector} on a 16×64 array while allocating, with an 8 MB young generation, meet it in under a
 * minute, and run for minutes without it through these methods. A reachability fence after the call closes the window.
 */
public final class NdOps {

    private NdOps() {
    }

    /** x[i,:] += row for every i; x [N,V], row of V elements (any shape). In place; returns x. */
    public static INDArray addRowVector(INDArray x, INDArray row) {
        return broadcast(new BroadcastAddOp(x, flat(row), x, 1));
    }

    /** x[i,:] /= row for every i; x [N,V], row of V elements. In place; returns x. */
    public static INDArray divRowVector(INDArray x, INDArray row) {
        return broadcast(new BroadcastDivOp(x, flat(row), x, 1));
    }

    /** x[:,j] -= column for every j; x [N,V], column of N elements (any shape). In place; returns x. */
    public static INDArray subColumnVector(INDArray x, INDArray column) {
        return broadcast(new BroadcastSubOp(x, flat(column), x, 0));
    }

    /** x[:,j] /= column for every j; x [N,V], column of N elements. In place; returns x. */
    public static INDArray divColumnVector(INDArray x, INDArray column) {
        return broadcast(new BroadcastDivOp(x, flat(column), x, 0));
    }

    /** x[:,j] *= column for every j; x [N,V], column of N elements. In place; returns x. */
    public static INDArray mulColumnVector(INDArray x, INDArray column) {
        return broadcast(new BroadcastMulOp(x, flat(column), x, 0));
    }

    /**
     * x[r,:] *= scale[r] for every row r of a 2-D x, in place; returns x. Each scale is rounded to x's type first, as
     * {@link #mulColumnVector} would. A dense row-major float or double x is scaled a row at a time in Java: ND4J's
     * broadcast along the rows walks the columns (13.4 ms on [900,5898] floats, 7.8 ms on [320,2048]).
     */
    public static INDArray scaleRows(INDArray x, double[] scale) {
        boolean dense = x.rank() == 2 && x.ordering() == 'c' && x.elementWiseStride() == 1;
        int n = (int) x.size(0);
        int width = (int) x.size(1);
        if (dense && x.dataType() == org.nd4j.linalg.api.buffer.DataType.FLOAT) {
            java.nio.FloatBuffer values = x.data().asNioFloat();
            float[] row = new float[width];
            for (int r = 0; r < n; r++) {
                int at = (int) x.offset() + r * width;
                values.get(at, row, 0, width);
                float by = (float) scale[r];
                for (int j = 0; j < width; j++) {
                    row[j] *= by;
                }
                values.put(at, row, 0, width);
            }
        } else if (dense && x.dataType() == org.nd4j.linalg.api.buffer.DataType.DOUBLE) {
            java.nio.DoubleBuffer values = x.data().asNioDouble();
            double[] row = new double[width];
            for (int r = 0; r < n; r++) {
                int at = (int) x.offset() + r * width;
                values.get(at, row, 0, width);
                for (int j = 0; j < width; j++) {
                    row[j] *= scale[r];
                }
                values.put(at, row, 0, width);
            }
        } else {
            return mulColumnVector(x, Nd4j.createFromArray(scale).castTo(x.dataType()));
        }
        Reference.reachabilityFence(x);
        return x;
    }

    /** z = x ⊙ y, y spread along the given dimensions of x (its shape is x's shape at those dimensions). */
    public static INDArray broadcastMul(INDArray x, INDArray y, INDArray z, int... dimensions) {
        return broadcast(new BroadcastMulOp(x, y, z, dimensions));
    }

    /** z = y spread along the given dimensions of x's shape. */
    public static INDArray broadcastCopy(INDArray x, INDArray y, INDArray z, int... dimensions) {
        return broadcast(new BroadcastCopyOp(x, y, z, dimensions));
    }

    /** The sum over the given dimensions, which are dropped from the shape. */
    public static INDArray sum(INDArray x, int... dimensions) {
        return reduce(new Sum(x, dimensions));
    }

    /** The sum over the given dimensions, which stay in the shape with size 1. */
    public static INDArray sumKeepingDimensions(INDArray x, int... dimensions) {
        return reduce(new Sum(x, true, dimensions));
    }

    /**
     * The column sums of a matrix [n,c], as [1,c]: one product with a row of ones (BLAS reads the matrix once, row
     * by row; ND4J's reduction along dimension 0 walks it column by column, several times slower on a training
     * step's [T·B,3H] gradients).
     */
    public static INDArray columnSums(INDArray x) {
        INDArray ones = Nd4j.ones(x.dataType(), 1, x.size(0));
        INDArray sums = Nd4j.createUninitialized(x.dataType(), 1, x.size(1));
        Nd4j.gemm(ones, x, sums, false, false, 1.0, 0.0);
        return sums;
    }

    /** The maximum over the given dimensions, which are dropped from the shape. */
    public static INDArray max(INDArray x, int... dimensions) {
        return reduce(new Max(x, dimensions));
    }

    // a vector's elements as a rank-1 array (a view where possible), whatever its shape
    private static INDArray flat(INDArray vector) {
        return vector.rank() == 1 ? vector : vector.reshape(vector.length());
    }

    // two typed runners, not one exec(Op): ND4J's exec(Op) returns null for a reduction (OutputLayerTest fails)
    private static INDArray broadcast(BroadcastOp op) {
        try {
            return Nd4j.getExecutioner().exec(op);
        } finally {
            Reference.reachabilityFence(op);
        }
    }

    private static INDArray reduce(ReduceOp op) {
        try {
            return Nd4j.getExecutioner().exec(op);
        } finally {
            Reference.reachabilityFence(op);
        }
    }
}
