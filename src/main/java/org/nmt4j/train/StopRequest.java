package org.nmt4j.train;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A request to stop training after the current step and save a checkpoint: Ctrl-C (SIGINT) or SIGTERM once
 * {@link #onSignals()} is installed, or {@link #request()} from code. The signal's shutdown hook waits for the
 * trainer to save before the JVM exits.
 */
public final class StopRequest {

    private final AtomicBoolean requested = new AtomicBoolean();
    private final CountDownLatch saved = new CountDownLatch(1);

    public void request() {
        requested.set(true);
    }

    public boolean requested() {
        return requested.get();
    }

    /** Called by the trainer when it has stopped and saved (or finished). */
    void done() {
        saved.countDown();
    }

    /** Installs a shutdown hook: a signal requests a stop and waits (up to 10 minutes) for the checkpoint. */
    public StopRequest onSignals() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (saved.getCount() > 0) {
                request();
                System.err.println("\nnmt4j: stopping after this step and saving a checkpoint ...");
                try {
                    saved.await(10, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "nmt4j-stop"));
        return this;
    }
}
