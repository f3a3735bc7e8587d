package org.nmt4j.model.search;

/**
 * Arrays a search step writes and reads again before it returns (the cell's inputs [N,P] and the deep output
 * [N,O]), reused by the steps of one thread instead of made for each step: a beam step of
 * the reference model would otherwise make 3 MB that die with it, and the collections that follow promote the
 * longer-lived results of a batch sooner. Nothing a step returns may be one of them; each grows to the largest step
 * its thread has run, and its contents are whatever the last step left (callers write before they read).
 */
final class StepBuffers {

    /** What a buffer holds. */
    enum Use { INPUTS, DEEP }

    private static final ThreadLocal<float[][]> BUFFERS =
            ThreadLocal.withInitial(() -> new float[Use.values().length][0]);

    private StepBuffers() {
    }

    /** This thread's buffer for {@code use}, of at least {@code length} floats. */
    static float[] get(Use use, int length) {
        float[][] buffers = BUFFERS.get();
        if (buffers[use.ordinal()].length < length) {
            buffers[use.ordinal()] = new float[length];
        }
        return buffers[use.ordinal()];
    }
}
