package org.nmt4j.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

import org.nmt4j.config.DataConfig;
import org.nmt4j.config.ExperimentConfig;
import org.nmt4j.config.PreprocessingConfig;
import org.nmt4j.config.TrainingConfig;
import org.nmt4j.data.AlignedFiles;
import org.nmt4j.data.BinarizedCorpus;
import org.nmt4j.data.CorpusPreparation;
import org.nmt4j.data.EncodedPair;
import org.nmt4j.data.EpochBatches;
import org.nmt4j.data.GuideFile;
import org.nmt4j.data.PairFilter;
import org.nmt4j.data.PreparedCorpus;
import org.nmt4j.data.SentencePair;
import org.nmt4j.data.TrainingPairs;
import org.nmt4j.model.Batch;
import org.nmt4j.text.BpeCodes;
import org.nmt4j.text.BpeEncoder;
import org.nmt4j.text.Preprocessor;
import org.nmt4j.text.Vocabulary;

/**
 * The corpora as the trainer uses them: BPE codes and vocabularies (learned from the training text, or those of the
 * model folder being resumed), the training pairs as ids in the model folder's {@link BinarizedCorpus} (read by
 * index, never held in memory), and the validation set both as ids (for the loss) and as raw text (for BLEU and
 * chrF of translations).
 */
