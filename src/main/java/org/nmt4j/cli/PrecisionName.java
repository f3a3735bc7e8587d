package org.nmt4j.cli;

import org.nmt4j.compute.Precision;

import picocli.CommandLine;

/**
 * The value of a search's {@code --precision}: {@code fp32}, {@code bf16} or {@code int8}; anything else is a usage
 * error.
 */
public class PrecisionName implements CommandLine.ITypeConverter<Precision> {

    @Override
    public Precision convert(String value) {
        try {
            return Precision.parse(value.trim());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    /** The value of training's {@code --precision}: {@code fp32} or {@code bf16} ({@code int8} is for search). */
    public static final class Training extends PrecisionName {

        @Override
        public Precision convert(String value) {
            Precision precision = super.convert(value);
            if (!precision.trains()) {
                throw new CommandLine.TypeConversionException("precision " + precision.label()
                        + " is for translation; training takes fp32 or bf16");
            }
            return precision;
        }
    }
}
