package org.nmt4j.train;

/** What the trainer tells its user as it goes (the command line draws a progress bar; tests record losses). */
public interface TrainingMonitor {

    /** A line of information (data sizes, resume point, where files went). */
    void message(String line);

    /**
     * While the corpus is prepared: bytes of the training files read so far of {@code total} (-1 when a pipe makes
     * it unknown), and the pairs read.
     */
    default void preparing(long bytes, long total, long pairs) {
    }

    /**
     * After each step: the state, the step's loss and speed, and the fraction of training done by the tightest of
     * the limits (epochs, steps, minutes).
     */
    void stepped(TrainingState state, double loss, double tokensPerSecond, double fractionDone);

    /** After each validation, whether it was the best so far. */
    void validated(TrainingState state, ValidationResult result, boolean best);
}