public record TrainingData(BpeCodes codes, Preprocessor source, Preprocessor target, Vocabulary sourceVocabulary,
                           Vocabulary targetVocabulary, TrainingPairs train, List<EncodedPair> valid,
                           List<String> validSources, List<String> validReferences) {

    /**
     * Reads and prepares the corpora. {@code codes} and the vocabularies are learned when null (a new model) and
     * reused otherwise (a resumed or prepared one). The training pairs are read from {@code corpusFile} when it holds
     * these files and settings, and prepared into it (streaming) otherwise. Progress goes to {@code progress}.
     */
    public static TrainingData prepare(ExperimentConfig config, BpeCodes codes, Vocabulary sourceVocabulary,
                                       Vocabulary targetVocabulary, CorpusPreparation.Progress progress,
                                       Path corpusFile) throws IOException {
        config.data().checkFilesExist(config.origin());
        config.validation().checkFilesExist(config.origin());
        Consumer<String> log = progress::message;
        PreprocessingConfig p = config.preprocessing();
        GuideLinks guidance = GuideLinks.of(config.training().guidedAlignment(), config.origin(),
                Runtime.getRuntime().availableProcessors());
        Path guideFile = corpusFile.resolveSibling(GuideFile.NAME);
        BinarizedCorpus train = null;
        GuideFile.Reader guide = null;
        if (sourceVocabulary != null) {
            String fingerprint = fingerprint(config, codes, sourceVocabulary, targetVocabulary, guidance);
            train = fingerprint == null ? null : BinarizedCorpus.open(corpusFile, fingerprint, log);
            if (train != null && guidance != null) {
                guide = GuideFile.Reader.open(guideFile, fingerprint, train.size());
                if (guide == null) {
                    log.accept(guideFile + ": missing or made for other links; preparing the corpus again");
                    train.close();
                    train = null;
                }
            }
            if (train != null) {
                log.accept(train.summary() + " (prepared before: " + corpusFile + ")");
            }
        }
        if (train == null) {
            Files.createDirectories(corpusFile.toAbsolutePath().getParent());
            List<CorpusPreparation.Input> inputs = new ArrayList<>();
            List<DataConfig.Corpus> corpora = config.data().train();
            for (DataConfig.Corpus corpus : corpora) {
                inputs.add(new CorpusPreparation.Input(corpora.size() == 1 ? "train" : corpus.name(),
                        corpus.source(), corpus.target()));
            }
            CorpusPreparation.Settings settings = new CorpusPreparation.Settings(p.sourceTokenizer(),
                    p.targetTokenizer(), p.joinerMarks(), p.bpeMerges(),
                    new PairFilter(p.maxLength(), p.maxLengthRatio()), config.vocabulary().minFrequency(),
                    config.vocabulary().maxSize(), Runtime.getRuntime().availableProcessors());
            CorpusPreparation.Result result = CorpusPreparation.prepare(inputs, settings, codes, sourceVocabulary,
                    targetVocabulary, corpusFile, (c, s, t) -> fingerprint(config, c, s, t, guidance), progress,
                    guidance);
            log.accept(result.summary());
            codes = result.codes();
            sourceVocabulary = result.sourceVocabulary();
            targetVocabulary = result.targetVocabulary();
            train = BinarizedCorpus.openWritten(corpusFile);
            if (guidance != null) {
                guide = GuideFile.Reader.open(guideFile,
                        fingerprint(config, codes, sourceVocabulary, targetVocabulary, guidance), train.size());
                if (guide == null) {
                    throw new IllegalStateException(guideFile + ": not readable right after it was written");
                }
            }
        }
        TrainingPairs pairs = guide == null ? train : train.guidedBy(guide);
        log.accept("vocabularies: " + sourceVocabulary.size() + " source, " + targetVocabulary.size() + " target");
        BpeEncoder bpe = codes == null ? null : new BpeEncoder(codes);
        Preprocessor source = p.source(bpe);
        Preprocessor target = p.target(bpe);
        List<EncodedPair> valid = List.of();
        List<String> validSources = List.of();
        List<String> validReferences = List.of();
        if (config.data().hasValidation()) {
            List<SentencePair> rawValid = AlignedFiles.read(config.data().validSource(),
                    config.data().validTarget());
            int limit = config.validation().maxSentences();
            if (limit > 0 && rawValid.size() > limit) {
                rawValid = rawValid.subList(0, limit);
            }
            PreparedCorpus validCorpus = PreparedCorpus.prepare("validation", rawValid, source, target,
                    new PairFilter(Integer.MAX_VALUE, 0));
            valid = validCorpus.encode(sourceVocabulary, targetVocabulary);
            validSources = new ArrayList<>();
            validReferences = new ArrayList<>();
            for (SentencePair pair : rawValid) {
                if (!pair.source().isBlank() && !pair.target().isBlank()) {
                    validSources.add(pair.source());
                    validReferences.add(pair.target());
                }
            }
            log.accept("validation: " + validSources.size() + " pairs");
        }
        return new TrainingData(codes, source, target, sourceVocabulary, targetVocabulary, pairs, valid,
                List.copyOf(validSources), List.copyOf(validReferences));
    }

    // what the training pairs' ids depend on besides the files: the settings, the codes and the vocabularies
    private static String fingerprint(ExperimentConfig config, BpeCodes codes, Vocabulary sourceVocabulary,
                                      Vocabulary targetVocabulary, GuideLinks guidance) throws IOException {
        StringBuilder settings = new StringBuilder();
        if (guidance != null) {
            settings.append(guidance.identity()).append('\n');
        }
        settings.append(config.preprocessing()).append('\n').append(config.vocabulary()).append('\n');
        settings.append(codes == null ? "no codes" : codes.merges().toString()).append('\n');
        settings.append(String.join("\n", sourceVocabulary.tokens())).append("\n\n");
        settings.append(String.join("\n", targetVocabulary.tokens()));
        List<Path> files = new ArrayList<>();
        for (DataConfig.Corpus corpus : config.data().train()) {
            files.add(corpus.source());
            files.add(corpus.target());
        }
        return BinarizedCorpus.fingerprint(files, settings.toString());
    }

    /** The batches of an epoch, as indices into {@link #train}; the order is fixed by the seed and the epoch. */
    public EpochBatches epoch(ExperimentConfig config, int epoch) {
        TrainingConfig t = config.training();
        return new EpochBatches(train, config.data().weights(), t.batchType(), t.batchSize(), t.maxiBatch(),
                t.seed(), epoch);
    }

    /**
     * Shards at least as large in every dimension as any shard of an epoch's batches: as many sentences as the
     * largest shard, each with the longest source and the longest target among them. Sizing the step's workspaces
     * on them covers every step.
     */
    public static List<Batch> largestShards(EpochBatches.Extent extent, int shards) {
        int parts = Math.max(1, Math.min(shards, extent.sentences()));
        int sentences = (extent.sentences() + parts - 1) / parts;
        Batch largest = Batch.of(Collections.nCopies(sentences, new int[extent.longestSource()]),
                Collections.nCopies(sentences, new int[extent.longestTarget()]));
        return Collections.nCopies(parts, largest);
    }

    /**
     * A batch as {@code shards} batches of its sentences dealt in turn (0, n, 2n, ... to the first), so that the
     * shards of a length-sorted batch are equally long; fewer when the batch has fewer sentences.
     */
    public static List<Batch> shards(TrainingPairs pairs, int[] indices, int shards) {
        int parts = Math.max(1, Math.min(shards, indices.length));
        List<Batch> out = new ArrayList<>(parts);
        for (int p = 0; p < parts; p++) {
            int[] dealt = new int[(indices.length - p + parts - 1) / parts];
            for (int i = p, k = 0; i < indices.length; i += parts) {
                dealt[k++] = indices[i];
            }
            out.add(batch(pairs, dealt));
        }
        return out;
    }

    public static Batch batch(TrainingPairs pairs, int[] indices) {
        List<int[]> sources = new ArrayList<>(indices.length);
        List<int[]> targets = new ArrayList<>(indices.length);
        int[] first = indices.length > 0 ? pairs.links(indices[0]) : null; // null: the pairs carry no links
        int[][] links = first == null ? null : new int[indices.length][];
        for (int k = 0; k < indices.length; k++) {
            sources.add(pairs.source(indices[k]));
            targets.add(pairs.target(indices[k]));
            if (links != null) {
                links[k] = k == 0 ? first : pairs.links(indices[k]);
            }
        }
        Batch batch = Batch.of(sources, targets);
        return links == null ? batch : batch.withLinks(links);
    }
}
