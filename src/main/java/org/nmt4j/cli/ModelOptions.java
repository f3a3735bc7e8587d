package org.nmt4j.cli;

import java.nio.file.Path;
import java.util.List;

import org.nmt4j.compute.NativeThreads;
import org.nmt4j.io.UserError;
import org.nmt4j.translate.Translator;
import picocli.CommandLine.Option;

/** The model folder (or an ensemble's folders) and threads of the commands that load a trained model. */
public final class ModelOptions {

    @Option(names = {"-m", "--model"}, required = true,
            description = "The model folder (models/NAME). Given several times: an ensemble of those models (they "
                    + "share vocabularies and BPE codes), whose log-probabilities are averaged at every step.")
    List<Path> models;

    @Option(names = "--weights", split = ",", paramLabel = "W",
            description = "An ensemble's weights, one per --model (normalised; default: equal).")
    double[] weights;

    @Option(names = "--threads", defaultValue = "0", converter = ThreadCount.class,
            description = "Batches translated at once, one per thread (default: OMP_NUM_THREADS, else all cores).")
    int threads;

    /** The model, or the ensemble of the models, given. */
    Translator load() {
        if (weights != null && weights.length != models.size()) {
            throw new UserError("--weights gives " + weights.length + " weights for " + models.size() + " --model "
                    + "folder" + (models.size() == 1 ? "" : "s"));
        }
        if (weights != null) {
            for (double w : weights) {
                if (!(w > 0) || Double.isInfinite(w)) {
                    throw new UserError("--weights: each weight must be a positive number, not " + w);
                }
            }
        }
        return Tenure.afterLoading(Translator.load(models, weights));
    }

    /**
     * The model (or ensemble) on --threads threads, searching with this beam (null: the config's), as the commands
     * that score a test set use it.
     */
    Translator loadWithBeam(Integer beam) {
        Translator loaded = load().withThreads(NativeThreads.configure(threads));
        return loaded.with(loaded.decoding().withOverrides(beam, null, null, null, null, 0), false);
    }

    /** The one model folder of a command that takes no ensemble. */
    public Path single(String command) {
        if (models.size() != 1) {
            throw new UserError(command + " takes one --model, not " + models.size());
        }
        return models.get(0);
    }

    /** The model folders given, in order. */
    public List<Path> models() {
        return models;
    }

    /** The threads asked for. */
    public int threads() {
        return threads;
    }
}
