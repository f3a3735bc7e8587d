package org.nmt4j.model.search;

/** The start of a search over a batch: one memory group per sentence and the initial states of the B sentences. */
public record SearchStart(SearchMemory memory, DecoderStates states) {
}
