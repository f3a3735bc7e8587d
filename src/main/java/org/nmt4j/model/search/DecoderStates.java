package org.nmt4j.model.search;

/**
 * The decoder states of N hypotheses, [N,W] (h [N,D], then an LSTM's c), and their products
 * {@code h [W_h | W_a | W_os]}, [N,Q], which the next step reads (the recurrent gates, the attention query when
 * the score projects it); in forced alignment with an alignment head that has a jump prior, where the head aligned
 * each row's last token ({@code model.AlignmentJumps}' prev, [N·(S+1)]), else null.
 */
public record DecoderStates(float[] values, float[] products, int size, int hiddenSize, int productWidth,
                            double[] aligned) {

    /** States without the alignment head's memory. */
    public DecoderStates(float[] values, float[] products, int size, int hiddenSize, int productWidth) {
        this(values, products, size, hiddenSize, productWidth, null);
    }

    /** The same states with the alignment head's memory. */
    DecoderStates withAligned(double[] memory) {
        return new DecoderStates(values, products, size, hiddenSize, productWidth, memory);
    }

    /** The states of these rows, in this order (repeats allowed): a beam's survivors continue their parents. */
    public DecoderStates rows(int[] rows) {
        int n = values.length / size;
        return new DecoderStates(copyRows(values, size, rows), copyRows(products, productWidth, rows), size,
                hiddenSize, productWidth, aligned == null ? null : copyRows(aligned, aligned.length / n, rows));
    }

    /** The rows {@code rows} of a (in that order), then all of b's; neither may hold the head's memory. */
    public static DecoderStates join(DecoderStates a, int[] rows, DecoderStates b) {
        if (a.aligned != null || b.aligned != null) {
            throw new IllegalStateException("the states of a forced alignment are not joined");
        }
        DecoderStates kept = a.rows(rows);
        return new DecoderStates(concat(kept.values, b.values), concat(kept.products, b.products), a.size,
                a.hiddenSize, a.productWidth);
    }

    private static float[] concat(float[] x, float[] y) {
        float[] out = java.util.Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, out, x.length, y.length);
        return out;
    }

    /** h of each state, [N,D]. */
    public float[] hidden() {
        return size == hiddenSize ? values : SearchDecoder.columns(values, values.length / size, size, 0, hiddenSize);
    }

    private static float[] copyRows(float[] matrix, int width, int[] rows) {
        float[] out = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(matrix, rows[i] * width, out, i * width, width);
        }
        return out;
    }

    private static double[] copyRows(double[] matrix, int width, int[] rows) {
        double[] out = new double[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(matrix, rows[i] * width, out, i * width, width);
        }
        return out;
    }
}
