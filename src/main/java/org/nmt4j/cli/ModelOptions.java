package org.nmt4j.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** The model folder and threads of the commands that load a trained model. */
final class ModelOptions {

    @Option(names = {"-m", "--model"}, required = true, description = "The model folder (models/NAME).")
    Path model;

    @Option(names = "--threads", defaultValue = "0", converter = ThreadCount.class,
            description = "Batches translated at once, one per thread (default: OMP_NUM_THREADS, else all cores).")
    int threads;
}
