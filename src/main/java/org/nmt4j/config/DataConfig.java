package org.nmt4j.config;

import java.nio.file.Files;
import java.nio.file.Path;

import org.nmt4j.UserError;

/**
 * The parallel corpora: line-aligned source and target files (plain or {@code .gz}, UTF-8). Paths are relative to
 * the working directory. Validation files are optional (both or neither).
 */
public record DataConfig(Path trainSource, Path trainTarget, Path validSource, Path validTarget) {

    static DataConfig read(Section s) {
        Path trainSource = path(s, "train_source");
        Path trainTarget = path(s, "train_target");
        Path validSource = path(s, "valid_source");
        Path validTarget = path(s, "valid_target");
        if (trainSource == null || trainTarget == null) {
            throw s.error(trainSource == null ? "train_source" : "train_target", "missing (the training corpus)");
        }
        if ((validSource == null) != (validTarget == null)) {
            throw s.error(validSource == null ? "valid_source" : "valid_target",
                    "missing (give both validation files or neither)");
        }
        return new DataConfig(trainSource, trainTarget, validSource, validTarget);
    }

    private static Path path(Section s, String key) {
        String value = s.string(key, null);
        return value == null ? null : Path.of(value);
    }

    public boolean hasValidation() {
        return validSource != null;
    }

    /** Checks that every configured file exists (training needs them; translating does not). */
    public void checkFilesExist(String configName) {
        check(configName, "train_source", trainSource);
        check(configName, "train_target", trainTarget);
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
