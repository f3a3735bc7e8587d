/**
 * Search and the Java API: greedy and beam search over {@code model.search}'s decoder step, n-best lists, and
 * {@code Translator}, the facade that turns raw text into translations with their attention: it translates with a
 * {@code TranslationModel} (a loaded model folder or an ensemble), batches, and writes hypotheses out through
 * {@code TranslationOutput}; {@code RunningBatch} is its running greedy batch, {@code ChunkedStream} the streaming
 * loop of the translate and align commands.
 *
 * <p>May use: {@code model}, {@code model.search}, {@code model.io}, {@code config}, {@code text}, {@code data}
 * (reading input), {@code compute}, {@code io}.
 */
package org.nmt4j.translate;
