package org.nmt4j.model.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.io.UserError;
import org.nmt4j.model.Parameters;

/**
 * Checkpoint averaging ({@code nmt4j average}): the element-wise mean of several parameter files of one model, summed
 * in double precision, written as a new model folder beside the one they came from (its config, vocabularies and BPE
 * codes copied, its own parameters untouched).
 */
public final class ParameterAverage {

    private ParameterAverage() {
    }

    /**
     * Sets {@code into} to the mean of {@code files}, each a parameter file of {@code into}'s layout (a file of
     * another layout is a one-line error naming it).
     */
    public static void average(List<Path> files, Parameters into) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no parameter files to average");
        }
        double[] sum = new double[Math.toIntExact(into.size())];
        for (Path file : files) {
            ParameterFile.read(file, into);
            double[] values = into.values().toDoubleVector();
            for (int i = 0; i < sum.length; i++) {
                sum[i] += values[i];
            }
        }
        for (int i = 0; i < sum.length; i++) {
            sum[i] /= files.size();
        }
        into.values().assign(Nd4j.createFromArray(sum).castTo(into.dataType()).reshape(1, sum.length));
    }

    /**
     * Writes the model folder {@code output}: {@code model}'s config, vocabularies and BPE codes with the mean of
     * {@code files} as its parameters. {@code output} must not exist yet or be empty.
     */
    public static void write(Path model, List<Path> files, Path output) throws IOException {
        if (Files.exists(output) && !(Files.isDirectory(output) && isEmpty(output))) {
            throw new UserError(output + ": exists; the averaged model goes into a new folder");
        }
        ModelFolder.Loaded loaded = ModelFolder.load(model);
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new UserError(file + ": no such parameter file");
            }
        }
        average(files, loaded.model().parameters());
        Path partial = output.resolveSibling(output.getFileName() + ".partial");
        deleteTree(partial);
        ModelFolder.save(partial, loaded.model(), loaded.source(), loaded.target());
        for (String name : List.of(ModelFolder.CONFIG, ModelFolder.BPE_CODES)) {
            if (Files.isRegularFile(model.resolve(name))) {
                Files.copy(model.resolve(name), partial.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (Files.isDirectory(output)) {
            Files.delete(output); // empty, checked above
        }
        Files.move(partial, output, StandardCopyOption.ATOMIC_MOVE);
    }

    private static boolean isEmpty(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> all = Files.walk(directory)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
