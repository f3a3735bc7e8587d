package org.nmt4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.opentest4j.AssertionFailedError;

/** The checkers that every gradient test relies on reject what they must. */
class GradientCheckTest {

    private final LayerFixture fixture = new LayerFixture(9);

    // L = Σ x³, ∂L/∂x = 3x²
    private static double cubes(INDArray x) {
        return x.mul(x).muli(x).sumNumber().doubleValue();
    }

    @Test
    void acceptsTheRightGradientAndRejectsOneWrongElement() {
        INDArray x = fixture.uniform(3, 4);
        INDArray right = x.mul(x).muli(3);
        assertEquals(12, GradientCheck.check("x", x, right, () -> cubes(x)));
        INDArray wrong = right.dup();
        wrong.putScalar(1, 2, wrong.getDouble(1, 2) * (1 + 1e-4));
        AssertionFailedError error = assertThrows(AssertionFailedError.class,
                () -> GradientCheck.check("x", x, wrong, () -> cubes(x)));
        assertTrue(error.getMessage().startsWith("x[6]:"), error.getMessage());
    }

    @Test
    void layerCheckFailsAParameterTheForwardIgnores() {
        Parameters parameters = fixture.parameters(new Parameters.Layout().add("used", 2, 2).add("ignored", 3));
        INDArray w = parameters.get("used").value();
        Runnable backward = () -> parameters.get("used").gradient().addi(w.mul(w).muli(3));
        AssertionFailedError error = assertThrows(AssertionFailedError.class,
                () -> LayerFixture.checkParameters(parameters, backward, () -> cubes(w)));
        assertTrue(error.getMessage().startsWith("ignored:"), error.getMessage());
        LayerFixture.checkParameters(parameters, name -> name.equals("used"), backward, () -> cubes(w));
    }
}
