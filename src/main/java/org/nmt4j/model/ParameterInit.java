package org.nmt4j.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Seeded initialisation, PyTorch's defaults (so the reference configuration starts like the yardstick): embeddings
 * N(0, 1) with the {@code <pad>} row zero; GRU weights and biases U(−1/√H, 1/√H); every other weight and bias
 * U(−1/√fan_in, 1/√fan_in). Parameters are filled in layout order from one generator, so a seed fixes all of them.
 */
final class ParameterInit {

    private final Random random;

    ParameterInit(long seed) {
        this.random = Nd4j.getRandomFactory().getNewRandomInstance(seed);
    }

    void embedding(Parameters parameters, Param p) {
        Nd4j.getExecutioner().exec(new GaussianDistribution(p.value(), 0.0, 1.0), random);
        parameters.block(p.name(), 0, p.value().size(1)).value().assign(0); // the <pad> row
    }

    void uniform(Param p, long fanIn) {
        double bound = 1.0 / Math.sqrt(fanIn);
        INDArray value = p.value();
        Nd4j.getExecutioner().exec(new UniformDistribution(value, -bound, bound), random);
    }
}
