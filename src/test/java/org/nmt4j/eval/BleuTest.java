package org.nmt4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class BleuTest {

    private static final double EPS = 1e-9;

    @Test
    void identicalTextScoresOneHundred() {
        BleuScore score = Bleu.corpusDefault().corpusScore(List.of("the cat sat on the mat ."),
                List.of(List.of("the cat sat on the mat .")));
        assertEquals(100.0, score.score(), EPS);
        assertEquals(1.0, score.brevityPenalty(), EPS);
    }

    @Test
    void handComputedScoreWithBrevityPenalty() {
        // hyp "the cat the cat" vs ref "the cat sat on the mat": clipped 1-grams 3/4 ("cat" once in the ref),
        // 2-grams 1/3, 3-grams 0/2, 4-grams 0/1; exp smoothing: 100/(2·2) and 100/(4·1)
        BleuScore score = Bleu.corpusDefault().corpusScore(List.of("the cat the cat"),
                List.of(List.of("the cat sat on the mat")));
        assertArrayEquals(new double[] {75.0, 100.0 / 3, 100.0 / (2 * 2), 100.0 / (4 * 1)}, score.precisions(), EPS);
        double bp = Math.exp(1 - 6.0 / 4);
        double expected = bp * Math.exp((Math.log(75) + Math.log(100.0 / 3) + Math.log(25) + Math.log(25)) / 4);
        assertEquals(expected, score.score(), EPS);
        assertEquals(4, score.hypothesisLength());
        assertEquals(6, score.referenceLength());
    }

    @Test
    void closestReferenceLengthAndMaxClippingOverSeveralReferences() {
        Bleu bleu = Bleu.corpusDefault();
        BleuScore score = bleu.corpusScore(List.of("a a b"), List.of(List.of("a b c d e f g"), List.of("a a")));
        assertEquals(2, score.referenceLength()); // |3-2| < |3-7|
        assertEquals(100.0, score.precisions()[0], EPS); // "a" twice is allowed by the second reference
        assertEquals("nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0", score.signature());
    }

    @Test
    void emptyHypothesisScoresZero() {
        BleuScore score = Bleu.sentenceDefault().sentenceScore("", List.of("a dog runs"));
        assertEquals(0.0, score.score(), EPS);
    }

    @Test
    void effectiveOrderLetsShortSentencesScore() {
        assertEquals(100.0, Bleu.sentenceDefault().sentenceScore("yes .", List.of("yes .")).score(), EPS);
    }

    @Test
    void thirteenATokenizerSplitsPunctuationButNotNumbers() {
        assertEquals(List.of("3.5", "%", "of", "\"", "x", "\"", ",", "1,000", "-", "2"),
                BleuTokenizer.THIRTEEN_A.words("3.5% of \"x\", 1,000-2"));
        assertEquals(List.of("a", "&", "b"), BleuTokenizer.THIRTEEN_A.words("a &amp; b"));
    }

    @Test
    void intlTokenizerSplitsUnicodePunctuationAndSymbols() {
        assertEquals(List.of("\u201e", "Ja", "\u201c", ",", "5", "\u20ac", "3.5"),
                BleuTokenizer.INTL.words("\u201eJa\u201c, 5\u20ac 3.5"));
    }

    @Test
    void misalignedInputIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> Bleu.corpusDefault().corpusScore(List.of("a", "b"), List.of(List.of("a"))));
    }

    @Test
    void formatsLikeSacrebleu() {
        BleuScore score = Bleu.corpusDefault().corpusScore(List.of("the cat sat on the mat ."),
                List.of(List.of("the cat sat on the mat .")));
        assertEquals("BLEU|nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0 = 100.00 100.0/100.0/100.0/100.0 "
                + "(BP = 1.000 ratio = 1.000 hyp_len = 7 ref_len = 7)", score.format());
    }
}
