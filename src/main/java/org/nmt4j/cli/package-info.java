/**
 * The command line (picocli): each command parses its options and calls the library; {@code nmt4j bench} is in
 * {@code cli.bench}.
 *
 * <p>May use: {@code io}, {@code compute}, {@code text}, {@code data}, {@code eval}, {@code config}, {@code model.io},
 * {@code translate}, {@code align}, {@code align.lexical}, {@code markup}, {@code train}, {@code serve},
 * {@code cli.bench} (the {@code bench} command); not the model's layers, which it reaches through those.
 */
package org.nmt4j.cli;
