/**
 * The command line (picocli): each command parses its options and calls the library; benchmarks run the library's
 * own entry points ({@code bench train} runs {@code Trainer}, {@code bench translate} a {@code Translator}).
 *
 * <p>May use: {@code io}, {@code compute}, {@code text}, {@code data}, {@code eval}, {@code config}, {@code model.io},
 * {@code translate}, {@code align}, {@code align.lexical}, {@code train}, {@code serve}; not the model's layers,
 * which it reaches through those.
 */
package org.nmt4j.cli;
