package org.nmt4j.data;

/** A source sentence and its translation, with the line (or record) of the corpus they came from, from 1. */
public record SentencePair(long line, String source, String target) {
}
