/**
 * Text in and out of the model: invertible tokenizers (CoreNLP for en/de/fr/es, a regex tokenizer), detokenizers,
 * BPE learning and application (subword-nmt's formats), word and piece counts, vocabularies.
 *
 * <p>May use: {@code io} (reading UTF-8 files).
 */
package org.nmt4j.text;
