package org.nmt4j.cli;

import org.nmt4j.compute.Precision;

import picocli.CommandLine;

/** The value of {@code --precision}: {@code fp32} or {@code bf16}; anything else is a usage error. */
public final class PrecisionName implements CommandLine.ITypeConverter<Precision> {

    @Override
    public Precision convert(String value) {
        try {
            return Precision.parse(value.trim());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
