package org.nmt4j.markup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class MarkupParserTest {

    @Test
    void nestedAndAdjacentPairsAndPointsOverThePlainText() {
        MarkedText m = Markup.XML.parse("The <b class=\"x\">big <i>red</i></b><u>dog</u> ran<x id=\"1\"/>.");
        assertEquals("The big reddog ran.", m.text());
        List<Element> top = m.elements();
        assertEquals(3, top.size());
        Element b = top.get(0);
        assertEquals("<b class=\"x\">", b.open());
        assertEquals("</b>", b.close());
        assertEquals("big red", m.text().substring(b.start(), b.end()));
        assertEquals("red", m.text().substring(b.children().get(0).start(), b.children().get(0).end()));
        assertEquals("dog", m.text().substring(top.get(1).start(), top.get(1).end()));
        Element x = top.get(2);
        assertTrue(x.point());
        assertEquals("<x id=\"1\"/>", x.open());
        assertEquals("The big reddog ran".length(), x.start());
        assertTrue(!x.spaceBefore());
    }

    @Test
    void entitiesAreDecodedAndRememberedAsWritten() {
        MarkedText m = Markup.XML.parse("Tom &amp; Jerry &#169; &#x263A; &lt;3");
        assertEquals("Tom & Jerry \u00a9 \u263a <3", m.text());
        assertEquals("Tom &amp; Jerry &#169; &#x263A; &lt;3", m.escape(m.text()));
        assertEquals("a &gt; b", m.escape("a > b"));
        MarkedText html = Markup.HTML.parse("Caf&eacute; &nbsp;&copy; AT&T <3 &bogus;");
        assertEquals("Caf\u00e9 \u00a0\u00a9 AT&T <3 &bogus;", html.text());
        assertEquals("Caf&eacute; &nbsp;&copy; AT&amp;T &lt;3 &amp;bogus;", html.escape(html.text()));
    }

    @Test
    void emptyPairsCommentsAndVoidElementsArePoints() {
        MarkedText m = Markup.XML.parse("<b></b>A<!-- note --> <g id=\"2\"><x/></g> B");
        assertEquals("A  B", m.text());
        assertEquals(List.of("<b></b>", "<!-- note -->", "<g id=\"2\"><x/></g>"),
                m.elements().stream().map(Element::open).toList());
        assertTrue(m.elements().stream().allMatch(Element::point));
        MarkedText html = Markup.HTML.parse("One<br>two<IMG src='a.png'> <P>three</p>");
        assertEquals("Onetwo three", html.text());
        assertEquals(List.of("<br>", "<IMG src='a.png'>", "<P>"), html.elements().stream().map(Element::open)
                .toList());
        assertEquals("</p>", html.elements().get(2).close());
    }

    @Test
    void aLineOfOnlyMarkupHasNoText() {
        MarkedText m = Markup.XML.parse("<x id=\"1\"/>");
        assertEquals("", m.text());
        assertEquals(1, m.elements().size());
        assertTrue(m.hasMarkup());
        assertTrue(!Markup.XML.parse("plain text").hasMarkup());
    }

    @Test
    void malformedMarkupNamesTheProblemAndTheColumn() {
        assertEquals("column 4: <b> is not closed", message(Markup.XML, "An <b>open tag"));
        assertEquals("column 11: </i> closes <b>, opened at column 1", message(Markup.XML, "<b>crossed</i>"));
        assertEquals("column 3: </b> closes no open element", message(Markup.XML, "a </b>"));
        assertEquals("column 3: '<' that starts no tag (write &lt; for the character)", message(Markup.XML, "1 < 2"));
        assertEquals("column 3: '&' that starts no entity (write &amp; for the character)",
                message(Markup.XML, "A & B"));
        assertEquals("column 1: unknown entity &eacute;", message(Markup.XML, "&eacute;"));
        assertEquals("column 3: a tag that does not end (>)", message(Markup.XML, "a <b class='x'"));
        assertEquals("column 1: an attribute value whose quote does not close", message(Markup.XML, "<a href=\"x>y"));
        assertEquals("column 1: a comment that does not end (-->)", message(Markup.XML, "<!-- x"));
        assertNull(messageOrNull(Markup.HTML, "1 < 2 & 3"));
    }

    private static String message(Markup markup, String line) {
        return assertThrows(MarkupException.class, () -> markup.parse(line)).getMessage();
    }

    private static String messageOrNull(Markup markup, String line) {
        try {
            markup.parse(line);
            return null;
        } catch (MarkupException e) {
            return e.getMessage();
        }
    }
}
