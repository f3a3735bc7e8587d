package org.nmt4j.compute;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Scratch memory for the ND4J temporaries of one unit of work (a training step, a validation batch, a decoding
 * batch): an ND4J workspace that is reset when the scope closes and reused by the next unit, so off-heap memory stays
 * flat instead of waiting for the garbage collector. Nothing allocated inside may outlive the scope (copy results
 * out). Every kind of work shares one workspace per thread, so a thread's scratch memory is the largest unit's, not
 * the sum over the kinds it ever ran (training's final validation kept a workspace of its own beside training's);
 * scopes therefore never nest.
 */
public final class Scratch {

    private static final String NAME = "NMT4J_SCRATCH";
    private static final String STEP = "NMT4J_STEP";

    private static final WorkspaceConfiguration CONFIGURATION = WorkspaceConfiguration.builder()
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .overallocationLimit(0.0) // training sizes it on its largest shards first; 0.3 kept 52 MB a thread unused
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policySpill(SpillPolicy.REALLOCATE)
            .build();

    private Scratch() {
    }

    /**
     * Opens this thread's scratch workspace for a try-with-resources scope.
     *
     * @throws IllegalStateException if a scope is already open on this thread (closing the inner one would reset the
     *                               outer one's arrays)
     */
    public static MemoryWorkspace open() {
        return activate(NAME, "a scratch scope");
    }

    /**
     * Opens this thread's workspace for one step of a unit of work (a decoder step of a search), inside its scope:
     * a step's temporaries (a beam's logits are [5B,V]) are then reset after each step instead of piling up over the
     * batch's 50 steps. What outlives the step must be copied out (search keeps Java arrays).
     *
     * @throws IllegalStateException if a step scope is already open on this thread
     */
    public static MemoryWorkspace openStep() {
        return activate(STEP, "a step scope");
    }

    private static MemoryWorkspace activate(String name, String what) {
        if (Nd4j.getWorkspaceManager().checkIfWorkspaceExistsAndActive(name)) {
            throw new IllegalStateException(what + " is already open on this thread");
        }
        return Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIGURATION, name);
    }
}
