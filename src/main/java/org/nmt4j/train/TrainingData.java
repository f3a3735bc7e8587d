package org.nmt4j.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import org.nmt4j.config.ExperimentConfig;
import org.nmt4j.config.PreprocessingConfig;
import org.nmt4j.data.AlignedFiles;
import org.nmt4j.data.BinarizedCorpus;
import org.nmt4j.data.EncodedPair;
import org.nmt4j.data.PairFilter;
import org.nmt4j.data.PreparedCorpus;
import org.nmt4j.data.SentenceBatcher;
import org.nmt4j.data.SentencePair;
import org.nmt4j.data.TokenBatcher;
import org.nmt4j.model.Batch;
import org.nmt4j.text.BpeCodes;
import org.nmt4j.text.BpeEncoder;
import org.nmt4j.text.BpeLearner;
import org.nmt4j.text.Preprocessor;
import org.nmt4j.text.Vocabulary;
import org.nmt4j.text.WordCounts;

/**
 * The corpora as the trainer uses them: BPE codes and vocabularies (learned from the training text, or those of the
 * model folder being resumed), the training pairs as ids, and the validation set both as ids (for the loss) and as
 * raw text (for BLEU and chrF of translations).
 */
public record TrainingData(BpeCodes codes, Preprocessor source, Preprocessor target, Vocabulary sourceVocabulary,
                           Vocabulary targetVocabulary, List<EncodedPair> train, List<EncodedPair> valid,
                           List<String> validSources, List<String> validReferences) {

    /**
     * Reads and prepares the corpora. {@code codes} and the vocabularies are learned when null (a new model) and
     * reused otherwise (a resumed or prepared one). With a {@code corpusFile} ({@link BinarizedCorpus}), the training
     * pairs are read from it when it holds these files and settings, and written to it when they had to be prepared.
     * Progress lines go to {@code log}.
     */
    public static TrainingData prepare(ExperimentConfig config, BpeCodes codes, Vocabulary sourceVocabulary,
                                       Vocabulary targetVocabulary, Consumer<String> log, Path corpusFile)
            throws IOException {
        config.data().checkFilesExist(config.origin());
        PreprocessingConfig p = config.preprocessing();
        List<EncodedPair> train = null;
        if (corpusFile != null && sourceVocabulary != null) {
            String fingerprint = fingerprint(config, codes, sourceVocabulary, targetVocabulary);
            BinarizedCorpus.Loaded loaded = fingerprint == null ? null
                    : BinarizedCorpus.read(corpusFile, fingerprint, log);
            if (loaded != null) {
                train = loaded.pairs();
                log.accept(loaded.summary() + " (prepared before: " + corpusFile + ")");
            }
        }
        if (train == null) {
            List<SentencePair> raw = AlignedFiles.read(config.data().trainSource(), config.data().trainTarget());
            if (codes == null && p.bpeMerges() > 0) {
                WordCounts words = new WordCounts();
                words.addText(raw.stream().map(SentencePair::source).toList(), p.sourceTokenizer());
                words.addText(raw.stream().map(SentencePair::target).toList(), p.targetTokenizer());
                codes = BpeLearner.learn(words.words(), p.bpeMerges(), 2, null);
                log.accept("learned " + codes.size() + " joint BPE merges");
            }
            BpeEncoder bpe = codes == null ? null : new BpeEncoder(codes);
            PreparedCorpus corpus = PreparedCorpus.prepare("train", raw, p.source(bpe), p.target(bpe),
                    new PairFilter(p.maxLength(), p.maxLengthRatio()));
            log.accept(corpus.report().summary());
            if (corpus.pairs().isEmpty()) {
                throw new org.nmt4j.UserError(config.data().trainSource() + ": no training pairs left after filtering");
            }
            if (sourceVocabulary == null) {
                sourceVocabulary = Vocabulary.build(corpus.sourceCounts(), config.vocabulary().minFrequency(),
                        config.vocabulary().maxSize());
                targetVocabulary = Vocabulary.build(corpus.targetCounts(), config.vocabulary().minFrequency(),
                        config.vocabulary().maxSize());
            }
            train = corpus.encode(sourceVocabulary, targetVocabulary);
            String fingerprint = corpusFile == null ? null
                    : fingerprint(config, codes, sourceVocabulary, targetVocabulary);
            if (fingerprint != null) {
                Files.createDirectories(corpusFile.toAbsolutePath().getParent());
                BinarizedCorpus.write(corpusFile, fingerprint, corpus.report().summary(), train);
            }
        }
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
        return new TrainingData(codes, source, target, sourceVocabulary, targetVocabulary, train, valid,
                List.copyOf(validSources), List.copyOf(validReferences));
    }

    // what the training pairs' ids depend on besides the files: the settings, the codes and the vocabularies
    private static String fingerprint(ExperimentConfig config, BpeCodes codes, Vocabulary sourceVocabulary,
                                      Vocabulary targetVocabulary) throws IOException {
        StringBuilder settings = new StringBuilder();
        settings.append(config.preprocessing()).append('\n').append(config.vocabulary()).append('\n');
        settings.append(codes == null ? "no codes" : codes.merges().toString()).append('\n');
        settings.append(String.join("\n", sourceVocabulary.tokens())).append("\n\n");
        settings.append(String.join("\n", targetVocabulary.tokens()));
        return BinarizedCorpus.fingerprint(List.of(config.data().trainSource(), config.data().trainTarget()),
                settings.toString());
    }

    /** The batches of an epoch, as indices into {@link #train}; the order is fixed by the seed and the epoch. */
    public List<List<Integer>> epoch(ExperimentConfig config, int epoch) {
        Random random = new Random(config.training().seed() * 1_000_003L + epoch);
        int size = config.training().batchSize();
        return config.training().batchType().equals("tokens") ? TokenBatcher.epoch(train, size, random)
                : SentenceBatcher.epoch(train, size, random);
    }

    /**
     * Shards at least as large in every dimension as any shard of these batches: as many sentences as the largest
     * shard, each with the longest source and the longest target among them. Sizing the step's workspaces on them
     * covers every step.
     */
    public static List<Batch> largestShards(List<EncodedPair> pairs, List<List<Integer>> batches, int shards) {
        int[] longestSource = new int[0];
        int[] longestTarget = new int[0];
        int most = 0;
        for (List<Integer> indices : batches) {
            most = Math.max(most, indices.size());
            for (int index : indices) {
                EncodedPair pair = pairs.get(index);
                longestSource = pair.source().length > longestSource.length ? pair.source() : longestSource;
                longestTarget = pair.target().length > longestTarget.length ? pair.target() : longestTarget;
            }
        }
        int parts = Math.max(1, Math.min(shards, most));
        int sentences = (most + parts - 1) / parts;
        Batch largest = Batch.of(java.util.Collections.nCopies(sentences, longestSource),
                java.util.Collections.nCopies(sentences, longestTarget));
        return java.util.Collections.nCopies(parts, largest);
    }

    /**
     * A batch as {@code shards} batches of its sentences dealt in turn (0, n, 2n, ... to the first), so that the
     * shards of a length-sorted batch are equally long; fewer when the batch has fewer sentences.
     */
    public static List<Batch> shards(List<EncodedPair> pairs, List<Integer> indices, int shards) {
        int parts = Math.max(1, Math.min(shards, indices.size()));
        List<Batch> out = new ArrayList<>(parts);
        for (int p = 0; p < parts; p++) {
            List<Integer> dealt = new ArrayList<>();
            for (int i = p; i < indices.size(); i += parts) {
                dealt.add(indices.get(i));
            }
            out.add(batch(pairs, dealt));
        }
        return out;
    }

    public static Batch batch(List<EncodedPair> pairs, List<Integer> indices) {
        List<int[]> sources = new ArrayList<>(indices.size());
        List<int[]> targets = new ArrayList<>(indices.size());
        for (int index : indices) {
            sources.add(pairs.get(index).source());
            targets.add(pairs.get(index).target());
        }
        return Batch.of(sources, targets);
    }
}
