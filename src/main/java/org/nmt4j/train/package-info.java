/**
 * {@code nmt4j train}: training data, the training step (shards on threads, Adam, clipping), the loop with validation,
 * checkpoints and exact resume, schedules, early stopping, the training log and its plot, the links of guided
 * alignment.
 *
 * <p>May use: {@code config}, {@code data}, {@code text}, {@code model}, {@code model.io}, {@code compute},
 * {@code translate} (validation translates), {@code eval}, {@code align} (validation aligns), {@code align.lexical}
 * (guided alignment's {@code auto} links), {@code io}.
 */
package org.nmt4j.train;
