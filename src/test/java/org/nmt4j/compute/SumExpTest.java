package org.nmt4j.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class SumExpTest {

    @Test
    void eachTermIsWithinTenMillionthsOfMathExp() {
        double worst = 0;
        for (int i = 0; i <= 200_000; i++) {
            float x = -31.99f * i / 200_000;
            double exact = Math.exp(x);
            worst = Math.max(worst, Math.abs(SumExp.of(new float[] {x}, 1, 0f) - exact) / exact);
        }
        assertTrue(worst < 1e-5, "worst relative error " + worst);
        assertEquals(1f, SumExp.of(new float[] {3f}, 1, 3f));
    }

    @Test
    void aRowOfLogitsSumsAsInDoublePrecision() {
        Random random = new Random(7);
        float[] row = new float[5898]; // more than one block, not a multiple of eight
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < row.length; i++) {
            row[i] = (float) (random.nextGaussian() * 4);
            max = Math.max(max, row[i]);
        }
        row[0] = Float.NEGATIVE_INFINITY; // a token search never proposes
        double exact = 0;
        for (float x : row) {
            exact += Math.exp(x - max);
        }
        assertEquals(exact, SumExp.of(row, row.length, max), exact * 5e-6);
    }
}
