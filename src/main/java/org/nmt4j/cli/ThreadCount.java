package org.nmt4j.cli;

import picocli.CommandLine;

/** The value of {@code --threads}: a count of at least 1, or 0 for the default; anything else is a usage error. */
public final class ThreadCount implements CommandLine.ITypeConverter<Integer> {

    @Override
    public Integer convert(String value) {
        int threads;
        try {
            threads = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a whole number");
        }
        if (threads < 0) {
            throw new CommandLine.TypeConversionException("must be at least 1 (or 0: OMP_NUM_THREADS, else every "
                    + "core), not " + threads);
        }
        return threads;
    }
}
