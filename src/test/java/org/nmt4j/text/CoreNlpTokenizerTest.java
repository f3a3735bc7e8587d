package org.nmt4j.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nmt4j.Multi30k;
import org.nmt4j.io.UserError;

class CoreNlpTokenizerTest {

    private static List<String> texts(List<Token> tokens) {
        return tokens.stream().map(Token::text).toList();
    }

    private static String roundTrip(Tokenizer tokenizer, String line) {
        return Detokenizer.detokenize(tokenizer.tokenizeMarked(line));
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "de", "fr"})
    void everyMulti30kValidationSentenceRoundTripsExactly(String code) {
        Tokenizer tokenizer = new CoreNlpTokenizer(Language.fromCode(code), false);
        List<String> lines = Multi30k.lines("val", code);
        List<String> failures = new ArrayList<>();
        for (String line : lines) {
            if (!roundTrip(tokenizer, line).equals(Whitespace.normalize(line))) {
                failures.add(line);
            }
        }
        assertEquals(1014, lines.size());
        assertEquals(List.of(), failures, "sentences that did not round-trip");
    }

    @Test
    void splitsPunctuationFromWordsAndMarksAttachment() {
        Tokenizer tokenizer = new CoreNlpTokenizer(Language.EN, false);
        List<Token> tokens = tokenizer.tokenize("A man, in (blue) jeans.");
        assertEquals(List.of("A", "man", ",", "in", "(", "blue", ")", "jeans", "."), texts(tokens));
        assertEquals(List.of("A", "man", "￭,", "in", "(", "￭blue", "￭)", "jeans", "￭."),
                tokens.stream().map(Token::marked).toList());
    }

    @Test
    void ptbEscapesNeverLeakIntoTokens() {
        Tokenizer tokenizer = new CoreNlpTokenizer(Language.EN, false);
        String line = "He said \"hi\" (twice) [and] {left} -- 'quoted' \"double\".";
        List<String> tokens = texts(tokenizer.tokenize(line));
        for (String token : tokens) {
            assertFalse(token.matches("-[LR][RSC]B-|``|''"), () -> "escaped token " + token + " in " + tokens);
        }
        assertTrue(tokens.contains("\""));
        assertTrue(tokens.contains("("));
        assertEquals(Whitespace.normalize(line), roundTrip(tokenizer, line));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "A well-known t-shirt costs 3.50 dollars, or 3,000.25 yen.",
            "See https://example.org/a-b?x=1&y=2 and mail me at a.b@example.com now.",
            "\u201cSmart quotes\u201d and \u2018single ones\u2019 \u2014 with dashes \u2013 and ellipses\u2026",
            "I can't believe it's 9:30 p.m. already!",
            "  Leading,   inner\tand trailing   whitespace  ",
            "3 1/2 cups",
    })
    void englishQuirksRoundTrip(String line) {
        assertEquals(Whitespace.normalize(line), roundTrip(new CoreNlpTokenizer(Language.EN, false), line));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Er geht zum Bahnhof, ins Kino und im Park spazieren.",
            "\u201eDas ist\u201c, sagte sie, \u201edie Stra\u00dfe.\u201c",
            "Ein 3,5-j\u00e4hriges Kind isst M\u00fcsli mit 1.000 Rosinen.",
    })
    void germanQuirksRoundTrip(String line) {
        assertEquals(Whitespace.normalize(line), roundTrip(new CoreNlpTokenizer(Language.DE, false), line));
    }

    @Test
    void frenchContractionsAreSplitAndRoundTrip() {
        Tokenizer tokenizer = new CoreNlpTokenizer(Language.FR, false);
        String line = "L'homme qu'il a vu aujourd'hui porte un t-shirt \u00ab rouge \u00bb.";
        List<Token> tokens = tokenizer.tokenize(line);
        assertTrue(texts(tokens).contains("homme"), () -> "l' not split off: " + texts(tokens));
        assertEquals(Whitespace.normalize(line), Detokenizer.detokenizeTokens(tokens));
    }

    @Test
    void spanishRoundTripsDespiteCliticSplitting() {
        Tokenizer tokenizer = new CoreNlpTokenizer(Language.ES, false);
        String line = "\u00bfD\u00e1melo ahora? \u00a1Vamos al mercado del pueblo!";
        assertEquals(Whitespace.normalize(line), roundTrip(tokenizer, line));
        assertTrue(texts(tokenizer.tokenize(line)).contains("\u00bf"));
    }

    @Test
    void lowercasingLowersEveryToken() {
        Tokenizer tokenizer = new CoreNlpTokenizer(Language.DE, true);
        assertEquals(List.of("zwei", "m\u00e4nner", "im", "park", "."), texts(tokenizer.tokenize("Zwei M\u00e4nner im Park.")));
    }

    @Test
    void emptyAndBlankLinesGiveNoTokens() {
        Tokenizer tokenizer = new CoreNlpTokenizer(Language.EN, false);
        assertEquals(List.of(), tokenizer.tokenize(""));
        assertEquals(List.of(), tokenizer.tokenize("  \t "));
    }

    @Test
    void tokensNeverContainWhitespace() {
        Tokenizer tokenizer = new CoreNlpTokenizer(Language.EN, false);
        for (Token token : tokenizer.tokenize("It costs 3 1/2 dollars at (800) 555-1212 \u00a0 today")) {
            assertTrue(token.text().codePoints().noneMatch(Whitespace::isSpace), token.text());
        }
    }

    @Test
    void unknownLanguageCodeIsAClearError() {
        UserError error = assertThrows(UserError.class, () -> Language.fromCode("xx"));
        assertTrue(error.getMessage().contains("'xx'"), error.getMessage());
        assertTrue(error.getMessage().contains("en, de, fr, es"), error.getMessage());
    }
}
