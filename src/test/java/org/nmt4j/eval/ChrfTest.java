package org.nmt4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ChrfTest {

    @Test
    void identicalTextScoresOneHundredWhateverTheSpacing() {
        assertEquals(100.0, Chrf.chrf().sentenceScore("a  cat", List.of("a cat")).score(), 1e-9);
        assertEquals(100.0, Chrf.chrf().sentenceScore("acat", List.of("a cat")).score(), 1e-9); // spaces are dropped
    }

    @Test
    void handComputedCharacterF() {
        // hyp "ab" vs ref "abc", chrF with orders 1-2 and beta 2:
        // 1-grams: P=2/2 R=2/3; 2-grams: P=1/1 R=1/2; averages P=1, R=7/12
        Chrf chrf = new Chrf(2, 0, 2, false);
        double p = 1.0;
        double r = 7.0 / 12;
        assertEquals(100 * 5 * p * r / (4 * p + r), chrf.sentenceScore("ab", List.of("abc")).score(), 1e-9);
    }

    @Test
    void chrfPlusPlusAddsWordNgramsAndSplitsTrailingPunctuation() {
        ChrfScore withWords = Chrf.chrfPlusPlus().sentenceScore("a dog.", List.of("a dog ."));
        assertEquals(100.0, withWords.score(), 1e-9);
        assertEquals("chrF2++", withWords.name());
        assertTrue(Chrf.chrfPlusPlus().sentenceScore("dog a", List.of("a dog")).score()
                < Chrf.chrf().sentenceScore("dog a", List.of("a dog")).score() + 1e-9);
    }

    @Test
    void bestReferenceIsChosenPerSegment() {
        double one = Chrf.chrf().corpusScore(List.of("the cat"), List.of(List.of("the cat"), List.of("a dog"))).score();
        assertEquals(100.0, one, 1e-9);
    }

    @Test
    void lowercaseMatchesAcrossCase() {
        assertEquals(100.0, Chrf.chrf().withLowercase(true).sentenceScore("The Cat", List.of("the cat")).score(), 1e-9);
        assertEquals("chrF2|nrefs:1|case:lc|eff:yes|nc:6|nw:0|space:no|version:2.6.0 = 100.00",
                Chrf.chrf().withLowercase(true).sentenceScore("The Cat", List.of("the cat")).format());
    }
}
