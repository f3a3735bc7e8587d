package org.nmt4j.model;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.DoubleSupplier;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Central finite differences against an analytic gradient, in double precision: for every element x_i of a
 * parameter or input, the five-point central difference
 * (−L(x_i + 2ε) + 8 L(x_i + ε) − 8 L(x_i − ε) + L(x_i − 2ε)) / 12ε, whose error is O(ε⁴), must match the analytic
 * ∂L/∂x_i to a relative error of at most {@link #MAX_RELATIVE_ERROR}; |a| + |n| is floored at {@link #FLOOR}, so
 * gradients below it (tiny) are compared absolutely, to 1e-12.
 */
final class GradientCheck {

    static final double EPSILON = 1e-3;
    static final double MAX_RELATIVE_ERROR = 1e-6;
    static final double FLOOR = 1e-6;

    private GradientCheck() {
    }

    /**
     * Checks every element of {@code value} (perturbed in place and restored) against {@code analytic} (same shape, a
     * copy taken before any perturbation). Returns the number of elements whose gradient was not tiny.
     */
    static int check(String name, INDArray value, INDArray analytic, DoubleSupplier loss) {
        INDArray flatValue = value.reshape(value.length());
        INDArray flatAnalytic = analytic.reshape(analytic.length());
        int significant = 0;
        for (long i = 0; i < flatValue.length(); i++) {
            double original = flatValue.getDouble(i);
            double numeric = (-at(flatValue, i, original + 2 * EPSILON, loss)
                    + 8 * at(flatValue, i, original + EPSILON, loss)
                    - 8 * at(flatValue, i, original - EPSILON, loss)
                    + at(flatValue, i, original - 2 * EPSILON, loss)) / (12 * EPSILON);
            flatValue.putScalar(i, original);
            double a = flatAnalytic.getDouble(i);
            double error = Math.abs(a - numeric) / Math.max(Math.abs(a) + Math.abs(numeric), FLOOR);
            if (error > MAX_RELATIVE_ERROR) {
                fail(String.format("%s[%d]: analytic %.10e, numeric %.10e, relative error %.3e", name, i, a, numeric,
                        error));
            }
            if (Math.abs(a) + Math.abs(numeric) > FLOOR) {
                significant++;
            }
        }
        return significant;
    }

    private static double at(INDArray flatValue, long i, double value, DoubleSupplier loss) {
        flatValue.putScalar(i, value);
        return loss.getAsDouble();
    }
}
