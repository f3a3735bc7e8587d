package org.nmt4j.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nmt4j.Multi30k;

class BpeLearnerTest {

    /** The example of Sennrich et al. (2016), Figure 1: low×5, lower×2, newest×6, widest×3. */
    private static Map<String, Long> sennrichExample() {
        return Map.of("low", 5L, "lower", 2L, "newest", 6L, "widest", 3L);
    }

    @Test
    void learnsTheMergesOfTheBpePaper() {
        // after "e s", "es t</w>", "l o": (e,w), (n,e) and (w,est</w>) all occur 6 times; the tie goes to (e,w)
        BpeCodes codes = BpeLearner.learn(sennrichExample(), 4, 2, null);
        assertEquals(List.of(
                new BpeCodes.Merge("e", "s"),
                new BpeCodes.Merge("es", "t</w>"),
                new BpeCodes.Merge("l", "o"),
                new BpeCodes.Merge("e", "w")), codes.merges());
    }

    @Test
    void stopsWhenNoPairIsFrequentEnough() {
        BpeCodes codes = BpeLearner.learn(Map.of("ab", 1L, "cd", 1L), 100, 2, null);
        assertEquals(0, codes.size());
    }

    @Test
    void tiesAreBrokenByPairOrderNotByHashOrder() {
        Map<String, Long> counts = new HashMap<>();
        counts.put("zy", 3L);
        counts.put("ab", 3L);
        counts.put("mn", 3L);
        BpeCodes codes = BpeLearner.learn(counts, 3, 1, null);
        assertEquals(List.of(new BpeCodes.Merge("a", "b</w>"), new BpeCodes.Merge("m", "n</w>"),
                new BpeCodes.Merge("z", "y</w>")), codes.merges());
    }

    @Test
    void sameCorpusGivesSameMergesInSameOrder() {
        List<String> lines = Multi30k.lines("val", "de");
        Tokenizer tokenizer = new CoreNlpTokenizer(Language.DE, false);
        Map<String, Long> first = new HashMap<>();
        Map<String, Long> second = new java.util.TreeMap<>();
        for (String line : lines) {
            for (String token : tokenizer.tokenizeMarked(line)) {
                String word = Token.fromMarked(token).text();
                first.merge(word, 1L, Long::sum);
                second.merge(word, 1L, Long::sum);
            }
        }
        BpeCodes a = BpeLearner.learn(first, 2000, 2, null);
        BpeCodes b = BpeLearner.learn(second, 2000, 2, null);
        assertTrue(a.size() > 1000, "learned " + a.size());
        assertEquals(a.merges(), b.merges());
    }
}
