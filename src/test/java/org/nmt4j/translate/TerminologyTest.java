package org.nmt4j.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.TinyModel;
import org.nmt4j.io.UserError;

class TerminologyTest {

    @TempDir
    Path dir;

    private final Translator translator = Translator.load(TinyModel.folder());

    /**
     * Every matched entry's target term is in the translation once for each time its source term is in the source, at
     * beam 1 and 3, in n-best lists too.
     */
    @Test
    void everyMatchedTermIsInTheTranslationExactlyOnce() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("data/test.de")).subList(0, 40);
        List<String> targetWords = new ArrayList<>();
        for (String token : translator.targetVocabulary().tokens()) {
            if (token.matches("[a-z]{3,}")) {
                targetWords.add(token);
            }
        }
        Random random = new Random(5);
        List<Terminology.Entry> entries = new ArrayList<>();
        for (String source : List.of("Mann", "Buch", "Katze", "Lehrer", "Kuchen", "den Ball")) {
            String target = targetWords.get(random.nextInt(targetWords.size()))
                    + (source.contains(" ") ? " " + targetWords.get(random.nextInt(targetWords.size())) : "");
            entries.add(new Terminology.Entry(source, target));
        }
        Translator constrained = translator.withTerminology(Terminology.of(entries));
        assertEquals(List.of(), constrained.skippedTerms());
        int matched = 0;
        for (int beam : new int[] {1, 3}) {
            Translator t = constrained.with(constrained.decoding().withBeamSize(beam), false);
            List<List<Translation>> nBest = t.translateNBest(lines, beam);
            for (int i = 0; i < lines.size(); i++) {
                List<String> words = List.of(lines.get(i).replaceAll("[.,]", "").split(" "));
                for (Translation translation : nBest.get(i)) {
                    String out = " " + String.join(" ", WordScores.of(translation).words()) + " ";
                    for (Terminology.Entry e : entries) {
                        int occurs = count(" " + String.join(" ", words) + " ", " " + e.source() + " ");
                        if (occurs > 0) {
                            matched++;
                            assertEquals(occurs, count(out, " " + e.target() + " "), lines.get(i) + " → " + out
                                    + ": " + e);
                        }
                    }
                }
            }
        }
        assertTrue(matched > 20, "terms matched: " + matched);
    }

    /** A glossary none of whose terms occur changes nothing. */
    @Test
    void withoutAMatchTheSearchIsTheUnconstrainedOne() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("data/test.de")).subList(0, 40);
        Translator constrained = translator.withTerminology(Terminology.of(List.of(new Terminology.Entry(
                "Zeppelin", "the"))));
        for (int beam : new int[] {1, 4}) {
            Translator plain = translator.with(translator.decoding().withBeamSize(beam), false);
            Translator glossary = constrained.with(constrained.decoding().withBeamSize(beam), false);
            List<Translation> a = plain.translate(lines);
            List<Translation> b = glossary.translate(lines);
            for (int i = 0; i < lines.size(); i++) {
                assertEquals(a.get(i).text(), b.get(i).text());
                assertEquals(a.get(i).score(), b.get(i).score(), 0);
            }
        }
    }

    @Test
    void aMalformedGlossaryLineIsAnErrorNamingIt() throws Exception {
        Path file = Files.writeString(dir.resolve("glossary.tsv"), "# terms\nHund\tdog\n\nKatze cat\n");
        UserError e = assertThrows(UserError.class, () -> Terminology.read(file));
        assertEquals(file + ":4: expected 'source term<TAB>target term' (1 field)", e.getMessage());
        Path list = Files.writeString(dir.resolve("shortlist.tsv"), Shortlist.HEADER + "\n");
        Shortlist shortlist = Shortlist.read(list, translator.sourceVocabulary(), translator.targetVocabulary());
        Terminology glossary = Terminology.of(List.of(new Terminology.Entry("Hund", "dog")));
        assertTrue(assertThrows(UserError.class, () -> translator.withTerminology(glossary).withShortlist(shortlist))
                .getMessage().startsWith("a lexical shortlist and a glossary do not combine"));
        assertThrows(UserError.class, () -> translator.withShortlist(shortlist).withTerminology(glossary));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }
}
