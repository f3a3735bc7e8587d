package org.nmt4j.spark.train;

import java.io.IOException;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.nmt4j.io.UserError;
import org.nmt4j.compute.NativeThreads;
import org.nmt4j.config.ExperimentConfig;
import org.nmt4j.train.StopRequest;
import org.nmt4j.train.Trainer;
import org.nmt4j.train.TrainingMonitor;

/**
 * Data-parallel training on Spark: {@code nmt4j train}'s trainer (preparation, validation, the training log,
 * checkpoints, the best parameters, resume) with its batches run in rounds of {@code training.average_every} steps
 * on {@code workers} tasks whose parameters and Adam moments are averaged after each round. The model folder is the
 * same kind {@code nmt4j train} writes, on the driver; the same command on the same folder resumes.
 */
public final class SparkTraining {

    private SparkTraining() {
    }

    public static Trainer.Outcome run(SparkSession spark, ExperimentConfig config, int workers,
                                      TrainingMonitor monitor, StopRequest stop) throws IOException {
        if (workers < 1) {
            throw new UserError("--workers must be at least 1, not " + workers);
        }
        NativeThreads.apply();
        // the driver validates on one thread; the workers' tasks each train on one
        ExperimentConfig driver = config.with(java.util.List.of("training.threads=1"));
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return new Trainer(driver, monitor, stop,
                (c, data, model, optimizer) -> new AveragingRunner(context, workers, c, data, model, optimizer))
                .run();
    }
}
