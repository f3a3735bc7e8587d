package org.nmt4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.nmt4j.io.UserError;
import org.nmt4j.model.io.ParameterAverage;
import org.nmt4j.train.KeptParameters;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "average", mixinStandardHelpOptions = true,
        description = {"Checkpoint averaging: writes a model folder whose parameters are the mean of the last N "
                + "parameter sets a training kept (training.keep_checkpoints) or of the parameter files given.",
                "The new folder has the model's config, vocabularies and BPE codes; the model folder is not changed."})
final class AverageCommand implements Runnable {

    @Option(names = {"-m", "--model"}, required = true, description = "The trained model folder.")
    Path model;

    @ArgGroup(multiplicity = "1")
    Which which;

    static final class Which {
        @Option(names = "--last", description = "Average the newest N kept sets in MODEL/checkpoints.")
        Integer last;

        @Option(names = "--files", arity = "1..*", description = "Average these parameter files (same model).")
        List<Path> files;
    }

    @Option(names = {"-o", "--output"}, required = true, description = "The model folder to write (must not exist).")
    Path output;

    @Override
    public void run() {
        List<Path> files;
        if (which.last != null) {
            if (which.last < 1) {
                throw new UserError("--last must be at least 1");
            }
            files = KeptParameters.last(model, which.last);
        } else {
            files = which.files;
        }
        try {
            ParameterAverage.write(model, files, output);
        } catch (IOException e) {
            throw new UserError(output + ": cannot write (" + e.getMessage() + ")");
        }
        System.err.printf("averaged %d parameter set%s into %s%n", files.size(), files.size() == 1 ? "" : "s",
                output);
    }
}
