package org.nmt4j.markup;

import java.util.List;

/**
 * One element of a line's markup, over the line's plain text: a pair of tags around the characters [start, end) of
 * the text, or a point at offset start (a self-closing tag, a placeholder, a comment, an HTML void element, or a pair
 * around no text). A point's {@code open} is all of its markup as written (for a pair around no text, with the tags
 * inside it); a pair's {@code open} and {@code close} are its two tags as written, attributes and all.
 *
 * @param open        the opening tag (a point: all of its markup), byte for byte
 * @param close       the closing tag; null for a point
 * @param start       where the element starts in the plain text
 * @param end         where it ends (a point: start)
 * @param spaceBefore whether whitespace (or the line's start) comes right before it in the source: a point keeps that
 * @param children    the elements inside a pair, in source order
 */
public record Element(String open, String close, int start, int end, boolean spaceBefore, List<Element> children) {

    public Element {
        children = List.copyOf(children);
    }

    /** Whether it is a point: no text inside. */
    public boolean point() {
        return close == null;
    }
}
