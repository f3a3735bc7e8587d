package org.nmt4j.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.nd4j.linalg.api.buffer.DataType;
import org.nmt4j.io.UserError;
import org.nmt4j.compute.NativeThreads;
import org.nmt4j.data.EpochBatches;
import org.nmt4j.config.ExperimentConfig;
import org.nmt4j.config.TrainingConfig;
import org.nmt4j.model.NmtModel;
import org.nmt4j.model.io.ModelFolder;

/**
 * The training loop of {@code nmt4j train}: batches in a seeded order, a {@link TrainingStep} per batch, a log row
 * every {@code log_every} steps, validation (and a checkpoint) every {@code every_steps} steps or each epoch, the
 * best parameters kept as the model folder's {@code parameters.bin}, learning-rate decay on a plateau and early
 * stopping, until a limit is reached or a stop is requested. A model folder that holds a checkpoint is resumed
 * exactly where it stopped.
 */
public final class Trainer {

    private final ExperimentConfig config;
    private final TrainingMonitor monitor;
    private final StopRequest stop;
    private final Path folder;
    private final BatchRunner.Factory runners;

    private TrainingData data;
    private NmtModel model;
    private AdamOptimizer optimizer;
    private ParameterSmoothing smoothing; // null: training.exponential_smoothing is 0
    private KeptParameters kept;          // null: training.keep_checkpoints is 0
    private Validator validator;
    private TrainingLog log;
    private TrainingState state;
    private ValidationResult lastValidation;
    private BatchRunner runner;

    public Trainer(ExperimentConfig config, TrainingMonitor monitor, StopRequest stop) {
        this(config, monitor, stop, BatchRunner.Local::new);
    }

    /** A trainer whose batches {@code runners} run (a cluster's rounds, say), with everything else as here. */
    public Trainer(ExperimentConfig config, TrainingMonitor monitor, StopRequest stop, BatchRunner.Factory runners) {
        org.nmt4j.model.ModelVariants.check(config.model(), config.origin());
        String unsupported = TrainingStep.precision(config.training()).unsupportedReason();
        if (unsupported != null) {
            throw new UserError(config.origin() + ": training.precision: " + unsupported);
        }
        this.config = config;
        this.monitor = monitor;
        this.stop = stop;
        this.folder = config.folder();
        this.runners = runners;
    }

    /** How training ended. */
    public record Outcome(TrainingState state, double epochs, String reason, ValidationResult lastValidation) {
    }

    public Outcome run() throws IOException {
        NativeThreads.apply(); // the thread policy of every nmt4j entry point: its own threads, ND4J's set to one
        try {
            return train();
        } finally {
            stop.done();
        }
    }

    /**
     * Prepares the corpora into the model folder without training ({@link FolderPreparation}), as a training run
     * starts.
     */
    public TrainingData prepare() throws IOException {
        return FolderPreparation.prepare(config, monitor);
    }

    private Outcome train() throws IOException {
        Path checkpoint = folder.resolve(Checkpoint.FILE);
        boolean resume = Files.isRegularFile(checkpoint);
        data = prepare();
        TrainingConfig t = config.training();
        model = NmtModel.create(config.model(), data.sourceVocabulary().size(), data.targetVocabulary().size(),
                DataType.FLOAT, t.seed());
        optimizer = new AdamOptimizer(model.parameters(), t.learningRate(), t.clipNorm());
        optimizer.setThreads(t.workThreads());
        smoothing = t.exponentialSmoothing() > 0 ? new ParameterSmoothing(model.parameters(), t.exponentialSmoothing(),
                t.smoothingReferenceTokens()) : null;
        kept = t.keepCheckpoints() > 0 ? new KeptParameters(folder, t.keepCheckpoints()) : null;
        runner = runners.create(config, data, model, optimizer);
        if (resume) {
            state = Checkpoint.read(checkpoint, model.parameters(), optimizer.state(),
                    smoothing == null ? null : smoothing.values());
            optimizer.setLearningRate(state.learningRate());
            optimizer.setIteration(runner.iterationAt(state.step()));
            monitor.message("resuming " + folder + " at step " + state.step() + " (epoch " + (state.epoch() + 1)
                    + ")");
        } else {
            state = TrainingState.start(t.learningRate());
        }
        config.save(folder.resolve(ModelFolder.CONFIG));
        monitor.message(String.format("model: %,d parameters; %,d training pairs", model.parameters().size(),
                data.train().size()));
        validator = data.valid().isEmpty() ? null : new Validator(config, data);
        log = new TrainingLog(folder);
        log.open(state.step());
        return loop();
    }

