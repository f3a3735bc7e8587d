package org.nmt4j.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.nmt4j.config.ExperimentConfig;
import org.nmt4j.data.BinarizedCorpus;
import org.nmt4j.data.CorpusPreparation;
import org.nmt4j.io.UserError;
import org.nmt4j.model.io.ModelFolder;
import org.nmt4j.text.BpeCodes;
import org.nmt4j.text.Vocabulary;

/** A model folder's corpora prepared, without a {@link Trainer}: what {@code nmt4j prepare} runs. */
public final class FolderPreparation {

    private FolderPreparation() {
    }

    /**
     * Prepares the corpora into the model folder without training, what {@code nmt4j prepare} runs and every training
     * run starts with: BPE codes,
     * vocabularies, the effective config and the training pairs as ids ({@link BinarizedCorpus}), which a later
     * {@code nmt4j train} on the same config and files reads instead of preparing again. A folder being resumed keeps
     * its codes and vocabularies.
     */
    public static TrainingData prepare(ExperimentConfig config, TrainingMonitor monitor) throws IOException {
        Path folder = config.folder();
        Path checkpoint = folder.resolve(Checkpoint.FILE);
        boolean resume = Files.isRegularFile(checkpoint);
        boolean prepared = !resume && Files.isRegularFile(folder.resolve(BinarizedCorpus.FILE))
                && Files.isRegularFile(folder.resolve(ModelFolder.CONFIG))
                && Files.isRegularFile(folder.resolve(ModelFolder.SOURCE_VOCABULARY))
                && Files.isRegularFile(folder.resolve(ModelFolder.TARGET_VOCABULARY));
        BpeCodes codes = null;
        Vocabulary sourceVocabulary = null;
        Vocabulary targetVocabulary = null;
        if (resume || prepared) {
            ExperimentConfig saved = ExperimentConfig.load(folder.resolve(ModelFolder.CONFIG));
            if (resume) {
                checkCompatible(config, saved);
            } else {
                checkSamePreparation(config, saved);
            }
            if (config.preprocessing().bpeMerges() > 0) {
                codes = BpeCodes.load(folder.resolve(ModelFolder.BPE_CODES));
            }
            sourceVocabulary = Vocabulary.load(folder.resolve(ModelFolder.SOURCE_VOCABULARY));
            targetVocabulary = Vocabulary.load(folder.resolve(ModelFolder.TARGET_VOCABULARY));
        } else if (Files.isDirectory(folder) && !isEmpty(folder)) {
            throw new UserError(folder + ": exists and holds no checkpoint to resume; choose another name (or "
                    + "--set folder=...) or remove it");
        }
        TrainingData corpora = TrainingData.prepare(config, codes, sourceVocabulary, targetVocabulary,
                new CorpusPreparation.Progress() {
                    @Override
                    public void read(long bytes, long total, long pairs) {
                        monitor.preparing(bytes, total, pairs);
                    }

                    @Override
                    public void message(String line) {
                        monitor.message(line);
                    }
                }, folder.resolve(BinarizedCorpus.FILE));
        Files.createDirectories(folder);
        if (!resume) {
            if (corpora.codes() != null) {
                corpora.codes().save(folder.resolve(ModelFolder.BPE_CODES));
            }
            // a run stopped before its first checkpoint resumes with these
            corpora.sourceVocabulary().save(folder.resolve(ModelFolder.SOURCE_VOCABULARY));
            corpora.targetVocabulary().save(folder.resolve(ModelFolder.TARGET_VOCABULARY));
            config.save(folder.resolve(ModelFolder.CONFIG));
        }
        return corpora;
    }

    /** A resumed run must build the same network from the same pieces; limits and schedules may change. */
    private static void checkCompatible(ExperimentConfig config, ExperimentConfig saved) {
        Path folder = config.folder();
        String differs = !saved.preprocessing().equals(config.preprocessing()) ? "preprocessing"
                : !saved.vocabulary().equals(config.vocabulary()) ? "vocabulary"
                : !saved.model().equals(config.model()) ? "model"
                : saved.training().seed() != config.training().seed() ? "training.seed" : null;
        if (differs != null) {
            throw new UserError(folder + ": was trained with a different '" + differs + "' section than "
                    + config.origin() + "; resume with the same settings, or train into a new folder (another "
                    + "name, or --set folder=...)");
        }
    }

    private static void checkSamePreparation(ExperimentConfig config, ExperimentConfig saved) {
        Path folder = config.folder();
        String differs = !saved.preprocessing().equals(config.preprocessing()) ? "preprocessing"
                : !saved.vocabulary().equals(config.vocabulary()) ? "vocabulary" : null;
        if (differs != null) {
            throw new UserError(folder + ": was prepared with a different '" + differs + "' section than "
                    + config.origin() + "; use the same settings, or prepare into a new folder (another name, or "
                    + "--set folder=...)");
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
