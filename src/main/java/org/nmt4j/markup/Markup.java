package org.nmt4j.markup;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The markup a line may carry: {@link #XML} (XLIFF segments, DITA, any XML fragment: strict) or {@link #HTML} (tag
 * names in any case, void elements such as {@code <br>} without a slash, HTML's named entities, a lone {@code &} or
 * {@code <} as text).
 */
public enum Markup {

    XML, HTML;

    /** HTML's void elements: tags that never have a closing tag. */
    private static final Set<String> VOID = Set.of("area", "base", "br", "col", "embed", "hr", "img", "input", "link",
            "meta", "param", "source", "track", "wbr");

    private static final Map<String, Integer> XML_ENTITIES = Map.of("amp", (int) '&', "lt", (int) '<', "gt",
            (int) '>', "quot", (int) '"', "apos", (int) '\'');

    private static final Map<String, Integer> HTML_ENTITIES = new HashMap<>(XML_ENTITIES);

    static {
        String latin1 = "nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn "
                + "sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute "
                + "Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde "
                + "Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave "
                + "aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth "
                + "ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml";
        int cp = 160;
        for (String name : latin1.split(" ")) {
            HTML_ENTITIES.put(name, cp++);
        }
        Object[] more = {"OElig", 338, "oelig", 339, "Scaron", 352, "scaron", 353, "Yuml", 376, "fnof", 402,
            "circ", 710, "tilde", 732, "ensp", 8194, "emsp", 8195, "thinsp", 8201, "zwnj", 8204, "zwj", 8205,
            "lrm", 8206, "rlm", 8207, "ndash", 8211, "mdash", 8212, "lsquo", 8216, "rsquo", 8217, "sbquo", 8218,
            "ldquo", 8220, "rdquo", 8221, "bdquo", 8222, "dagger", 8224, "Dagger", 8225, "bull", 8226,
            "hellip", 8230, "permil", 8240, "prime", 8242, "Prime", 8243, "lsaquo", 8249, "rsaquo", 8250,
            "euro", 8364, "trade", 8482, "larr", 8592, "rarr", 8594};
        for (int i = 0; i < more.length; i += 2) {
            HTML_ENTITIES.put((String) more[i], (Integer) more[i + 1]);
        }
    }

    /** The markup named {@code xml} or {@code html}. */
    public static Markup of(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "xml" -> XML;
            case "html" -> HTML;
            default -> throw new IllegalArgumentException("unknown markup '" + name + "' (xml or html)");
        };
    }

    /** Takes a line's markup apart; a {@link MarkupException} says what is malformed and where. */
    public MarkedText parse(String line) {
        return new MarkupParser(this, line).parse();
    }

    /** Whether a tag of this name never has a closing tag. */
    boolean isVoid(String name) {
        return this == HTML && VOID.contains(name.toLowerCase(Locale.ROOT));
    }

    /** Whether two tag names are the same element's. */
    boolean sameName(String a, String b) {
        return this == HTML ? a.equalsIgnoreCase(b) : a.equals(b);
    }

    /** The code point a named entity stands for; null if this markup does not know it. */
    Integer entity(String name) {
        return (this == HTML ? HTML_ENTITIES : XML_ENTITIES).get(name);
    }

    /** Whether a lone {@code &} or a {@code <} that starts no tag is text (HTML) rather than an error (XML). */
    boolean lenientText() {
        return this == HTML;
    }
}
