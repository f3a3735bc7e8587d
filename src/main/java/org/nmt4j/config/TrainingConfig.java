package org.nmt4j.config;

import java.util.List;

/**
 * The optimisation.
 *
 * @param seed                  fixes initialisation, shuffling and dropout
 * @param batchSize             sentences per batch, or target tokens (padding included) per batch
 * @param batchType             {@code sentences} or {@code tokens}
 * @param learningRate          Adam's initial learning rate
 * @param clipNorm              largest global gradient L2 norm (0 = no clipping)
 * @param maxEpochs             stop after this many passes over the data (0 = no limit)
 * @param maxSteps              stop after this many updates (0 = no limit)
 * @param maxMinutes            stop after this much training time (0 = no limit)
 * @param logEvery              steps between rows of the training log
 * @param lrDecayFactor         multiply the learning rate by this after {@code lrDecayPatience} validations without
 *                              improvement (1 = never decay)
 * @param lrDecayPatience       validations without improvement before a decay
 * @param minLearningRate       the learning rate never decays below this
 * @param earlyStoppingPatience stop after this many validations without improvement (0 = never)
 * @param threads               work threads, each running a shard of every batch (0 = OMP_NUM_THREADS, else all
 *                              cores; the command line resolves 0 before training)
 * @param exponentialSmoothing  α of an exponential moving average of the parameters (Marian's
 *                              {@code --exponential-smoothing}; 0 = off): after step t the average moves
 *                              max(α, 1/(t+1)) of the way to the trained parameters; validation, {@code parameters.bin}
 *                              and the best model use the average, training goes on with the trained ones
 * @param smoothingReferenceTokens the batch size, in target tokens, that {@code exponentialSmoothing} is meant for
 *                              (Marian's second {@code --exponential-smoothing} value): a batch of T tokens then
 *                              moves the average by 1 − (1 − α)^(T/R); 0 = α per step, whatever its size
 * @param keepCheckpoints       keep the last N validated parameter sets in the model folder's {@code checkpoints/},
 *                              for {@code nmt4j average} (0 = none)
 * @param averageEvery          {@code nmt4j spark train}: steps each worker trains between two averaging rounds (K of
 *                              parameter averaging; {@code nmt4j train} does not read it)
 * @param maxiBatch             batches' worth of pairs sorted by length together (Marian's {@code --maxi-batch}):
 *                              an epoch takes the shuffled pairs a window of this many batches at a time, so
 *                              batches hold like lengths while memory stays independent of the corpus's size
 * @param guidedAlignment       links that guide the attention during training ({@code guided_alignment}; off unless
 *                              its {@code links} are given)
 * @param precision             the arithmetic of the large products: {@code fp32}, or {@code bf16} (bfloat16 operands
 *                              accumulated in fp32, on a processor with AVX-512 BF16 or AMX); parameters, optimizer
 *                              state and checkpoints are fp32 either way
 */
public record TrainingConfig(long seed, int batchSize, String batchType, double learningRate, double clipNorm,
                             int maxEpochs, int maxSteps, int maxMinutes, int logEvery, double lrDecayFactor,
                             int lrDecayPatience, double minLearningRate, int earlyStoppingPatience, int threads,
                             double exponentialSmoothing, int smoothingReferenceTokens, int keepCheckpoints,
                             int averageEvery, int maxiBatch, GuidedAlignmentConfig guidedAlignment,
                             String precision) {

    public static final List<String> BATCH_TYPES = List.of("sentences", "tokens");
    public static final List<String> PRECISIONS = List.of("fp32", "bf16");

    static TrainingConfig read(Section s) {
        TrainingConfig c = new TrainingConfig(s.integer("seed", 1), s.positive("batch_size", 64),
                s.choice("batch_type", "sentences", BATCH_TYPES), s.number("learning_rate", 1e-3),
                s.number("clip_norm", 1.0), s.nonNegative("max_epochs", 10), s.nonNegative("max_steps", 0),
                s.nonNegative("max_minutes", 0), s.positive("log_every", 100), s.number("lr_decay_factor", 0.5),
                s.positive("lr_decay_patience", 2), s.number("min_learning_rate", 1e-5),
                s.nonNegative("early_stopping_patience", 0), s.nonNegative("threads", 0),
                s.fraction("exponential_smoothing", 0, 0, 1), s.nonNegative("smoothing_reference_tokens", 0),
                s.nonNegative("keep_checkpoints", 0),
                s.positive("average_every", 10), s.positive("maxi_batch", 1000),
                GuidedAlignmentConfig.read(s.section("guided_alignment")),
                s.choice("precision", "fp32", PRECISIONS));
        if (!(c.learningRate > 0)) {
            throw s.error("learning_rate", "must be above 0");
        }
        if (!(c.lrDecayFactor > 0 && c.lrDecayFactor <= 1)) {
            throw s.error("lr_decay_factor", "must be in (0, 1]");
        }
        if (c.clipNorm < 0) {
            throw s.error("clip_norm", "must be 0 (off) or more");
        }
        if (c.maxEpochs == 0 && c.maxSteps == 0 && c.maxMinutes == 0) {
            throw s.error("max_epochs", "max_epochs, max_steps and max_minutes are all 0: training would not end");
        }
        return c;
    }

    /** The threads a trainer uses: at least one (0 is resolved by the command line; a trainer built from code gets 1). */
    public int workThreads() {
        return Math.max(1, threads);
    }
}
