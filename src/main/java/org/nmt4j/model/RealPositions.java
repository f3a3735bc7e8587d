package org.nmt4j.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The real (unpadded) rows among the B·T target positions of a batch. The output layer and the loss run on these
 * rows only: batches grouped by source length leave a quarter or more of the target positions padded, and the
 * vocabulary projection is the largest product of the step.
 */
final class RealPositions {

    private final int[] rows;
    private final long all;
    private final INDArray indices;

    /** mask: [N], 1 at real positions. */
    RealPositions(double[] mask) {
        int count = 0;
        for (double m : mask) {
            count += m != 0 ? 1 : 0;
        }
        rows = new int[count];
        int k = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i] != 0) {
                rows[k++] = i;
            }
        }
        all = mask.length;
        indices = Nd4j.createFromArray(rows);
    }

    int count() {
        return rows.length;
    }

    /** The entries of values at the real positions. */
    int[] select(int[] values) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return out;
    }

    // x: [N,k] -> [n,k]
    INDArray select(INDArray x) {
        INDArray out = Nd4j.createUninitialized(x.dataType(), rows.length, x.size(1));
        Nd4j.exec(DynamicCustomOp.builder("gather").addInputs(x, indices).addOutputs(out).addIntegerArguments(0)
                .build());
        return out;
    }

    // x: [n,k] -> [N,k], zeros at padded positions
    INDArray expand(INDArray x) {
        INDArray out = Nd4j.zeros(x.dataType(), all, x.size(1));
        Nd4j.exec(DynamicCustomOp.builder("scatter_add").addInputs(out, indices, x).addOutputs(out).build());
        return out;
    }
}
