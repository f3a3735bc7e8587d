/**
 * One YAML file describes an experiment: immutable records, one per section (data, preprocessing, vocabulary, model,
 * training, validation, decoding); defaults in one place; unknown keys, bad values and unknown variants are one-line
 * errors naming the file and key.
 *
 * <p>May use: {@code text} (languages and tokenizers a config names), {@code io}. Variant names are text here;
 * {@code model.ModelVariants} checks them where a model is built.
 */
package org.nmt4j.config;
