package org.nmt4j.compute;

/**
 * Σ_i e^(x_i − max) over a row of logits, the normalizer of a softmax, in loops that HotSpot's C2 compiles to AVX.
 * Each term is e^t with t = max(x_i − max, −32) evaluated as (e^(t/64))^64: a degree-8 Taylor polynomial on
 * [−1/2, 0] and six squarings, only multiplications and additions (no exponent-bit tricks, which C2 does not
 * vectorize). Worst relative error of one term below 10⁻⁵ (8.3·10⁻⁶ seen; the squarings multiply the
 * polynomial's float rounding by 64), no worse than summing 6,000 float terms in order, which the earlier scalar
 * version did; terms below e^−32 count as e^−32 (1.3·10⁻¹⁴). About 1.1–1.5 ns a term against 7–12 for a scalar exp with exponent bits.
 */
public final class SumExp {

    private static final int BLOCK = 1024;
    private static final ThreadLocal<float[]> TERMS = ThreadLocal.withInitial(() -> new float[BLOCK]);

    private SumExp() {
    }

    /** Σ e^(x[i] − max) for i in [0, n); max should be the row's maximum (−∞ entries count 1.3·10⁻¹⁴). */
    public static float of(float[] x, int n, float max) {
        float[] t = TERMS.get();
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        float s4 = 0;
        float s5 = 0;
        float s6 = 0;
        float s7 = 0;
        for (int from = 0; from < n; from += BLOCK) {
            int m = Math.min(BLOCK, n - from);
            System.arraycopy(x, from, t, 0, m); // a loop over x at an offset would not be vectorized
            terms(t, m, max);
            int i = 0;
            for (; i + 8 <= m; i += 8) { // eight independent sums: no chain of dependent additions
                s0 += t[i];
                s1 += t[i + 1];
                s2 += t[i + 2];
                s3 += t[i + 3];
                s4 += t[i + 4];
                s5 += t[i + 5];
                s6 += t[i + 6];
                s7 += t[i + 7];
            }
            for (; i < m; i++) {
                s0 += t[i];
            }
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /**
     * Replaces x[i] by e^(x[i] − max) for i in [0, n), computed as in {@link #of} (the same terms), and returns their
     * sum: a softmax's numerators and normalizer in one pass.
     */
    public static float exponentiate(float[] x, int n, float max) {
        terms(x, n, max);
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        float s4 = 0;
        float s5 = 0;
        float s6 = 0;
        float s7 = 0;
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            s0 += x[i];
            s1 += x[i + 1];
            s2 += x[i + 2];
            s3 += x[i + 3];
            s4 += x[i + 4];
            s5 += x[i + 5];
            s6 += x[i + 6];
            s7 += x[i + 7];
        }
        for (; i < n; i++) {
            s0 += x[i];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    // t[i] ← e^(t[i] − max) for i in [0, n), the terms both sums take: (e^(r))^64 with r = max(t − max, −32)/64 and
    // e^r a degree-8 Taylor polynomial (loops from index 0, which C2 vectorizes)
    private static void terms(float[] t, int n, float max) {
        for (int i = 0; i < n; i++) {
            t[i] = Math.max(t[i] - max, -32f) * 0.015625f;
        }
        for (int i = 0; i < n; i++) {
            float r = t[i];
            float p = 1f + r * (1f + r * (0.5f + r * (1f / 6 + r * (1f / 24 + r * (1f / 120 + r * (1f / 720
                    + r * (1f / 5040 + r * (1f / 40320))))))));
            p *= p;
            p *= p;
            p *= p;
            p *= p;
            p *= p;
            p *= p;
            t[i] = p;
        }
    }
}
