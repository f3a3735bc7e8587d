package org.nmt4j.model.search;

/**
 * The decoder states of N hypotheses, [N,W] (h [N,D], then an LSTM's c), and their products
 * {@code h [W_h | W_a | W_os]}, [N,Q], which the next step reads (the recurrent gates, the attention query when
 * the score projects it).
 */
public record DecoderStates(float[] values, float[] products, int size, int hiddenSize, int productWidth) {

    /** The states of these rows, in this order (repeats allowed): a beam's survivors continue their parents. */
    public DecoderStates rows(int[] rows) {
        return new DecoderStates(copyRows(values, size, rows), copyRows(products, productWidth, rows), size,
                hiddenSize, productWidth);
    }

    /** The rows {@code rows} of a (in that order), then all of b's. */
    public static DecoderStates join(DecoderStates a, int[] rows, DecoderStates b) {
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
}
