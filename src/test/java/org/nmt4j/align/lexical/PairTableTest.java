package org.nmt4j.align.lexical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PairTableTest {

    @Test
    void everyAddedPairKeepsADistinctSlotThroughGrowthAndOthersHaveNone() {
        PairTable table = new PairTable(4);
        for (int e = 0; e < 200; e++) {
            for (int f = 0; f < 50; f++) {
                table.add(e, f * 7);
            }
        }
        assertEquals(10_000, table.size());
        assertTrue(table.capacity() * 3L >= table.size() * 4L, "load factor");
        Set<Integer> slots = new HashSet<>();
        for (int e = 0; e < 200; e++) {
            for (int f = 0; f < 50; f++) {
                int slot = table.slot(e, f * 7);
                assertEquals(slot, table.add(e, f * 7), "adding again finds the same slot");
                assertEquals(e, table.conditioning(slot));
                slots.add(slot);
            }
        }
        assertEquals(10_000, slots.size());
        assertEquals(-1, table.slot(3, 1));
        assertEquals(-1, table.slot(200, 0));
        assertEquals(10_000, table.size());
    }
}
