package org.nmt4j.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nmt4j.Multi30k;
import org.nmt4j.io.UserError;

/**
 * Tokenizers {@code unicode} and {@code none} ({@link Tokenizers}) on text in eight scripts and on Multi30k: every
 * line comes back from its tokens, and from its subword pieces, as the normalised input.
 */
class LanguageIndependentTokenizersTest {

    /** Script name → a few hundred characters of text in it (src/test/resources/org/nmt4j/text/scripts.tsv). */
    static Map<String, String> samples() {
        Map<String, String> samples = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                LanguageIndependentTokenizersTest.class.getResourceAsStream("scripts.tsv"), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                int tab = line.indexOf('\t');
                samples.put(line.substring(0, tab), line.substring(tab + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return samples;
    }

    private static String spacesNormalised(String s) {
        return String.join(" ", Whitespace.split(s));
    }

    // BPE codes learned on the lines' tokens, and the lines through tokens, pieces and back
    private static void assertRoundTrips(Tokenizer tokenizer, List<String> lines, int merges,
                                         java.util.function.UnaryOperator<String> normalized) {
        WordCounts counts = new WordCounts();
        counts.addText(lines, tokenizer);
        BpeCodes codes = BpeLearner.learn(counts.words(), merges, 2, step -> { });
        Preprocessor preprocessor = new Preprocessor(tokenizer, new BpeEncoder(codes), true);
        for (String line : lines) {
            String expected = normalized.apply(line);
            assertEquals(expected, tokenizer.detokenize(tokenizer.tokenizeMarked(line)), "tokens of: " + line);
            assertEquals(expected, preprocessor.detokenize(preprocessor.pieces(line)), "pieces of: " + line);
        }
    }

    @Test
    void noneGivesEveryScriptBackFromItsPiecesAsNfkcText() {
        SpaceSymbolTokenizer none = new SpaceSymbolTokenizer(false, true);
        List<String> lines = new ArrayList<>(samples().values());
        assertRoundTrips(none, lines, 300, line -> spacesNormalised(Normalizer.normalize(line, Normalizer.Form.NFKC)));
        assertEquals("ABC123 and five flowers: カタカナ 1 平成 — NFKC folds these.",
                none.normalize(samples().get("fullwidth")));
    }

    @Test
    void noneKeepsSpacesAsTheVisibleSpaceAndReadsItBack() {
        SpaceSymbolTokenizer none = new SpaceSymbolTokenizer(false, true);
        assertEquals(List.of("\u2581Ein", "\u2581Mann", ",", "\u2581der"), none.tokenizeMarked("  Ein Mann,\tder "));
        assertEquals(List.of("\u2581(", "im", "\u2581Jahr", "\u25812021", ")."), none.tokenizeMarked("(im Jahr 2021)."));
        assertEquals(List.of("\u2581iPhone", "-", "чехол", "\u2581A", "4"), none.tokenizeMarked("iPhone-чехол A4"));
        assertEquals("a b", none.detokenize(none.tokenizeMarked("a\u2581b")));
        assertEquals(List.of("\u2581北京是中华人民共和国的首都", ","), none.tokenizeMarked("北京是中华人民共和国的首都，")); // NFKC
        assertEquals(List.of("\u2581東京", "は", "スカイツリー", "です"), none.tokenizeMarked("東京はスカイツリーです"));
        assertEquals(List.of("\u2581नमस्ते"), none.tokenizeMarked("नमस्ते")); // marks stay in their word
        SpaceSymbolTokenizer raw = new SpaceSymbolTokenizer(false, false);
        assertEquals("ＡＢＣ", raw.detokenize(raw.tokenizeMarked("ＡＢＣ")));
    }

    @Test
    void unicodeGivesEverySpacedScriptBackFromItsPieces() {
        UnicodeTokenizer unicode = new UnicodeTokenizer(false);
        List<String> lines = new ArrayList<>();
        for (String script : List.of("cyrillic", "greek", "arabic", "devanagari", "latin")) {
            lines.add(samples().get(script));
        }
        assertRoundTrips(unicode, lines, 200, LanguageIndependentTokenizersTest::spacesNormalised);
    }

    @Test
    void unicodeSplitsPunctuationAndScriptChangesButKeepsMarksAndDigitsInWords() {
        UnicodeTokenizer unicode = new UnicodeTokenizer(false);
        assertEquals(List.of("iPhone", "\uFFED-", "\uFFEDчехол", "\uFFED,", "2021", "\uFFED!"),
                unicode.tokenizeMarked("iPhone-чехол, 2021!"));
        assertEquals(List.of("नमस्ते", "\uFFED।"), unicode.tokenizeMarked("नमस्ते।")); // virama and vowel signs stay
        assertEquals(List.of("Москва2020"), unicode.tokenizeMarked("Москва2020"));
        assertEquals(List.of("\u25A0", "\uFFEDx"), unicode.tokenizeMarked("\uFFEDx")); // the reserved joiner is replaced
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "de", "fr"})
    void bothRoundTripMulti30kValidation(String language) {
        List<String> lines = Multi30k.lines("val", language);
        assertRoundTrips(new UnicodeTokenizer(false), lines, 2000, LanguageIndependentTokenizersTest::spacesNormalised);
        assertRoundTrips(new SpaceSymbolTokenizer(false, true), lines, 2000,
                line -> spacesNormalised(Normalizer.normalize(line, Normalizer.Form.NFKC)));
    }

    @Test
    void corenlpNeedsOneOfItsLanguagesAndTheOthersNeedNone() {
        UserError missing = assertThrows(UserError.class, () -> Tokenizers.create("corenlp", null, false, true));
        assertTrue(missing.getMessage().contains("unicode tokenizer or none"), missing.getMessage());
        assertThrows(UserError.class, () -> Tokenizers.create("corenlp", "cs", false, true));
        assertTrue(Tokenizers.create("none", "cs", false, true) instanceof SpaceSymbolTokenizer);
        assertTrue(Tokenizers.create("unicode", null, false, true) instanceof UnicodeTokenizer);
        assertFalse(Tokenizers.marksTokens("regex"));
    }
}
