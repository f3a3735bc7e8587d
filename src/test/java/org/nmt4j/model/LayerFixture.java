package org.nmt4j.model;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.Predicate;
import java.util.function.Supplier;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Helpers for layer gradient tests: random double tensors, and a scalar loss L = Σ out ⊙ R with a fixed random R, so
 * that ∂L/∂out = R.
 */
final class LayerFixture {

    private final org.nd4j.linalg.api.rng.Random random;

    LayerFixture(long seed) {
        random = Nd4j.getRandomFactory().getNewRandomInstance(seed);
    }

    INDArray uniform(long... shape) {
        INDArray out = Nd4j.create(DataType.DOUBLE, shape);
        Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.random.impl.UniformDistribution(out, -1, 1), random);
        return out;
    }

    /** Parameters with the given layout, filled uniformly in [−0.5, 0.5]. */
    Parameters parameters(Parameters.Layout layout) {
        Parameters parameters = layout.allocate(DataType.DOUBLE);
        parameters.values().assign(uniform(parameters.values().shape()).muli(0.5));
        return parameters;
    }

    /** L = Σ out ⊙ weights. */
    static double weightedSum(INDArray out, INDArray weights) {
        return out.mul(weights).sumNumber().doubleValue();
    }

    /** Checks every parameter of the set against the loss; the analytic gradients are taken first. */
    static void checkParameters(Parameters parameters, Runnable backward, Supplier<Double> loss) {
        checkParameters(parameters, name -> true, backward, loss);
    }

    /**
     * Checks the parameters whose names pass the filter. A parameter whose gradient is insignificant at every
     * element fails too: a parameter the forward pass ignores must not pass as 0 = 0.
     */
    static void checkParameters(Parameters parameters, Predicate<String> which, Runnable backward,
                                Supplier<Double> loss) {
        parameters.zeroGradients();
        backward.run();
        INDArray analytic = parameters.gradients().dup();
        long offset = 0;
        for (Param p : parameters.all()) {
            long n = p.value().length();
            INDArray g = analytic.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(offset, offset + n)).reshape(p.value().shape());
            offset += n;
            if (which.test(p.name()) && GradientCheck.check(p.name(), p.value(), g, loss::get) == 0) {
                fail(p.name() + ": the gradient is insignificant at every element (does the forward pass use it?)");
            }
        }
    }
}
