/**
 * Translation quality, sacreBLEU-compatible to the hundredth: BLEU (13a, intl, none; smoothing), chrF2 and chrF++,
 * with sacreBLEU's signatures.
 *
 * <p>May use: {@code text}, {@code io}.
 */
package org.nmt4j.eval;
