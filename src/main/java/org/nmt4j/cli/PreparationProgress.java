package org.nmt4j.cli;

/**
 * How far the preparation of a training corpus is: a progress bar over the input's megabytes, with pairs and
 * pairs/s (periodic lines when stderr is not a terminal); for a pipe, whose size is unknown, a line every 10 s.
 */
final class PreparationProgress {

    private final long startNanos = System.nanoTime();
    private ProgressBar bar;
    private long lastLineNanos = startNanos;

    void update(long bytes, long total, long pairs) {
        long now = System.nanoTime();
        double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
        String figures = String.format("%,d pairs, %,.0f pairs/s", pairs, pairs / seconds);
        if (total > 0) {
            if (bar == null) {
                bar = new ProgressBar("prepare (MB)", Math.max(1, total >> 20));
            }
            bar.update(Math.min(bytes, total) >> 20, figures);
        } else if (now - lastLineNanos >= 10_000_000_000L) {
            lastLineNanos = now;
            System.err.printf("prepare: %,d MB read, %s%n", bytes >> 20, figures);
        }
    }
}
