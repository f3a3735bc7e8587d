/**
 * The command line (picocli): each command parses its options and calls the library; benchmarks run the library's
 * own entry points ({@code bench train} runs {@code Trainer}, {@code bench translate} a {@code Translator}).
 *
 * <p>May use: every package.
 */
package org.nmt4j.cli;
