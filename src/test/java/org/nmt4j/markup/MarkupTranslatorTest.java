package org.nmt4j.markup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.nmt4j.TinyModel;
import org.nmt4j.translate.Translation;
import org.nmt4j.translate.Translator;
import org.xml.sax.InputSource;

class MarkupTranslatorTest {

    private static final Pattern TAG = Pattern.compile("<[^>]*>");

    private final Translator translator = Translator.load(TinyModel.folder());
    private final MarkupTranslator xml = new MarkupTranslator(translator, Markup.XML, false);

    /** Every output is well-formed XML, holds the input's tags as written and, without them, the plain translation. */
    @Test
    void aThousandRandomlyTaggedSentencesComeOutWellFormedWithTheirTags() throws Exception {
        List<String> sentences = Files.readAllLines(Path.of("data/train.de")).subList(0, 250);
        Random random = new Random(11);
        List<String> tagged = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            tagged.add(randomlyTagged(sentences.get(i % sentences.size()), random));
        }
        List<Translation> out = xml.translate(tagged);
        List<Translation> plain = translator.translate(tagged.stream().map(l -> Markup.XML.parse(l).text())
                .toList());
        var parser = DocumentBuilderFactory.newInstance().newDocumentBuilder();
        parser.setErrorHandler(null);
        for (int i = 0; i < tagged.size(); i++) {
            String text = out.get(i).text();
            String where = tagged.get(i) + " → " + text;
            parser.parse(new InputSource(new StringReader("<r>" + text + "</r>"))); // throws if malformed
            assertEquals(sorted(tags(tagged.get(i))), sorted(tags(text)), where);
            assertEquals(plain.get(i).text(), Markup.XML.parse(text).text(), where);
        }
    }

    @Test
    void tagsAtTheStartAndEndAroundASplitWordAndAroundNothing() {
        for (String line : List.of("<b>Der Lehrer</b> hat das Buch gesehen.", "Der Lehrer hat das <i>Buch</i>.",
                "<p>Der Lehrer hat das Buch gesehen.</p>", "Jetzt findet der Lehrer <b>achtundvierzig</b> Briefe.",
                "Der <x id=\"1\"/>Lehrer hat<br/> das Buch<g></g>.", "Der &amp; Lehrer &#169; hat.",
                "<b><i>Der</i></b><u>Lehrer</u> hat das Buch gesehen.")) {
            String out = xml.translate(List.of(line)).get(0).text();
            assertEquals(sorted(tags(line)), sorted(tags(out)), line + " → " + out);
            assertTrue(Markup.XML.parse(out).text().equals(translator.translate(Markup.XML.parse(line).text())
                    .text()), out);
        }
        String entities = xml.translate(List.of("Der &amp; Lehrer &#169; hat.")).get(0).text();
        assertTrue(!entities.contains("&") || entities.matches(".*&(amp|#169|lt|gt);.*"), entities);
    }

    @Test
    void aLineOfOnlyMarkupComesOutAsItWent() {
        assertEquals("<x id=\"1\"/>", xml.translate(List.of("<x id=\"1\"/>")).get(0).text());
        assertEquals("<b></b>", xml.translate(List.of("<b></b>")).get(0).text());
        assertEquals("", xml.translate(List.of("")).get(0).text());
    }

    @Test
    void aWordThatBpeSplitsIsWrappedWhole() {
        // "achtundvierzig" is several pieces for the tiny model: its tag still goes around whole target words
        String out = xml.translate(List.of("Jetzt findet der Lehrer <b>achtundvierzig</b> Briefe.")).get(0).text();
        Matcher m = Pattern.compile("<b>(.*)</b>").matcher(out);
        assertTrue(m.find(), out);
        String inside = m.group(1);
        assertTrue(!inside.isEmpty() && !inside.startsWith(" ") && !inside.endsWith(" "), out);
        assertTrue(!out.contains("@@"), out);
    }

    @Test
    void malformedMarkupIsAnErrorOrWithLenienceText() {
        MarkupException e = assertThrows(MarkupException.class, () -> xml.translate(List.of("fine", "<b>open")));
        assertEquals("line 2, column 1: <b> is not closed", e.getMessage());
        MarkupTranslator lenient = new MarkupTranslator(translator, Markup.XML, true);
        // the whole line translated as text, written as markup text
        assertEquals(new MarkedText("", List.of(), java.util.Map.of()).escape(translator.translate("<b>open").text()),
                lenient.translate(List.of("<b>open")).get(0).text());
    }

    private static String randomlyTagged(String sentence, Random random) {
        String[] words = sentence.split(" ");
        StringBuilder out = new StringBuilder();
        List<String> open = new ArrayList<>();
        String[] names = {"b", "i", "u", "span"};
        for (int w = 0; w < words.length; w++) {
            if (w > 0) {
                out.append(' ');
            }
            while (random.nextInt(4) == 0 && open.size() < 3) {
                String name = names[random.nextInt(names.length)];
                out.append('<').append(name).append(random.nextBoolean() ? "" : " id=\"" + w + "\"").append('>');
                open.add(name);
            }
            if (random.nextInt(10) == 0) {
                out.append(random.nextBoolean() ? "<x id=\"" + w + "\"/>" : "<!-- c" + w + " -->");
            }
            out.append(words[w].replace("&", "&amp;"));
            if (random.nextInt(12) == 0) {
                out.append(" &amp;");
            }
            while (!open.isEmpty() && random.nextInt(3) == 0) {
                out.append("</").append(open.remove(open.size() - 1)).append('>');
            }
        }
        while (!open.isEmpty()) {
            out.append("</").append(open.remove(open.size() - 1)).append('>');
        }
        return out.toString();
    }

    private static List<String> tags(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = TAG.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static List<String> sorted(List<String> list) {
        return list.stream().sorted().toList();
    }
}