    private Outcome loop() throws IOException {
        TrainingConfig t = config.training();
        EpochBatches batches = data.epoch(config, state.epoch());
        runner.reserve(batches);
        long startNanos = System.nanoTime();
        double startSeconds = state.trainSeconds();
        long lastValidatedStep = state.step();
        String reason = null;
        int every = config.validation().everySteps();
        while (reason == null) {
            if (state.batchInEpoch() >= batches.size()) {
                state = state.nextEpoch();
                if (every == 0) {
                    validateAndSave(batches.size());
                    lastValidatedStep = state.step();
                }
                reason = limitReached();
                if (reason != null) {
                    break;
                }
                batches = data.epoch(config, state.epoch());
            }
            // the batches up to the epoch's end, the next validation and max_steps: a runner of rounds stops there
            int limit = batches.size() - state.batchInEpoch();
            if (every > 0) {
                limit = (int) Math.min(limit, every - state.step() % every);
            }
            if (t.maxSteps() > 0) {
                limit = (int) Math.max(1, Math.min(limit, t.maxSteps() - state.step()));
            }
            BatchRunner.Ran ran = runner.run(batches.get(state.batchInEpoch(), Math.min(limit,
                    runner.batchesPerRun())), state.step(), limit);
            double seconds = ran.seconds() / ran.results().size();
            for (TrainingStep.Result result : ran.results()) {
                if (!Double.isFinite(result.loss())) {
                    throw new UserError("training stopped at step " + (state.step() + 1) + ": the loss is "
                            + result.loss() + "; the last checkpoint in " + folder + " is untouched (try a lower "
                            + "training.learning_rate or training.clip_norm)");
                }
                if (smoothing != null) {
                    smoothing.update(model.parameters(), state.step() + 1, result.tokens());
                }
                state = state.afterStep(result.loss(), result.tokens(), seconds)
                        .withTrainSeconds(startSeconds + (System.nanoTime() - startNanos) / 1e9);
                monitor.stepped(state, result.loss(), result.tokens() / seconds, fractionDone(batches.size()));
                if (state.step() % t.logEvery() == 0) {
                    TrainingState.Interval interval = state.interval();
                    log.append(new TrainingLog.Row(state.step(), epochProgress(batches.size()), state.learningRate(),
                            interval.lossSum() / interval.tokens(), interval.tokens() / interval.seconds(),
                            state.trainSeconds(), Double.NaN, Double.NaN, Double.NaN));
                    state = state.logged();
                }
            }
            if (every > 0 && state.step() % every == 0) {
                validateAndSave(batches.size());
                lastValidatedStep = state.step();
            }
            if (stop.requested()) {
                reason = "stopped on request";
            } else if (reason == null && state.batchInEpoch() < batches.size()) {
                reason = limitReached();
            }
        }
        if (stop.requested()) {
            // a checkpoint only: a validation here would count towards the schedule, and the resumed run would
            // no longer follow the one that was never stopped
            checkpoint();
        } else if (lastValidatedStep != state.step() || state.step() == 0) {
            validateAndSave(batches.size());
        }
        TrainingPlot.draw(folder.resolve(TrainingLog.FILE), folder.resolve(TrainingPlot.FILE));
        return new Outcome(state, epochProgress(batches.size()), reason, lastValidation);
    }

