package org.nmt4j.model;

import org.nmt4j.model.search.SearchScore;

/**
 * One kind of attention score, everything the model needs to know of it: its name in {@code model.attention}, its
 * parameters (names, shapes, fan-in for initialisation), the training score and the search score built over those
 * parameters. A new score is its classes plus one registration in {@code attention.AttentionKinds}; the model, its
 * files, search and the tests that run over the registry then take it as they take the built-in ones.
 */
public interface AttentionKind {

    /**
     * The sizes a score is built for: query D (the decoder state; D + E when it reads the previous word too), values
     * 2H (the encoder states), attention A.
     */
    record Sizes(long query, long values, long attention) {
    }

    /** The name in {@code model.attention}. */
    String name();

    /** What is wrong with these sizes for this score, as a message for the user, or null. */
    default String problem(Sizes sizes) {
        return null;
    }

    /** Whether the score has parameters of its own, so that several heads of it differ (dot has none). */
    default boolean hasHeads() {
        return true;
    }

    /**
     * Whether the score projects its query (W_a s, W_q s) rather than reading the decoder state itself, so that the
     * query may be any width, the previous word's embedding included ({@code model.attention_query}).
     */
    default boolean projectsQuery() {
        return true;
    }

    /** Adds the score's parameters, each named {@code prefix + "." + name}, in the order they are stored. */
    void layout(Parameters.Layout layout, String prefix, Sizes sizes);

    /** The fan-in of one of them (its name after the prefix): it is initialised U(±1/√fan-in). */
    long fanIn(String parameter, Sizes sizes);

    /** The score training runs (forward and backward) over the parameters named {@code prefix.*}. */
    AttentionScore training(Parameters parameters, String prefix);

    /** The same function for search, over the same parameters (which search has already copied). */
    SearchScore search(Parameters parameters, String prefix);
}
