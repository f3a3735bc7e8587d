package org.nmt4j.train;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nmt4j.compute.ParallelWork;
import org.nmt4j.compute.Scratch;
import org.nmt4j.align.AlignmentErrorRate;
import org.nmt4j.align.AlignmentMatrix;
import org.nmt4j.align.ForcedAligner;
import org.nmt4j.align.Links;
import org.nmt4j.align.WordLevel;
import org.nmt4j.config.ExperimentConfig;
import org.nmt4j.config.ValidationConfig;
import org.nmt4j.data.AlignedFiles;
import org.nmt4j.data.EncodedPair;
import org.nmt4j.data.TrainingPairs;
import org.nmt4j.eval.Bleu;
import org.nmt4j.eval.BleuScore;
import org.nmt4j.eval.Chrf;
import org.nmt4j.model.CrossEntropy;
import org.nmt4j.model.NmtModel;
import org.nmt4j.translate.Translation;
import org.nmt4j.translate.Translator;

/** Validation during training, through the translator (greedy) and the evaluation package. */
public final class Validator {

    private final ExperimentConfig config;
    private final TrainingData data;

    // validation.alignment's pairs and gold links, read once (null without it)
    private final List<String> alignSources;
    private final List<String> alignTargets;
    private final List<String> alignGold;

    public Validator(ExperimentConfig config, TrainingData data) {
        this.config = config;
        this.data = data;
        ValidationConfig.Alignment pairs = config.validation().alignment();
        alignSources = pairs == null ? null : AlignedFiles.readLines(pairs.source());
        alignTargets = pairs == null ? null : AlignedFiles.readLines(pairs.target());
        alignGold = pairs == null ? null : AlignedFiles.readLines(pairs.gold());
    }

    public ValidationResult validate(NmtModel model) {
        double loss = loss(model);
        Translator translator = new Translator(model, data.sourceVocabulary(), data.targetVocabulary(),
                data.source(), data.target(), config.decoding().withBeamSize(1)
                .withBatchSize(config.validation().batchSize()), false)
                .withThreads(config.training().workThreads());
        List<String> hypotheses = translator.translate(data.validSources()).stream().map(Translation::text).toList();
        List<List<String>> references = List.of(data.validReferences());
        boolean lowercase = config.validation().lowercase();
        Bleu bleu = Bleu.corpusDefault().withLowercase(lowercase);
        BleuScore bleuScore = bleu.corpusScore(hypotheses, references);
        double chrf = Chrf.chrf().withLowercase(lowercase).corpusScore(hypotheses, references).score();
        if (alignGold == null) {
            return new ValidationResult(loss, Math.exp(loss), bleuScore.score(), chrf, bleu.signature(1));
        }
        AlignmentErrorRate aer = alignment(translator);
        return new ValidationResult(loss, Math.exp(loss), bleuScore.score(), chrf, bleu.signature(1), aer.aer(),
                aer.precision(), aer.recall());
    }

    // the word-level forced alignment of the alignment pairs (hard links) against their gold links
    private AlignmentErrorRate alignment(Translator translator) {
        List<String> links = new ArrayList<>();
        for (AlignmentMatrix m : new ForcedAligner(translator, 64).align(alignSources, alignTargets)) {
            links.add(Links.pharaoh(Links.argmax(WordLevel.merge(m), false)));
        }
        return AlignmentErrorRate.of(config.validation().alignment().gold(), alignGold, null, links);
    }

    /** The mean token loss over the validation pairs, in batches of like length. */
    private double loss(NmtModel model) {
        List<EncodedPair> pairs = new ArrayList<>(data.valid());
        pairs.sort(Comparator.comparingInt(p -> p.source().length));
        int size = config.validation().batchSize();
        int batches = (pairs.size() + size - 1) / size;
        double[] sums = new double[batches];
        long[] counts = new long[batches];
        ParallelWork.run(batches, config.training().workThreads(), b -> {
            int[] indices = java.util.stream.IntStream.range(b * size, Math.min(pairs.size(), (b + 1) * size))
                    .toArray();
            try (MemoryWorkspace ignored = Scratch.open()) {
                CrossEntropy.Result result = model.loss(TrainingData.batch(TrainingPairs.of(pairs), indices), null);
                sums[b] = result.sumLoss();
                counts[b] = result.tokens();
            }
        });
        double total = 0;
        long tokens = 0;
        for (int b = 0; b < batches; b++) {
            total += sums[b];
            tokens += counts[b];
        }
        return tokens == 0 ? Double.NaN : total / tokens;
    }
}
