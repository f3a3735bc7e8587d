/**
 * Model files: a model folder ({@code model.yaml}, vocabularies, {@code parameters.bin}) and the binary parameter
 * format (magic, version, names, shapes, CRC-32), written atomically, read with one-line errors.
 *
 * <p>May use: {@code model}, {@code config}, {@code text}, {@code io}.
 */
package org.nmt4j.model.io;
