package org.nmt4j.data;

import java.util.List;

/** A sentence pair after preprocessing: the subword pieces of each side, and the corpus line it came from. */
public record PiecePair(long line, List<String> source, List<String> target) {
}
