/**
 * What the attention aligned: alignment matrices, hard and soft links and their formats (Pharaoh, Marian's soft
 * rows), word-level merging, forced alignment of given translations, two models' attention symmetrized, exports
 * (CSV, JSON, PNG, SVG, HTML), AER.
 *
 * <p>May use: {@code translate}, {@code model}, {@code config} (the model's heads), {@code text}, {@code data},
 * {@code compute}, {@code io},
 * {@code align.lexical} (its symmetrization heuristics).
 */
package org.nmt4j.align;
