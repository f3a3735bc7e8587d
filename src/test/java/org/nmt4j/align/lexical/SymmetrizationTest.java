package org.nmt4j.align.lexical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nmt4j.io.UserError;

class SymmetrizationTest {

    // three source and four target words: forward[t] = source of target t, reverse[s] = target of source s
    private static final int[] FORWARD = {0, 1, 1, -1};
    private static final int[] REVERSE = {0, 2, 3};

    private static String links(Symmetrization s) {
        return Symmetrization.pharaoh(s.combine(FORWARD, REVERSE));
    }

    @Test
    void directionsIntersectionAndUnionAreTheirSets() {
        assertEquals("0-0 1-1 1-2", links(Symmetrization.FORWARD));
        assertEquals("0-0 1-2 2-3", links(Symmetrization.REVERSE));
        assertEquals("0-0 1-2", links(Symmetrization.INTERSECTION));
        assertEquals("0-0 1-1 1-2 2-3", links(Symmetrization.UNION));
    }

    @Test
    void growDiagAddsUnionLinksNextToTheIntersectionThatAlignAnUnalignedWord() {
        // 1-1 is a union link beside 1-2 and target 1 is unaligned; 2-3 is diagonal to 1-2 and both words are free
        assertEquals("0-0 1-1 1-2 2-3", links(Symmetrization.GROW_DIAG));
    }

    @Test
    void finalAndAddsOnlyLinksBetweenTwoUnalignedWords() {
        // the forward link 2-3 is far from every intersection link: only final(-and) reaches it
        int[] forward = {0, -1, -1, 2};
        int[] reverse = {0, -1, -1};
        assertEquals("0-0", Symmetrization.pharaoh(Symmetrization.GROW_DIAG.combine(forward, reverse)));
        assertEquals("0-0 2-3", Symmetrization.pharaoh(Symmetrization.GROW_DIAG_FINAL_AND.combine(forward, reverse)));
        // final without -and also takes a link of which one word is aligned already
        int[] forward2 = {0, -1, -1, 0};
        int[] reverse2 = {0, -1, -1};
        assertEquals("0-0", Symmetrization.pharaoh(Symmetrization.GROW_DIAG_FINAL_AND.combine(forward2, reverse2)));
        assertEquals("0-0 0-3", Symmetrization.pharaoh(Symmetrization.GROW_DIAG_FINAL.combine(forward2, reverse2)));
    }

    @Test
    void namesAreMosesNamesAndAnUnknownOneIsAUserError() {
        assertEquals(Symmetrization.GROW_DIAG_FINAL_AND, Symmetrization.of("grow-diag-final-and"));
        UserError e = assertThrows(UserError.class, () -> Symmetrization.of("gdfa"));
        assertEquals(true, e.getMessage().contains("grow-diag-final-and"));
    }
}
