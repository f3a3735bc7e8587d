package org.nmt4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nmt4j.compute.Scratch;

class ParametersTest {

    private static Parameters twoParameters() {
        return new Parameters.Layout().add("a.W", 2, 3).add("b.b", 4).allocate(DataType.DOUBLE);
    }

    @Test
    void gradientsMadeOnFirstUseAreZeroAndEachParametersViewIsItsSliceOfTheFlatBuffer() {
        Parameters p = twoParameters();
        INDArray w;
        try (MemoryWorkspace ignored = Scratch.open()) { // first use inside a scope: the buffer must outlive it
            w = p.get("a.W").gradient();
        }
        assertArrayEquals(new long[] {2, 3}, w.shape());
        assertEquals(0.0, p.gradients().sumNumber().doubleValue());
        w.putScalar(1, 2, 5.0);
        p.get("b.b").gradient().putScalar(0, 7.0);
        assertEquals(5.0, p.gradients().getDouble(0, 5));
        assertEquals(7.0, p.gradients().getDouble(0, 6));
        assertSame(w, p.get("a.W").gradient(), "the view is made once");
        assertEquals(2.0, p.block("b.b", 2, 2).gradient().length());
        p.zeroGradients();
        assertEquals(0.0, w.sumNumber().doubleValue());
    }

    @Test
    void aReplicaSharesTheValuesButNotTheGradients() {
        Parameters p = twoParameters();
        Parameters replica = p.withOwnGradients();
        replica.get("a.W").gradient().assign(1.0);
        p.get("a.W").value().assign(3.0);
        assertEquals(0.0, p.gradients().sumNumber().doubleValue());
        assertEquals(6.0, replica.gradients().sumNumber().doubleValue());
        assertEquals(18.0, replica.get("a.W").value().sumNumber().doubleValue());
    }
}
