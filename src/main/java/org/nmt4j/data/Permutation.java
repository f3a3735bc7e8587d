package org.nmt4j.data;

/**
 * A pseudo-random permutation of {@code [0, n)} computed one index at a time, in constant memory: a six-round
 * Feistel network over the smallest even number of bits that holds {@code n}, cycle-walking until the value falls
 * below {@code n} (Black and Rogaway's construction). The key fixes it, so an epoch's order is a function of seed and
 * epoch however large the corpus.
 */
public final class Permutation {

    private static final int ROUNDS = 6;

    private final long n;
    private final int halfBits;
    private final long mask;
    private final long[] keys = new long[ROUNDS];

    public Permutation(long n, long key) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1");
        }
        int bits = Math.max(2, 64 - Long.numberOfLeadingZeros(n - 1));
        bits += bits & 1;
        this.n = n;
        this.halfBits = bits / 2;
        this.mask = (1L << halfBits) - 1;
        long state = key;
        for (int r = 0; r < ROUNDS; r++) {
            state += 0x9E3779B97F4A7C15L;
            keys[r] = mix(state);
        }
    }

    /** The image of {@code i}, in {@code [0, n)}. */
    public long apply(long i) {
        if (i < 0 || i >= n) {
            throw new IndexOutOfBoundsException(i + " not in [0, " + n + ")");
        }
        long x = i;
        do {
            x = encrypt(x);
        } while (x >= n);
        return x;
    }

    private long encrypt(long x) {
        long left = x >>> halfBits;
        long right = x & mask;
        for (long key : keys) {
            long next = left ^ (mix(right ^ key) & mask);
            left = right;
            right = next;
        }
        return (left << halfBits) | right;
    }

    /** SplitMix64's finaliser: a well-mixed 64-bit function of 64 bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
