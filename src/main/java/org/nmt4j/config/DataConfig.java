package org.nmt4j.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.nmt4j.io.UserError;

/**
 * The parallel corpora: line-aligned source and target files (plain or {@code .gz}, UTF-8). Paths are relative to
 * the working directory. Training reads one corpus ({@code train_source}, {@code train_target}) or several with
 * weights ({@code train: [{source, target, weight}, ...]}: an epoch holds round(weight × size) pairs of each).
 * Validation files are optional (both or neither). {@code listed}: the corpora were given as a list.
 */
public record DataConfig(List<Corpus> train, boolean listed, Path validSource, Path validTarget) {

    /** One training corpus and its weight (1 = each pair once an epoch). */
    public record Corpus(Path source, Path target, double weight) {

        /** How messages name it: {@code train.de/train.en}. */
        public String name() {
            return source.getFileName() + "/" + target.getFileName();
        }
    }

    static DataConfig read(Section s) {
        List<Section> listed = s.sections("train");
        Path trainSource = path(s, "train_source");
        Path trainTarget = path(s, "train_target");
        List<Corpus> train = new ArrayList<>();
        if (listed != null) {
            if (trainSource != null || trainTarget != null) {
                throw s.error("train", "give the training corpora either as train (a list) or as train_source and "
                        + "train_target, not both");
            }
            if (listed.isEmpty()) {
                throw s.error("train", "an empty list (give at least one {source, target})");
            }
            for (Section corpus : listed) {
                Path source = path(corpus, "source");
                Path target = path(corpus, "target");
                if (source == null || target == null) {
                    throw corpus.error(source == null ? "source" : "target", "missing");
                }
                double weight = corpus.number("weight", 1.0);
                if (!(weight > 0) || Double.isInfinite(weight)) {
                    throw corpus.error("weight", "must be above 0, not " + weight);
                }
                train.add(new Corpus(source, target, weight));
            }
        } else {
            if (trainSource == null || trainTarget == null) {
                throw s.error(trainSource == null ? "train_source" : "train_target", "missing (the training corpus)");
            }
            train.add(new Corpus(trainSource, trainTarget, 1.0));
        }
        Path validSource = path(s, "valid_source");
        Path validTarget = path(s, "valid_target");
        if ((validSource == null) != (validTarget == null)) {
            throw s.error(validSource == null ? "valid_source" : "valid_target",
                    "missing (give both validation files or neither)");
        }
        return new DataConfig(List.copyOf(train), listed != null, validSource, validTarget);
    }

    private static Path path(Section s, String key) {
        String value = s.string(key, null);
        return value == null ? null : Path.of(value);
    }

    public boolean hasValidation() {
        return validSource != null;
    }

    /** The training corpora's weights, in order. */
    public List<Double> weights() {
        return train.stream().map(Corpus::weight).toList();
    }

    /** Checks that every configured file exists (training needs them; translating does not). */
    public void checkFilesExist(String configName) {
        for (int i = 0; i < train.size(); i++) {
            String key = listed ? "train[" + (i + 1) + "]." : "train_";
            check(configName, key + "source", train.get(i).source());
            check(configName, key + "target", train.get(i).target());
        }
        check(configName, "valid_source", validSource);
        check(configName, "valid_target", validTarget);
    }

    private static void check(String configName, String key, Path file) {
        if (file != null && !Files.exists(file)) {
            throw new UserError(configName + ": data." + key + ": no such file '" + file + "'");
        }
        if (file != null && Files.isDirectory(file)) { // a named pipe or /dev/fd/N is fine: it is read once
            throw new UserError(configName + ": data." + key + ": '" + file + "' is a folder, not a file");
        }
    }
}
