package org.nmt4j.model.search;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.compute.FloatCopies;
import org.nmt4j.model.Batch;
import org.nmt4j.model.Parameters;

/**
 * The encoder for search: the bidirectional GRU of {@link Encoder} (without dropout), with the input side of every
 * gate looked up per source token instead of multiplied ({@link TokenTable} [V,6H]: forward gates | backward gates,
 * biases included), and each direction's step one product and one Java loop ({@link GruKernel}). Padding keeps the
 * previous state, as in {@link Encoder}: the forward state stops at a sentence's last token, the backward one starts
 * there from zero. Float copies of the weights, made once.
 */
final class SearchEncoder {

    private static final String[] DIRECTIONS = {"encoder.forward", "encoder.backward"};

    private final int hidden;
    private final TokenTable tokens;                          // [V,6H]
    private final INDArray[] recurrent = new INDArray[2];     // [H,3H] per direction
    private final float[][] recurrentNBias = new float[2][];  // b_hn [H] per direction

    SearchEncoder(Parameters parameters) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray[] inputWeights = new INDArray[2];
            INDArray[] inputBiases = new INDArray[2];
            for (int direction = 0; direction < 2; direction++) {
                String prefix = DIRECTIONS[direction];
                INDArray wi = SearchWeights.copy(parameters, prefix + ".W_i"); // [3,E,H]
                INDArray wh = SearchWeights.copy(parameters, prefix + ".W_h"); // [3,H,H]
                INDArray bh = SearchWeights.copy(parameters, prefix + ".b_h"); // [3,H]
                inputWeights[direction] = GruKernel.sideBySide(wi, 0, wi.size(1));
                inputBiases[direction] = GruKernel.inputBias(SearchWeights.copy(parameters, prefix + ".b_i"), bh);
                recurrent[direction] = FloatCopies.array(GruKernel.sideBySide(wh, 0, wh.size(1)));
                recurrentNBias[direction] = FloatCopies.read(bh.slice(2));
            }
            hidden = (int) recurrent[0].size(0);
            tokens = new TokenTable(SearchWeights.copy(parameters, "source.embedding"), Nd4j.hstack(inputWeights),
                    Nd4j.hstack(inputBiases));
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
        float[] table = tokens.rowsOf(ids);
        float[] states = new float[b * s * 2 * h];
        INDArray products = Nd4j.createUninitialized(DataType.FLOAT, b, 3L * h);
        for (int direction = 0; direction < 2; direction++) {
            GruKernel kernel = new GruKernel(recurrentNBias[direction]);
            float[] state = new float[b * h];
            float[] next = new float[b * h];
            for (int step = 0; step < s; step++) {
                int t = direction == 0 ? step : s - 1 - step;
                Nd4j.gemm(FloatCopies.of(state, b, h), recurrent[direction], products, false, false, 1.0, 0.0);
                float[] recurrentParts = FloatCopies.read(products); // [B,3H]
                for (int i = 0; i < b; i++) {
                    if (t < lengths[i]) {
                        kernel.step(table, (ids[t * b + i] * 2 + direction) * 3 * h, recurrentParts, i * 3 * h,
                                state, i * h, next, i * h);
                    } else {
                        System.arraycopy(state, i * h, next, i * h, h);
                    }
                    System.arraycopy(next, i * h, states, ((i * s + t) * 2 + direction) * h, h);
                }
                float[] swap = state;
                state = next;
                next = swap;
            }
        }
        return states;
    }
}
