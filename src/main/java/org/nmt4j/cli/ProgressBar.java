package org.nmt4j.cli;

import java.io.PrintStream;
import java.time.Duration;

/**
 * A progress bar on stderr: {@code label [#####-----] 50% 5000/10000 0:12 elapsed, eta 0:12 | extra}. On a terminal it
 * redraws one line at most ten times a second; into a file or pipe it writes a line every 10 %.
 */
public final class ProgressBar {

    private static final int WIDTH = 30;

    private final String label;
    private long total;
    private final PrintStream out;
    private final boolean terminal;
    private final long startNanos = System.nanoTime();
    private long lastDrawNanos;
    private int lastDecile;

    public ProgressBar(String label, long total) {
        this(label, total, System.err, System.console() != null);
    }

    ProgressBar(String label, long total, PrintStream out, boolean terminal) {
        this.label = label;
        this.total = Math.max(1, total);
        this.out = out;
        this.terminal = terminal;
    }

    /** Changes the total (an estimate that improves as work goes on, e.g. steps within a time limit). */
    public void setTotal(long total) {
        this.total = Math.max(1, total);
    }

    /** Prints a line of its own above the bar. */
    public void println(String line) {
        out.println(terminal ? "\r" + line + "\u001b[K" : line);
        lastDrawNanos = 0;
        out.flush();
    }

    public void update(long done) {
        update(done, "");
    }

    /** Shows {@code done} of the total, with extra figures (loss, speed) after the bar. */
    public void update(long done, String extra) {
        long now = System.nanoTime();
        boolean finished = done >= total;
        if (terminal) {
            if (!finished && now - lastDrawNanos < 100_000_000L) {
                return;
            }
            lastDrawNanos = now;
            out.print("\r" + render(done, now, extra) + "\u001b[K");
            if (finished) {
                out.println();
            }
        } else {
            int decile = (int) (10 * Math.min(done, total) / total);
            if (decile > lastDecile) {
                lastDecile = decile;
                out.println(render(done, now, extra));
            }
        }
        out.flush();
    }

    String render(long done, long nowNanos, String extra) {
        double fraction = Math.min(1.0, (double) done / total);
        int filled = (int) Math.round(fraction * WIDTH);
        double elapsed = (nowNanos - startNanos) / 1e9;
        String eta = done > 0 ? clock(elapsed * (total - done) / done) : "?";
        return String.format("%s [%s%s] %3d%% %d/%d %s elapsed, eta %s%s", label, "#".repeat(filled),
                "-".repeat(WIDTH - filled), Math.round(fraction * 100), done, total, clock(elapsed), eta,
                extra.isEmpty() ? "" : " | " + extra);
    }

    static String clock(double seconds) {
        Duration d = Duration.ofSeconds(Math.round(seconds));
        return d.toHours() > 0 ? String.format("%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart())
                : String.format("%d:%02d", d.toMinutesPart(), d.toSecondsPart());
    }
}