    /** Validates (when there is validation data), keeps the best parameters, adapts the schedule, checkpoints. */
    private void validateAndSave(int batchesInEpoch) throws IOException {
        TrainingConfig t = config.training();
        boolean best = true;
        if (validator != null) {
            lastValidation = smoothing == null ? validator.validate(model)
                    : smoothing.apply(model.parameters(), () -> validator.validate(model));
            double score = lastValidation.score(config.validation().metric());
            best = Double.isNaN(state.bestScore()) || score > state.bestScore();
            if (best) {
                state = state.improved(score);
            } else {
                boolean decay = state.plateauValidations() + 1 >= t.lrDecayPatience() && t.lrDecayFactor() < 1;
                double rate = decay ? Math.max(t.minLearningRate(), state.learningRate() * t.lrDecayFactor())
                        : state.learningRate();
                state = state.notImproved(rate, decay);
                optimizer.setLearningRate(rate);
                if (decay) {
                    monitor.message(String.format("learning rate decayed to %.3g", rate));
                }
            }
            log.append(new TrainingLog.Row(state.step(), epochProgress(batchesInEpoch), state.learningRate(), Double.NaN,
                    Double.NaN, state.trainSeconds(), lastValidation.loss(), lastValidation.bleu(),
                    lastValidation.chrf(), lastValidation.aer(), lastValidation.alignmentPrecision(),
                    lastValidation.alignmentRecall()));
            monitor.validated(state, lastValidation, best);
        }
        if (best || kept != null) {
            boolean keepBest = best;
            // what validation read: the moving average when smoothing is on
            ParameterSmoothing.Work<Void> save = () -> {
                if (keepBest) {
                    ModelFolder.save(folder, model, data.sourceVocabulary(), data.targetVocabulary());
                }
                if (kept != null) {
                    kept.add(model.parameters(), state.step());
                }
                return null;
            };
            if (smoothing == null) {
                save.run();
            } else {
                smoothing.apply(model.parameters(), save);
            }
        }
        checkpoint();
        TrainingPlot.draw(folder.resolve(TrainingLog.FILE), folder.resolve(TrainingPlot.FILE));
    }

    private void checkpoint() throws IOException {
        Checkpoint.write(folder.resolve(Checkpoint.FILE), state, model.parameters(), optimizer.state(),
                smoothing == null ? null : smoothing.values());
    }

    private String limitReached() {
        TrainingConfig t = config.training();
        if (t.maxSteps() > 0 && state.step() >= t.maxSteps()) {
            return "reached max_steps " + t.maxSteps();
        }
        if (t.maxEpochs() > 0 && state.epoch() >= t.maxEpochs()) {
            return "reached max_epochs " + t.maxEpochs();
        }
        if (t.maxMinutes() > 0 && state.trainSeconds() >= 60.0 * t.maxMinutes()) {
            return "reached max_minutes " + t.maxMinutes();
        }
        if (t.earlyStoppingPatience() > 0 && state.badValidations() >= t.earlyStoppingPatience()) {
            return "early stopping: " + state.badValidations() + " validations without improvement";
        }
        return null;
    }

    private double epochProgress(int batchesInEpoch) {
        return state.epoch() + (double) state.batchInEpoch() / batchesInEpoch;
    }

    private double fractionDone(int batchesInEpoch) {
        TrainingConfig t = config.training();
        double done = 0;
        if (t.maxSteps() > 0) {
            done = Math.max(done, (double) state.step() / t.maxSteps());
        }
        if (t.maxEpochs() > 0) {
            done = Math.max(done, epochProgress(batchesInEpoch) / t.maxEpochs());
        }
        if (t.maxMinutes() > 0) {
            done = Math.max(done, state.trainSeconds() / (60.0 * t.maxMinutes()));
        }
        return Math.min(1, done);
    }

}
