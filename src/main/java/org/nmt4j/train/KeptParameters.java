package org.nmt4j.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.nmt4j.io.UserError;
import org.nmt4j.model.Parameters;
import org.nmt4j.model.io.ParameterFile;

/**
 * The last N validated parameter sets of a training ({@code training.keep_checkpoints}), kept in the model folder's
 * {@code checkpoints/} as {@code step-<step>.bin} parameter files, for {@code nmt4j average}. Each validation adds one
 * (the parameters validation read: the moving average when smoothing is on) and removes the oldest beyond N.
 */
public final class KeptParameters {

    public static final String DIRECTORY = "checkpoints";
    private static final Pattern NAME = Pattern.compile("step-(\\d+)\\.bin");

    private final Path folder;
    private final int keep;

    /** Keeps {@code keep} sets (at least 1) in {@code folder/checkpoints}. */
    public KeptParameters(Path folder, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be at least 1, not " + keep);
        }
        this.folder = folder;
        this.keep = keep;
    }

    /** The file of the parameters validated after {@code step}. */
    public static Path file(Path folder, long step) {
        return folder.resolve(DIRECTORY).resolve(String.format("step-%08d.bin", step));
    }

    /** Writes the parameters validated after {@code step} and removes the oldest sets beyond the number kept. */
    public void add(Parameters parameters, long step) throws IOException {
        Files.createDirectories(folder.resolve(DIRECTORY));
        ParameterFile.write(parameters, file(folder, step));
        List<Path> all = list(folder);
        for (Path old : all.subList(0, Math.max(0, all.size() - keep))) {
            Files.deleteIfExists(old);
        }
    }

    /** The kept parameter files of a model folder, oldest first (none when it keeps none). */
    public static List<Path> list(Path folder) {
        Path directory = folder.resolve(DIRECTORY);
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> kept = new ArrayList<>(files.filter(f -> NAME.matcher(f.getFileName().toString()).matches())
                    .toList());
            kept.sort(Comparator.comparingLong(KeptParameters::step));
            return kept;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The newest {@code n} kept files of a model folder, oldest first; a one-line error when it has fewer. */
    public static List<Path> last(Path folder, int n) {
        List<Path> kept = list(folder);
        if (kept.size() < n) {
            throw new UserError(folder.resolve(DIRECTORY) + ": holds " + kept.size() + " kept parameter set"
                    + (kept.size() == 1 ? "" : "s") + ", " + n + " asked for (train with training.keep_checkpoints: "
                    + n + " or more)");
        }
        return List.copyOf(kept.subList(kept.size() - n, kept.size()));
    }

    /** The step in a kept file's name. */
    public static long step(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException(file + " is not a kept parameter file");
        }
        return Long.parseLong(m.group(1));
    }
}
