package org.nmt4j.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where training stands; with the parameters and Adam's moments it is all a checkpoint needs to resume exactly
 * (shuffling and dropout are seeded from the training seed, the epoch and the step).
 *
 * @param step                updates made
 * @param epoch               the current epoch, from 0
 * @param batchInEpoch        the next batch of the epoch's order
 * @param learningRate        the current learning rate
 * @param bestScore           the best validation score so far (NaN: none yet)
 * @param bestStep            the step of the best score
 * @param badValidations      validations since the last improvement (early stopping)
 * @param plateauValidations  validations since the last improvement or decay (learning-rate decay)
 * @param trainSeconds        training time so far
 * @param targetTokens        target tokens trained on so far
 * @param interval            the steps since the last row of the training log, which the next row averages
 */
public record TrainingState(long step, int epoch, int batchInEpoch, double learningRate, double bestScore,
                            long bestStep, int badValidations, int plateauValidations, double trainSeconds,
                            long targetTokens, Interval interval) {

    /**
     * The sums over the steps since the last log row: a checkpoint carries them, so that the first row after a
     * resume (after a crash or {@code kill -9} too) averages the same steps as a run that never stopped.
     *
     * @param lossSum Σ loss · target tokens
     * @param tokens  Σ target tokens
     * @param seconds Σ step time
     */
    public record Interval(double lossSum, long tokens, double seconds) {
        public static final Interval EMPTY = new Interval(0, 0, 0);

        Interval plus(double loss, long stepTokens, double stepSeconds) {
            return new Interval(lossSum + loss * stepTokens, tokens + stepTokens, seconds + stepSeconds);
        }
    }

    static TrainingState start(double learningRate) {
        return new TrainingState(0, 0, 0, learningRate, Double.NaN, 0, 0, 0, 0, 0, Interval.EMPTY);
    }

    /** After a step of this loss over this many target tokens, which took stepSeconds. */
    TrainingState afterStep(double loss, long tokens, double stepSeconds) {
        return new TrainingState(step + 1, epoch, batchInEpoch + 1, learningRate, bestScore, bestStep,
                badValidations, plateauValidations, trainSeconds, targetTokens + tokens,
                interval.plus(loss, tokens, stepSeconds));
    }

    /** After a row of the training log: a new interval starts. */
    TrainingState logged() {
        return new TrainingState(step, epoch, batchInEpoch, learningRate, bestScore, bestStep, badValidations,
                plateauValidations, trainSeconds, targetTokens, Interval.EMPTY);
    }

    TrainingState withTrainSeconds(double seconds) {
        return new TrainingState(step, epoch, batchInEpoch, learningRate, bestScore, bestStep, badValidations,
                plateauValidations, seconds, targetTokens, interval);
    }

    TrainingState nextEpoch() {
        return new TrainingState(step, epoch + 1, 0, learningRate, bestScore, bestStep, badValidations,
                plateauValidations, trainSeconds, targetTokens, interval);
    }

    TrainingState improved(double score) {
        return new TrainingState(step, epoch, batchInEpoch, learningRate, score, step, 0, 0, trainSeconds,
                targetTokens, interval);
    }

    TrainingState notImproved(double newLearningRate, boolean decayed) {
        return new TrainingState(step, epoch, batchInEpoch, newLearningRate, bestScore, bestStep, badValidations + 1,
                decayed ? 0 : plateauValidations + 1, trainSeconds, targetTokens, interval);
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("step", step);
        map.put("epoch", epoch);
        map.put("batch_in_epoch", batchInEpoch);
        map.put("learning_rate", learningRate);
        map.put("best_score", bestScore);
        map.put("best_step", bestStep);
        map.put("bad_validations", badValidations);
        map.put("plateau_validations", plateauValidations);
        map.put("train_seconds", trainSeconds);
        map.put("target_tokens", targetTokens);
        map.put("interval_loss_sum", interval.lossSum());
        map.put("interval_tokens", interval.tokens());
        map.put("interval_seconds", interval.seconds());
        return map;
    }

    static TrainingState fromMap(Map<String, String> map) {
        return new TrainingState(Long.parseLong(map.get("step")), Integer.parseInt(map.get("epoch")),
                Integer.parseInt(map.get("batch_in_epoch")), Double.parseDouble(map.get("learning_rate")),
                Double.parseDouble(map.get("best_score")), Long.parseLong(map.get("best_step")),
                Integer.parseInt(map.get("bad_validations")), Integer.parseInt(map.get("plateau_validations")),
                Double.parseDouble(map.get("train_seconds")), Long.parseLong(map.get("target_tokens")),
                map.containsKey("interval_tokens") // checkpoints from before the interval was kept start a new one
                        ? new Interval(Double.parseDouble(map.get("interval_loss_sum")),
                                Long.parseLong(map.get("interval_tokens")),
                                Double.parseDouble(map.get("interval_seconds")))
                        : Interval.EMPTY);
    }
}
