package org.nmt4j.spark.train;

import org.nmt4j.train.TrainingMonitor;
import org.nmt4j.train.TrainingState;
import org.nmt4j.train.ValidationResult;

/**
 * What a Spark training tells its user, a line at a time on standard error (a driver's output goes to a log more
 * often than to a terminal): the trainer's messages, every {@code logEvery}-th step and each validation.
 */
public final class TrainingLines implements TrainingMonitor {

    private final int logEvery;

    public TrainingLines(int logEvery) {
        this.logEvery = logEvery;
    }

    @Override
    public void message(String line) {
        System.err.println(line);
    }

    @Override
    public void stepped(TrainingState state, double loss, double tokensPerSecond, double done) {
        if (state.step() % logEvery == 0) {
            System.err.printf("step %d | epoch %d | loss %.3f | %,.0f tok/s | %.0f%%%n", state.step(),
                    state.epoch() + 1, loss, tokensPerSecond, 100 * done);
        }
    }

    @Override
    public void validated(TrainingState state, ValidationResult r, boolean best) {
        System.err.printf("step %d: validation loss %.3f, ppl %.2f, BLEU %.2f, chrF2 %.2f%s%n", state.step(),
                r.loss(), r.perplexity(), r.bleu(), r.chrf(), best ? " (best so far)" : "");
    }
}
