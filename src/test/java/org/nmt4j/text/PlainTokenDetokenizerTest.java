package org.nmt4j.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class PlainTokenDetokenizerTest {

    @Test
    void joinsPunctuationAndWordInternalMarksAsTheYardstickDoes() {
        assertEquals("a man's t-shirt (blue), 5% off!", PlainTokenDetokenizer.detokenize(
                List.of("a", "man", "'", "s", "t", "-", "shirt", "(", "blue", ")", ",", "5", "%", "off", "!")));
        // the yardstick's rule cannot tell a spaced dash from a hyphen: both are joined
        assertEquals("a dog-running", PlainTokenDetokenizer.detokenize(List.of("a", "dog", "-", "running")));
    }

    @Test
    void plainTokensOfTheRegexTokenizerComeBack() {
        Preprocessor reference = new Preprocessor(new RegexTokenizer(true), null, false);
        String text = "two men, one in a red t-shirt, are playing (outside).";
        assertEquals(text, reference.detokenize(reference.pieces(text)));
    }
}
