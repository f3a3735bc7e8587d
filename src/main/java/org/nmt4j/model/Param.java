package org.nmt4j.model;

import java.util.function.Supplier;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One named parameter: a view into the model's flat value buffer and the matching view of its gradient buffer. The
 * gradient view is made on first use: a model that only translates never allocates its gradients.
 */
public final class Param {

    private final String name;
    private final INDArray value;
    private final Supplier<INDArray> gradientView;
    private volatile INDArray gradient;

    Param(String name, INDArray value, Supplier<INDArray> gradientView) {
        this.name = name;
        this.value = value;
        this.gradientView = gradientView;
    }

    public String name() {
        return name;
    }

    public INDArray value() {
        return value;
    }

    /** The gradient's view, of the value's shape (the gradient buffer is allocated, zeroed, on first use). */
    public INDArray gradient() {
        INDArray g = gradient;
        if (g == null) {
            g = gradientView.get();
            gradient = g;
        }
        return g;
    }

    @Override
    public String toString() {
        return "Param[" + name + " " + java.util.Arrays.toString(value.shape()) + "]";
    }
}
