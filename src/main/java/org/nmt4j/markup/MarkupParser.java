package org.nmt4j.markup;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One line's markup taken apart into plain text and elements ({@link Markup#parse}). */
final class MarkupParser {

    // a pair whose closing tag is still to come
    private record Open(String name, String tag, int at, int textStart, boolean spaceBefore, List<Element> children) {
    }

    private final Markup markup;
    private final String line;
    private final StringBuilder text = new StringBuilder();
    private final Map<String, String> entities = new HashMap<>();
    private final Deque<Open> open = new ArrayDeque<>();
    private final List<Element> top = new ArrayList<>();
    private int pos;

    MarkupParser(Markup markup, String line) {
        this.markup = markup;
        this.line = line;
    }

    MarkedText parse() {
        while (pos < line.length()) {
            char c = line.charAt(pos);
            if (c == '<') {
                tag();
            } else if (c == '&') {
                entity();
            } else {
                text.append(c);
                pos++;
            }
        }
        if (!open.isEmpty()) {
            Open o = open.peek();
            throw new MarkupException("<" + o.name() + "> is not closed", o.at() + 1);
        }
        return new MarkedText(text.toString(), top, entities);
    }

    private void tag() {
        int at = pos;
        if (line.startsWith("<!--", pos)) {
            int end = line.indexOf("-->", pos + 4);
            if (end < 0) {
                throw new MarkupException("a comment that does not end (-->)", at + 1);
            }
            pos = end + 3;
            add(point(line.substring(at, pos)));
            return;
        }
        if (line.startsWith("<![CDATA[", pos)) {
            int end = line.indexOf("]]>", pos);
            if (end < 0) {
                throw new MarkupException("a CDATA section that does not end (]]>)", at + 1);
            }
            text.append(line, pos + 9, end);
            pos = end + 3;
            return;
        }
        if (line.startsWith("<!", pos) || line.startsWith("<?", pos)) {
            int end = line.indexOf('>', pos);
            if (end < 0) {
                throw new MarkupException("'" + line.substring(pos, pos + 2) + "' that does not end (>)", at + 1);
            }
            pos = end + 1;
            add(point(line.substring(at, pos)));
            return;
        }
        boolean closing = line.startsWith("</", pos);
        int nameStart = pos + (closing ? 2 : 1);
        int nameEnd = nameStart;
        while (nameEnd < line.length() && isNameChar(line.charAt(nameEnd), nameEnd == nameStart)) {
            nameEnd++;
        }
        if (nameEnd == nameStart) {
            if (markup.lenientText()) { // HTML: a '<' that starts no tag is text
                text.append('<');
                pos++;
                return;
            }
            throw new MarkupException("'<' that starts no tag (write &lt; for the character)", at + 1);
        }
        String name = line.substring(nameStart, nameEnd);
        int end = tagEnd(nameEnd, at);
        String tag = line.substring(at, end + 1);
        pos = end + 1;
        if (closing) {
            if (!tag.substring(nameEnd - at, tag.length() - 1).isBlank()) {
                throw new MarkupException("a closing tag with attributes: " + tag, at + 1);
            }
            if (open.isEmpty()) {
                throw new MarkupException(tag + " closes no open element", at + 1);
            }
            Open o = open.pop();
            if (!markup.sameName(o.name(), name)) {
                throw new MarkupException(tag + " closes <" + o.name() + ">, opened at column " + (o.at() + 1),
                        at + 1);
            }
            Element element = o.textStart() == text.length()
                    ? new Element(line.substring(o.at(), pos), null, o.textStart(), o.textStart(), o.spaceBefore(),
                            List.of())
                    : new Element(o.tag(), tag, o.textStart(), text.length(), o.spaceBefore(), o.children());
            add(element);
        } else if (tag.endsWith("/>") || markup.isVoid(name)) {
            add(point(tag));
        } else {
            open.push(new Open(name, tag, at, text.length(), spaceBefore(), new ArrayList<>()));
        }
    }

    // the '>' that ends a tag, quotes respected
    private int tagEnd(int from, int at) {
        char quote = 0;
        for (int i = from; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '>') {
                return i;
            } else if (c == '<') {
                throw new MarkupException("a tag that does not end before the next '<'", at + 1);
            }
        }
        throw new MarkupException(quote != 0 ? "an attribute value whose quote does not close"
                : "a tag that does not end (>)", at + 1);
    }

    private void entity() {
        int at = pos;
        int semicolon = line.indexOf(';', pos);
        String body = semicolon < 0 || semicolon - pos > 40 ? null : line.substring(pos + 1, semicolon);
        Integer cp = body == null ? null : codePoint(body);
        if (cp == null) {
            if (markup.lenientText()) { // HTML: a lone '&' is text
                text.append('&');
                pos++;
                return;
            }
            throw new MarkupException(body == null ? "'&' that starts no entity (write &amp; for the character)"
                    : "unknown entity &" + body + ";", at + 1);
        }
        String ch = new String(Character.toChars(cp));
        entities.putIfAbsent(ch, line.substring(at, semicolon + 1));
        text.append(ch);
        pos = semicolon + 1;
    }

    private Integer codePoint(String body) {
        try {
            if (body.startsWith("#x") || body.startsWith("#X")) {
                return valid(Integer.parseInt(body.substring(2), 16));
            }
            if (body.startsWith("#")) {
                return valid(Integer.parseInt(body.substring(1)));
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return markup.entity(body);
    }

    private static Integer valid(int cp) {
        return Character.isValidCodePoint(cp) && cp != 0 ? cp : null;
    }

    private Element point(String markupText) {
        return new Element(markupText, null, text.length(), text.length(), spaceBefore(), List.of());
    }

    private boolean spaceBefore() {
        return text.isEmpty() || Character.isWhitespace(text.charAt(text.length() - 1));
    }

    private void add(Element element) {
        (open.isEmpty() ? top : open.peek().children()).add(element);
    }

    private static boolean isNameChar(char c, boolean first) {
        return Character.isLetter(c) || c == '_' || c == ':' || (!first && (Character.isDigit(c) || c == '-'
                || c == '.'));
    }
}
