package org.nmt4j.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.DropOutInverted;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inverted dropout: during training each unit is zeroed with probability p and the rest are scaled by 1/(1−p), so that
 * inference needs no rescaling. Masks come from the random generator the caller passes, so a seed fixes them.
 */
public final class Dropout {

    private Dropout() {
    }

    /** A mask of the given shape: 0 with probability p, 1/(1−p) otherwise; null when p = 0 or rng is null. */
    public static INDArray mask(DataType dataType, double p, Random rng, long... shape) {
        if (p <= 0 || rng == null) {
            return null;
        }
        INDArray mask = Nd4j.ones(dataType, shape);
        Nd4j.getExecutioner().exec(new DropOutInverted(mask, mask, 1.0 - p), rng);
        return mask;
    }

    /** x ⊙ mask in place (nothing when mask is null). */
    public static INDArray apply(INDArray x, INDArray mask) {
        return mask == null ? x : x.muli(mask);
    }
}
