package org.nmt4j.data;

/** A sentence pair as vocabulary ids (no {@code <s>}/{@code </s>}), and the corpus line it came from. */
public record EncodedPair(long line, int[] source, int[] target) {
}
