package org.nmt4j.markup;

import java.util.List;

/**
 * An element put into a translation: a pair around the target words [from, to), or a point at the boundary before
 * target word {@code from} ({@code to == from}).
 */
public record Placed(Element element, int from, int to, List<Placed> children) {

    public Placed {
        children = List.copyOf(children);
    }

    /** Whether it is written as one piece of markup at a boundary (a point, or a pair that was put around no word). */
    public boolean atBoundary() {
        return element.point() || from == to;
    }
}
