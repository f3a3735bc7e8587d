package org.nmt4j.align.lexical;

/**
 * A trained word aligner's two directions: for a pair (source and target word ids), {forward, reverse} where
 * {@code forward[t]} is the source position of target word t and {@code reverse[s]} the target position of source word
 * s, or -1 for none. Safe to call from several threads.
 */
interface DirectionalAligner {

    int[][] align(int[] source, int[] target);
}
