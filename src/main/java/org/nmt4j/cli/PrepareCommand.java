package org.nmt4j.cli;

import java.io.IOException;
import org.nmt4j.io.UserError;
import org.nmt4j.config.ExperimentConfig;
import org.nmt4j.data.BinarizedCorpus;
import org.nmt4j.train.FolderPreparation;
import org.nmt4j.train.TrainingData;
import org.nmt4j.train.TrainingMonitor;
import org.nmt4j.train.TrainingState;
import org.nmt4j.train.ValidationResult;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "prepare", mixinStandardHelpOptions = true,
        description = {"Prepares a config's corpora into its model folder without training: BPE codes, "
                + "vocabularies and the training pairs as ids (" + BinarizedCorpus.FILE + "). 'nmt4j train' on the "
                + "same config then starts from them instead of reading and tokenizing the corpus again, as a resumed "
                + "run does; a changed training file or preprocessing section is prepared again."})
final class PrepareCommand implements Runnable {

    @Mixin
    ExperimentOptions experimentOptions = new ExperimentOptions();

    @Override
    public void run() {
        ExperimentConfig experiment = experimentOptions.load();
        TrainingMonitor monitor = new TrainingMonitor() {
            private final PreparationProgress preparation = new PreparationProgress();

            @Override
            public void message(String line) {
                System.err.println(line);
            }

            @Override
            public void preparing(long bytes, long total, long pairs) {
                preparation.update(bytes, total, pairs);
            }

            @Override
            public void stepped(TrainingState state, double loss, double tokensPerSecond, double fractionDone) {
            }

            @Override
            public void validated(TrainingState state, ValidationResult result, boolean best) {
            }
        };
        long start = System.nanoTime();
        try {
            TrainingData data = FolderPreparation.prepare(experiment, monitor);
            System.err.printf("prepared %,d training pairs into %s in %.1f s; 'nmt4j train -c %s' trains on them%n",
                    data.train().size(), experiment.folder(), (System.nanoTime() - start) / 1e9, experimentOptions.config);
        } catch (IOException e) {
            throw new UserError(experiment.folder() + ": cannot write (" + e.getMessage() + ")");
        }
    }
}
