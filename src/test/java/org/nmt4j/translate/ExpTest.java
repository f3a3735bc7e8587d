package org.nmt4j.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExpTest {

    @Test
    void agreesWithMathExpToThreeTenMillionthsOverTheSearchRange() {
        double worst = 0;
        for (int i = 0; i <= 1_000_000; i++) {
            float x = -87f * i / 1_000_000;
            double exact = Math.exp(x);
            worst = Math.max(worst, Math.abs(Exp.of(x) - exact) / exact);
        }
        assertTrue(worst < 3e-7, "worst relative error " + worst);
    }

    @Test
    void underflowAndEdgesAreExact() {
        assertEquals(1f, Exp.of(0f));
        assertEquals(0f, Exp.of(Float.NEGATIVE_INFINITY));
        assertEquals(0f, Exp.of(-100f));
    }
}
