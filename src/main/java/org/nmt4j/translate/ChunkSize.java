package org.nmt4j.translate;

/**
 * How many input lines streaming translation (and alignment) reads, translates and writes at a time: whole batches
 * for every thread, as many as about half a second of work, from one to {@link #MOST_BATCHES} batches per thread.
 *
 * <p>Why time: a chunk's lines, pieces and results (with their attention matrices, a few kB a sentence) live until
 * the whole chunk is written, because its batches run sorted by length, not in input order. A chunk that takes
 * seconds outlives the young collections the launcher's collector gives an object before moving it to the old
 * generation (15), so every chunk's results are promoted and die there: the old generation fills with them, is
 * collected only when full, and the process's resident memory grows with the run (reference model, greedy, 100,000
 * lines: 2,048-line chunks of 2.7 s, 569 MB peak with a full collection every 12 s; 512-line chunks of 0.7 s, 511 MB
 * and none, the same output). Larger chunks only sort more lines by length (less padding); past a few batches
 * per thread that gains little.
 */
public final class ChunkSize {

    /** The work a chunk should take. */
    static final double TARGET_SECONDS = 0.5;

    /** The most batches per thread in a chunk. */
    static final int MOST_BATCHES = 16;

    private final int unit;
    private final boolean interactive;
    private int lines;

    private ChunkSize(int unit, boolean interactive) {
        this.unit = unit;
        this.interactive = interactive;
        this.lines = unit;
    }

    /** Chunks of whole batches of batchSize lines for each of threads threads, starting with one batch each. */
    public static ChunkSize of(int batchSize, int threads) {
        if (batchSize < 1 || threads < 1) {
            throw new IllegalArgumentException("batch size and threads must be at least 1");
        }
        return new ChunkSize(batchSize * threads, false);
    }

    /** One line at a time: a person typing sees each translation at once. */
    public static ChunkSize interactive() {
        return new ChunkSize(1, true);
    }

    /** The lines of the next chunk. */
    public int lines() {
        return lines;
    }

    /** A chunk of count lines took seconds: sizes the next one from that pace. */
    public void took(int count, double seconds) {
        if (interactive || count < unit) {
            return; // a short last chunk says little about the pace
        }
        double perSecond = count / Math.max(seconds, 1e-6);
        long batches = (long) Math.floor(perSecond * TARGET_SECONDS / unit);
        lines = unit * (int) Math.max(1, Math.min(MOST_BATCHES, batches));
    }
}
