package org.nmt4j.markup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A translation written with its placed elements: the plain translation escaped as markup text (characters the source
 * wrote as entities written the same way), an opening tag right before its first target word, the closing tag right
 * after its last, a point after the word before it (or before the next word, after the space, when the source had
 * whitespace before it). The tags are written in nesting order, so the result is well-formed.
 */
final class MarkupWriter {

    private final MarkedText source;
    private final String text;
    private final int[][] wordSpans; // each target word's characters [start, end) in text
    private final StringBuilder out = new StringBuilder();
    private int written; // characters of text written so far

    MarkupWriter(MarkedText source, String text, int[][] wordSpans) {
        this.source = source;
        this.text = text;
        this.wordSpans = wordSpans;
    }

    String write(List<Placed> placed) {
        writeAll(placed);
        out.append(source.escape(text.substring(written)));
        return out.toString();
    }

    private void writeAll(List<Placed> placed) {
        List<Placed> ordered = new ArrayList<>(placed);
        ordered.sort(Comparator.comparingInt(Placed::from).thenComparingInt(p -> p.atBoundary() ? 0 : 1));
        for (Placed p : ordered) {
            if (p.atBoundary()) {
                int at = p.from() == 0 ? 0 : p.element().spaceBefore() && p.from() < wordSpans.length
                        ? wordSpans[p.from()][0] : wordSpans[p.from() - 1][1];
                emit(at, asWritten(p.element()));
            } else {
                emit(wordSpans[p.from()][0], p.element().open());
                writeAll(p.children());
                emit(wordSpans[p.to() - 1][1], p.element().close());
            }
        }
    }

    // the text up to offset (never back), then the markup
    private void emit(int offset, String markup) {
        int at = Math.max(Math.min(offset, text.length()), written);
        out.append(source.escape(text.substring(written, at))).append(markup);
        written = at;
    }

    // an element as one piece of markup, with whatever elements it holds
    private static String asWritten(Element e) {
        if (e.point()) {
            return e.open();
        }
        StringBuilder s = new StringBuilder(e.open());
        e.children().forEach(child -> s.append(asWritten(child)));
        return s.append(e.close()).toString();
    }
}
