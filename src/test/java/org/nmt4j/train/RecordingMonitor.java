package org.nmt4j.train;

import java.util.ArrayList;
import java.util.List;

/** A training monitor for tests: it records losses, validations and messages, and requests a stop after a step. */
public final class RecordingMonitor implements TrainingMonitor {

    public final List<Double> losses = new ArrayList<>();
    public final List<ValidationResult> validations = new ArrayList<>();
    public final List<String> messages = new ArrayList<>();
    public final StopRequest stop = new StopRequest();
    /** The step after which to request a stop (-1: never). */
    public long stopAt = -1;

    @Override
    public void message(String line) {
        messages.add(line);
    }

    @Override
    public void stepped(TrainingState state, double loss, double tokensPerSecond, double fractionDone) {
        losses.add(loss);
        if (state.step() == stopAt) {
            stop.request();
        }
    }

    /** Trains {@code config} to its end, or until a stop requested after step {@code stopAt} (-1: never). */
    public static RecordingMonitor train(org.nmt4j.config.ExperimentConfig config, long stopAt)
            throws java.io.IOException {
        RecordingMonitor recorder = new RecordingMonitor();
        recorder.stopAt = stopAt;
        new Trainer(config, recorder, recorder.stop).run();
        return recorder;
    }

    /** The progress of preparing a corpus, as messages recorded here. */
    public org.nmt4j.data.CorpusPreparation.Progress progress() {
        return new org.nmt4j.data.CorpusPreparation.Progress() {
            @Override
            public void read(long bytes, long total, long pairs) {
            }

            @Override
            public void message(String line) {
                messages.add(line);
            }
        };
    }

    @Override
    public void validated(TrainingState state, ValidationResult result, boolean best) {
        validations.add(result);
    }
}
