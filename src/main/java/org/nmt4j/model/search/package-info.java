/**
 * The same function as {@code model}'s forward pass, laid out for search one step at a time over float arrays:
 * {@code SearchDecoder} (with {@code SearchEncoder}, {@code SearchWeights}, {@code TokenTable}, {@code SearchMemory}),
 * each variant's search half ({@code SearchScore}, {@code SearchCell}). No backward pass. Tests hold it to the training
 * forward: states, attention weights and logits step by step.
 *
 * <p>May use: {@code model} (parameters, batches, the training score's keys), {@code config} (the model's sizes),
 * {@code compute}, {@code io}.
 */
package org.nmt4j.model.search;
