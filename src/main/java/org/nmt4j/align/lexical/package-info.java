/**
 * A statistical word aligner that needs no neural model: fast_align's IBM Model 2 with a diagonal prior (Dyer et al.
 * 2013), then the HMM alignment model (Vogel et al. 1996) from its lexical tables, both directions trained together
 * by agreement (Liang et al. 2006), by EM over a streamed corpus; and the symmetrization heuristics of Koehn et al.
 * (intersection, union, grow-diag, grow-diag-final, grow-diag-final-and).
 *
 * <p>May use: {@code data}, {@code compute}, {@code io}.
 */
package org.nmt4j.align.lexical;
