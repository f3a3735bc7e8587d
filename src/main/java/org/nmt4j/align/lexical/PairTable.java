package org.nmt4j.align.lexical;

import java.util.Arrays;

/**
 * The word pairs (e, f) that occur together in some sentence pair, each with a slot in [0, capacity): an
 * open-addressing hash table of {@code e << 32 | f} keys with linear probing. Filled once, then only read (by any
 * number of threads), so a lexical table is a float array indexed by slot.
 */
final class PairTable {

    private static final long EMPTY = -1L;

    private long[] keys;
    private int mask;
    private int size;

    PairTable(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, (int) Math.min(1 << 30, expected * 2L)) - 1) << 1;
        keys = new long[capacity];
        Arrays.fill(keys, EMPTY);
        mask = capacity - 1;
    }

    /** The slot of (e, f), added if new. Not thread-safe. */
    int add(int e, int f) {
        long key = key(e, f);
        int slot = probe(key);
        if (keys[slot] == EMPTY) {
            keys[slot] = key;
            if (++size * 4L > keys.length * 3L) {
                grow();
                return probe(key);
            }
        }
        return slot;
    }

    /** The slot of (e, f), or -1 if the pair never occurred. */
    int slot(int e, int f) {
        int slot = probe(key(e, f));
        return keys[slot] == EMPTY ? -1 : slot;
    }

    private static long key(int e, int f) {
        return (long) e << 32 | (f & 0xffffffffL);
    }

    // the slot holding the key, or the empty slot where it would go
    private int probe(long key) {
        int slot = hash(key) & mask;
        while (keys[slot] != key && keys[slot] != EMPTY) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    int capacity() {
        return keys.length;
    }

    int size() {
        return size;
    }

    /** The conditioning word e of the pair in {@code slot}, or -1 for an empty slot. */
    int conditioning(int slot) {
        long k = keys[slot];
        return k == EMPTY ? -1 : (int) (k >>> 32);
    }

    private void grow() {
        long[] old = keys;
        keys = new long[old.length * 2];
        Arrays.fill(keys, EMPTY);
        mask = keys.length - 1;
        for (long key : old) {
            if (key != EMPTY) {
                keys[probe(key)] = key;
            }
        }
    }

    private static int hash(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29));
    }
}
