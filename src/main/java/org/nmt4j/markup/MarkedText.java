package org.nmt4j.markup;

import java.util.List;
import java.util.Map;

/**
 * A line with markup taken apart: the plain text that is translated, the elements around its spans, and how the
 * source wrote the characters it gave as entities (so that a translation writes them the same way).
 *
 * @param text     the plain text, entities decoded
 * @param elements the top-level elements, in source order
 * @param entities each character (or surrogate pair) the source wrote as an entity, and the entity as written first
 */
public record MarkedText(String text, List<Element> elements, Map<String, String> entities) {

    public MarkedText {
        elements = List.copyOf(elements);
        entities = Map.copyOf(entities);
    }

    /** Whether the line had any markup or entity at all. */
    public boolean hasMarkup() {
        return !elements.isEmpty() || !entities.isEmpty();
    }

    /**
     * Plain text written into markup: each character the source wrote as an entity written as that entity, and
     * {@code &}, {@code <} and {@code >} escaped, so that the result is well-formed text content.
     */
    public String escape(String plain) {
        StringBuilder out = new StringBuilder(plain.length() + 16);
        for (int i = 0; i < plain.length(); ) {
            int cp = plain.codePointAt(i);
            String ch = new String(Character.toChars(cp));
            String entity = entities.get(ch);
            if (entity != null) {
                out.append(entity);
            } else if (cp == '&') {
                out.append("&amp;");
            } else if (cp == '<') {
                out.append("&lt;");
            } else if (cp == '>') {
                out.append("&gt;");
            } else {
                out.append(ch);
            }
            i += Character.charCount(cp);
        }
        return out.toString();
    }
}
