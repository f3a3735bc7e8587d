package org.nmt4j.translate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.nmt4j.compute.NativeThreads;
import org.nmt4j.config.DecodingConfig;
import org.nmt4j.config.ExperimentConfig;
import org.nmt4j.io.UserError;
import org.nmt4j.model.NmtModel;
import org.nmt4j.model.io.ModelFolder;
import org.nmt4j.model.search.SearchDecoder;
import org.nmt4j.text.BpeCodes;
import org.nmt4j.text.BpeEncoder;
import org.nmt4j.text.Preprocessor;
import org.nmt4j.text.Vocabulary;

/**
 * What a {@link Translator} translates with: the model (an ensemble's first member's), what search runs at every step
 * (its decoder, or an ensemble's members), the vocabularies, the preprocessing and the decoding defaults of the
 * model's config. Loads model folders and puts ensembles together, checking that their members agree.
 */
record TranslationModel(NmtModel model, Scorer scorer, Vocabulary sourceVocabulary, Vocabulary targetVocabulary,
                        Preprocessor source, Preprocessor target, DecodingConfig decoding) {

    /** A model folder that {@code nmt4j train} wrote. */
    static TranslationModel load(Path folder) {
        return load(folder, readConfig(folder));
    }

    /** The model folders of an ensemble (one folder: that model); see {@link Translator#load(List, double[])}. */
    static TranslationModel load(List<Path> folders, double[] weights) {
        if (folders.size() == 1) {
            return load(folders.get(0));
        }
        List<TranslationModel> members = new ArrayList<>();
        ExperimentConfig first = null;
        for (Path folder : folders) {
            ExperimentConfig config = readConfig(folder);
            TranslationModel member = load(folder, config);
            if (first == null) {
                first = config;
            } else {
                TranslationModel one = members.get(0);
                String differs = !member.sourceVocabulary.equals(one.sourceVocabulary) ? "source vocabulary"
                        : !member.targetVocabulary.equals(one.targetVocabulary) ? "target vocabulary"
                        : !config.preprocessing().equals(first.preprocessing()) ? "preprocessing section"
                        : !sameFile(folder.resolve(ModelFolder.BPE_CODES),
                                folders.get(0).resolve(ModelFolder.BPE_CODES)) ? "BPE codes" : null;
                if (differs != null) {
                    throw new UserError(folder + ": its " + differs + " differs from " + folders.get(0) + "'s; the "
                            + "models of an ensemble share vocabularies, preprocessing and BPE codes");
                }
            }
            members.add(member);
        }
        return ensemble(members, weights);
    }

    /**
     * An ensemble of models that share vocabularies: search combines the members' log-probabilities by
     * {@code weights} (normalised; null = equal). The first member's preprocessing and decoding defaults are the
     * ensemble's; one member is that member itself.
     */
    static TranslationModel ensemble(List<TranslationModel> members, double[] weights) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one member");
        }
        double[] w = weights == null ? equalWeights(members.size()) : weights;
        if (w.length != members.size()) {
            throw new UserError(w.length + " ensemble weights for " + members.size() + " models");
        }
        if (members.size() == 1) {
            return members.get(0);
        }
        TranslationModel first = members.get(0);
        List<SearchDecoder> decoders = new ArrayList<>();
        for (int m = 0; m < members.size(); m++) {
            TranslationModel member = members.get(m);
            if (!member.sourceVocabulary.equals(first.sourceVocabulary)
                    || !member.targetVocabulary.equals(first.targetVocabulary)) {
                throw new UserError("ensemble member " + (m + 1) + ": its vocabularies differ from member 1's; the "
                        + "models of an ensemble share vocabularies");
            }
            decoders.addAll(member.scorer.members());
        }
        if (decoders.size() != w.length) {
            throw new UserError("ensemble members that are ensembles themselves: list their models instead");
        }
        return first.withScorer(new EnsembleScorer(decoders, w));
    }

    /** The same, searching with another scorer (a shortlist's, an ensemble's). */
    TranslationModel withScorer(Scorer other) {
        return new TranslationModel(model, other, sourceVocabulary, targetVocabulary, source, target, decoding);
    }

    /** Whether search realigns with an alignment head: whether any member's model has one. */
    boolean hasAlignmentHead() {
        return scorer.members().stream().anyMatch(SearchDecoder::hasAlignmentHead);
    }

    // the effective config the trainer wrote into a model folder
    private static ExperimentConfig readConfig(Path folder) {
        Path configFile = folder.resolve(ModelFolder.CONFIG);
        if (!Files.isDirectory(folder)) {
            throw new UserError(folder + ": no such model folder");
        }
        if (!Files.isRegularFile(configFile)) {
            throw new UserError(folder + ": no " + ModelFolder.CONFIG + " (not a model folder written by nmt4j train)");
        }
        return ExperimentConfig.load(configFile);
    }

    // a model folder whose effective config has been read
    private static TranslationModel load(Path folder, ExperimentConfig config) {
        NativeThreads.apply();
        ModelFolder.Loaded loaded = ModelFolder.load(folder);
        BpeEncoder bpe = null;
        if (config.preprocessing().bpeMerges() > 0) {
            bpe = new BpeEncoder(BpeCodes.load(folder.resolve(ModelFolder.BPE_CODES)), BpeEncoder.TRANSLATION_CACHE);
        }
        // nothing trains a loaded model: search reads its parameters instead of a snapshot of them
        return new TranslationModel(loaded.model(), new ModelScorer(SearchDecoder.ofFixed(loaded.model())),
                loaded.source(), loaded.target(), config.preprocessing().source(bpe),
                config.preprocessing().target(bpe), config.decoding());
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            boolean hasA = Files.isRegularFile(a);
            return hasA == Files.isRegularFile(b) && (!hasA || Files.mismatch(a, b) == -1);
        } catch (java.io.IOException e) {
            throw new UserError(a + ": cannot read (" + e.getMessage() + ")");
        }
    }

    private static double[] equalWeights(int n) {
        double[] w = new double[n];
        Arrays.fill(w, 1.0);
        return w;
    }
}
