package org.nmt4j.markup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class TagPlacementTest {

    // "a b c d" → four target words; weights[t][s]
    private static final int[][] WORDS = {{0, 1}, {2, 3}, {4, 5}, {6, 7}};

    private static List<Placed> place(String line, float[][] weights) {
        return new TagPlacement(weights, WORDS, TagPlacement.THRESHOLD).place(Markup.XML.parse(line));
    }

    private static float[][] permutation(int... sourceOfTarget) {
        float[][] w = new float[sourceOfTarget.length][4];
        for (int t = 0; t < w.length; t++) {
            w[t][sourceOfTarget[t]] = 0.9f;
            w[t][(sourceOfTarget[t] + 1) % 4] = 0.1f;
        }
        return w;
    }

    @Test
    void aPairGoesAroundTheWordsItsWordsAreAlignedWith() {
        List<Placed> p = place("a <b>b c</b> d", permutation(3, 2, 1, 0));
        assertEquals(1, p.size());
        assertEquals(1, p.get(0).from());
        assertEquals(3, p.get(0).to());
    }

    @Test
    void nestedPairsStayNestedAndSiblingsNeverCross() {
        // the inner pair's word is aligned outside the outer pair's target words: it is kept inside them
        float[][] w = permutation(0, 1, 2, 3);
        w[3] = new float[] {0, 0, 0, 0};
        w[3][1] = 1;
        List<Placed> p = place("<b>a <i>b</i></b> c d", w);
        Placed b = p.get(0);
        assertEquals(0, b.from());
        Placed i = b.children().get(0);
        assertEquals(true, i.from() >= b.from() && i.to() <= b.to() && i.from() < i.to());
        // two siblings aligned to the same target word: the second goes beside the first
        float[][] same = new float[4][4];
        for (int t = 0; t < 4; t++) {
            same[t][t] = 1;
        }
        same[2] = new float[] {0.5f, 0.5f, 0, 0};
        List<Placed> s = place("<u>a</u> <v>b</v> c d", same);
        Placed u = s.get(0);
        Placed v = s.get(1);
        assertEquals(true, u.to() <= v.from() || v.to() <= u.from());
    }

    @Test
    void aPointGoesAfterTheWordAlignedWithTheWordBeforeIt() {
        List<Placed> p = place("a b<x/> c d", permutation(2, 3, 0, 1));
        assertEquals(List.of(4), p.stream().map(Placed::from).toList()); // "b" is target word 3
        assertEquals(List.of(0, 4), place("<y/>a b c d<z/>", permutation(2, 3, 0, 1)).stream()
                .map(Placed::from).toList());
    }
}
