package org.nmt4j.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ScratchTest {

    @Test
    void temporariesLiveInTheScopeAndTheNextScopeReusesTheSameMemory() {
        long first;
        try (MemoryWorkspace scratch = Scratch.open()) {
            INDArray x = Nd4j.createUninitialized(DataType.FLOAT, 256, 256);
            assertTrue(x.isAttached(), "a temporary made in the scope lives in the workspace");
            first = x.data().address();
            assertEquals(scratch, Nd4j.getMemoryManager().getCurrentWorkspace());
        }
        assertFalse(Nd4j.getWorkspaceManager().anyWorkspaceActiveForCurrentThread());
        try (MemoryWorkspace ignored = Scratch.open()) {
            INDArray y = Nd4j.createUninitialized(DataType.FLOAT, 256, 256);
            assertEquals(first, y.data().address(), "the next unit of work starts at the same memory");
        }
    }

    @Test
    void aStepScopeInsideAUnitResetsAfterEachStepAndTheUnitsArraysStay() {
        try (MemoryWorkspace unit = Scratch.open()) {
            INDArray kept = Nd4j.createUninitialized(DataType.FLOAT, 64).assign(7);
            long first;
            try (MemoryWorkspace ignored = Scratch.openStep()) { // sizes the step workspace, whatever ran before
                Nd4j.createUninitialized(DataType.FLOAT, 320, 100);
            }
            try (MemoryWorkspace step = Scratch.openStep()) {
                INDArray logits = Nd4j.createUninitialized(DataType.FLOAT, 320, 100);
                assertEquals(step, Nd4j.getMemoryManager().getCurrentWorkspace());
                first = logits.data().address();
                assertThrows(IllegalStateException.class, Scratch::openStep);
            }
            try (MemoryWorkspace ignored = Scratch.openStep()) {
                assertEquals(first, Nd4j.createUninitialized(DataType.FLOAT, 320, 100).data().address(),
                        "each step starts at the same memory: temporaries do not pile up over a batch's steps");
            }
            assertEquals(unit, Nd4j.getMemoryManager().getCurrentWorkspace());
            assertEquals(7.0, kept.getDouble(63), 0.0);
        }
    }

    @Test
    void aScopeInsideAnOpenScopeIsRefused() {
        try (MemoryWorkspace ignored = Scratch.open()) {
            assertThrows(IllegalStateException.class, Scratch::open);
        }
        try (MemoryWorkspace ignored = Scratch.open()) {
            assertTrue(Nd4j.createUninitialized(DataType.FLOAT, 4).isAttached(), "the refusal left the scope usable");
        }
    }
}
