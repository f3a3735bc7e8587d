/**
 * Markup carried through translation: a line's tags and entities taken apart ({@code Markup}, {@code MarkupParser},
 * {@code MarkedText}, {@code Element}), the plain text translated, and each element put back around the target words
 * the word-level alignment maps its source words to ({@code TagPlacement}, {@code MarkupWriter}, {@code
 * MarkupTransfer}); {@code MarkupTranslator} is the Java API, {@code PlacementEvaluation} measures placement against
 * human word alignments.
 *
 * <p>May use: {@code translate}, {@code align} (the alignment matrix and its words), {@code text} (detokenization),
 * {@code io}.
 */
package org.nmt4j.markup;
