package org.nmt4j.model.search;

import java.util.Arrays;

/**
 * The decoder states of N hypotheses, [N,W] (h [N,D], then an LSTM's c), and their products
 * {@code h [W_h | W_a | W_os]}, [N,Q], which the next step reads (the recurrent gates, the attention query when
 * the score projects it); in forced alignment with an alignment head that has a jump prior, where the head aligned
 * each row's last token ({@code model.AlignmentJumps}' prev, [N·(S+1)]), else null.
 *
 * <p>Choosing rows ({@link #rows}: a beam's survivors continue their parents) copies nothing: the chosen states read
 * the rows they were chosen from through an index ({@link #stored}), so a beam step does not copy its 5B states and
 * their products (the reference model: 10 kB a hypothesis) only to read each of them once. A step's new states are
 * stored in order. Immutable: the arrays are never written after they are made.
 */
public final class DecoderStates {

    private final float[] values;   // stored rows [M,W]
    private final float[] products; // stored rows [M,Q]
    private final int size;
    private final int hiddenSize;
    private final int productWidth;
    private final double[] aligned; // [N·(S+1)] in row order, or null
    private final int[] order;      // row r is stored row order[r]; null: row r is stored row r

    /** States without the alignment head's memory, stored in order. */
    public DecoderStates(float[] values, float[] products, int size, int hiddenSize, int productWidth) {
        this(values, products, size, hiddenSize, productWidth, null, null);
    }

    private DecoderStates(float[] values, float[] products, int size, int hiddenSize, int productWidth,
                          double[] aligned, int[] order) {
        this.values = values;
        this.products = products;
        this.size = size;
        this.hiddenSize = hiddenSize;
        this.productWidth = productWidth;
        this.aligned = aligned;
        this.order = order;
    }

    /** The same states with the alignment head's memory. */
    DecoderStates withAligned(double[] memory) {
        return new DecoderStates(values(), products(), size, hiddenSize, productWidth, memory, null);
    }

    /** How many hypotheses. */
    public int count() {
        return order == null ? values.length / size : order.length;
    }

    /** W, the width of a state row. */
    public int size() {
        return size;
    }

    /** D, the width of h. */
    public int hiddenSize() {
        return hiddenSize;
    }

    /** Q, the width of a row of products. */
    public int productWidth() {
        return productWidth;
    }

    /** Where the alignment head aligned each row's last token, or null. */
    public double[] aligned() {
        return aligned;
    }

    /** The states of these rows, in this order (repeats allowed): a beam's survivors continue their parents. */
    public DecoderStates rows(int[] rows) {
        if (aligned != null) { // forced alignment's memory is per row: copied with its rows
            int width = aligned.length / count();
            double[] memory = new double[rows.length * width];
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(aligned, rows[i] * width, memory, i * width, width);
            }
            int[] stored = storedRows(rows);
            return new DecoderStates(copyRows(values, size, stored), copyRows(products, productWidth, stored), size,
                    hiddenSize, productWidth, memory, null);
        }
        return new DecoderStates(values, products, size, hiddenSize, productWidth, null, storedRows(rows));
    }

    /** The rows {@code rows} of a (in that order), then all of b's; neither may hold the head's memory. */
    public static DecoderStates join(DecoderStates a, int[] rows, DecoderStates b) {
        if (a.aligned != null || b.aligned != null) {
            throw new IllegalStateException("the states of a forced alignment are not joined");
        }
        int[] kept = a.storedRows(rows);
        return new DecoderStates(concat(copyRows(a.values, a.size, kept), b.values()),
                concat(copyRows(a.products, a.productWidth, kept), b.products()), a.size, a.hiddenSize, a.productWidth);
    }

    /** The stored row of row r, in {@link #storedValues} and {@link #storedProducts}. */
    int stored(int r) {
        return order == null ? r : order[r];
    }

    /** The stored state rows, read through {@link #stored}. */
    float[] storedValues() {
        return values;
    }

    /** The stored rows of products, read through {@link #stored}. */
    float[] storedProducts() {
        return products;
    }

    /** The state rows [N,W], in row order. */
    public float[] values() {
        return order == null ? values : copyRows(values, size, order);
    }

    /** The products [N,Q], in row order. */
    public float[] products() {
        return order == null ? products : copyRows(products, productWidth, order);
    }

    /** h of each state, [N,D], in row order. */
    public float[] hidden() {
        return size == hiddenSize ? values() : columns(values, size, 0, hiddenSize);
    }

    /** Columns [from, from + count) of the products, [N,count], in row order. */
    float[] productColumns(int from, int count) {
        return columns(products, productWidth, from, count);
    }

    // columns [from, from + count) of stored rows of this width, [N,count] in row order
    private float[] columns(float[] stored, int width, int from, int count) {
        int n = count();
        float[] out = new float[n * count];
        for (int r = 0; r < n; r++) {
            System.arraycopy(stored, stored(r) * width + from, out, r * count, count);
        }
        return out;
    }

    // the stored rows of these rows
    private int[] storedRows(int[] rows) {
        if (order == null) {
            return rows.clone();
        }
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = order[rows[i]];
        }
        return out;
    }

    private static float[] concat(float[] x, float[] y) {
        float[] out = Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, out, x.length, y.length);
        return out;
    }

    private static float[] copyRows(float[] matrix, int width, int[] rows) {
        float[] out = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(matrix, rows[i] * width, out, i * width, width);
        }
        return out;
    }
}
