/**
 * One YAML file describes an experiment: immutable records, one per section (data, preprocessing, vocabulary, model,
 * training, validation, decoding); defaults in one place; unknown keys, bad values and unknown variants are one-line
 * errors naming the file and key.
 *
 * <p>May use: {@code text} (languages and tokenizers a config names), {@code model}'s registries
 * ({@code AttentionKinds}, {@code CellKinds}: which names are valid).
 */
package org.nmt4j.config;
