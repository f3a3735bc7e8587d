/**
 * Search and the Java API: greedy and beam search over {@code model.search}'s decoder step, n-best lists, and
 * {@code Translator}, which loads a model folder and turns raw text into translations with their attention.
 *
 * <p>May use: {@code model}, {@code model.search}, {@code model.io}, {@code config}, {@code text}, {@code data}
 * (reading input), {@code compute}, {@code io}.
 */
package org.nmt4j.translate;
