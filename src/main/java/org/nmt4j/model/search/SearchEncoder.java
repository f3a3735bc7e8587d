package org.nmt4j.model.search;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.compute.FloatCopies;
import org.nmt4j.compute.RowProducts;
import org.nmt4j.model.Batch;

/**
 * The encoder for search: the bidirectional recurrence of {@link org.nmt4j.model.Encoder} (without dropout), with
 * the input side of every gate looked up per source token instead of multiplied ({@link TokenTable} [V,2GH]: forward
 * gates | backward gates, biases included), and each direction's step one product (in Java for a batch of a few, {@link RowProducts}) and one Java loop (the cell's
 * {@link SearchCell.Kernel}). Padding keeps the previous state, as in training: the forward state stops at a
 * sentence's last token, the backward one starts there from zero. Float copies of the weights, made once.
 */
final class SearchEncoder {

    private final int hidden;
    private final int width;                                  // G·H, one direction's gates side by side
    private final TokenTable tokens;                          // [V,2GH]
    private final SearchCell[] cells = new SearchCell[2];    // per direction
    private final RowProducts[] recurrent = new RowProducts[2]; // each direction's W_h, for batches of a few

    /** embedding: the source embedding [V,E]; cells: the forward and the backward direction's. */
    SearchEncoder(INDArray embedding, SearchCell forward, SearchCell backward) {
        cells[0] = forward;
        cells[1] = backward;
        hidden = forward.hiddenSize();
        width = forward.width();
        recurrent[0] = new RowProducts(forward.recurrentWeights(), null);
        recurrent[1] = new RowProducts(backward.recurrentWeights(), null);
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            long e = embedding.size(1);
            tokens = new TokenTable(embedding, Nd4j.hstack(forward.inputWeights(0, e), backward.inputWeights(0, e)),
                    Nd4j.hstack(forward.inputBias(), backward.inputBias()));
        }
    }

    /** H, each direction's state size. */
    int hiddenSize() {
        return hidden;
    }

    /** The states h_j = [→h_j ; ←h_j] of a batch, batch-major: [B,S,2H]. */
    float[] encode(Batch batch) {
        int s = batch.sourceLength();
        int b = batch.batchSize();
        int h = hidden;
        int[] ids = batch.sourceIds(); // [S·B], time-major
        int[] lengths = batch.sourceLengths();
        float[][] table = tokens.rowsOf(ids); // [S·B][2GH]
        float[] states = new float[b * s * 2 * h];
        int g = width;
        // one input and one output array for every step's product, and one Java copy of the product: nothing
        // allocated per step (a 64-sentence batch of 32 positions made 64 of each, 8 MB off-heap and 25 MB of heap)
        boolean inJava = b <= RowProducts.MAX_ROWS;
        INDArray input = inJava ? null : Nd4j.createUninitialized(DataType.FLOAT, b, h);
        INDArray products = inJava ? null : Nd4j.createUninitialized(DataType.FLOAT, b, g);
        float[] product = inJava ? null : new float[b * g]; // [B,GH]
        int w = cells[0].stateSize(); // h, then an LSTM's c
        for (int direction = 0; direction < 2; direction++) {
            SearchCell.Kernel kernel = cells[direction].kernel();
            float[] state = new float[b * w];
            float[] next = new float[b * w];
            for (int step = 0; step < s; step++) {
                int t = direction == 0 ? step : s - 1 - step;
                float[] hidden = w == h ? state : SearchDecoder.columns(state, b, w, 0, h);
                float[] recurrentParts; // [B,GH]
                if (inJava) {
                    recurrentParts = recurrent[direction].times(hidden, b);
                } else {
                    FloatCopies.write(hidden, input);
                    Nd4j.gemm(input, cells[direction].recurrentWeights(), products, false, false, 1.0, 0.0);
                    FloatCopies.read(products, product);
                    recurrentParts = product;
                }
                for (int i = 0; i < b; i++) {
                    if (t < lengths[i]) {
                        kernel.step(table[t * b + i], direction * g, recurrentParts, i * g,
                                state, i * w, next, i * w);
                    } else {
                        System.arraycopy(state, i * w, next, i * w, w);
                    }
                    System.arraycopy(next, i * w, states, ((i * s + t) * 2 + direction) * h, h);
                }
                float[] swap = state;
                state = next;
                next = swap;
            }
        }
        return states;
    }
}
