/**
 * The same function as {@code model}'s forward pass, laid out for search one step at a time over float arrays:
 * {@code SearchDecoder} (with {@code SearchEncoder}, {@code SearchWeights}, {@code TokenTable}, {@code SearchMemory}),
 * the interfaces of each variant's search half ({@code SearchScore}, {@code SearchCell}; the halves themselves live
 * in {@code model.attention} and {@code model.cell}). No backward pass. Tests hold it to the training
 * forward: states, attention weights and logits step by step.
 *
 * <p>May use: {@code model} (parameters, batches, the training score's keys), {@code config} (the model's sizes),
 * {@code compute}, {@code io}, {@code model.attention} (its registry, for the alignment head's score, and the
 * local window).
 */
package org.nmt4j.model.search;
