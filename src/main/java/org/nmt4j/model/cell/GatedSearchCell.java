package org.nmt4j.model.cell;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.compute.FloatCopies;
import org.nmt4j.model.Parameters;
import org.nmt4j.model.search.SearchCell;

/**
 * {@link org.nmt4j.model.GatedCell} for search: the gates side by side, the recurrent biases folded into the input
 * bias where the gate only sees the sum (a GRU's r and z, every gate of an LSTM), and the cell's kernel for the
 * element-wise part: {@link GruKernel} (keeping b_hn) or {@link LstmKernel} (whose state rows carry c after h).
 */
public final class GatedSearchCell implements SearchCell {

    private final INDArray inputWeights;  // [G,In,H]
    private final INDArray inputBias;     // [1,GH]
    private final INDArray recurrent;     // [H,GH], float
    private final int hidden;
    private final boolean lstm;
    private final float[] recurrentNBias; // a GRU's b_hn [H]

    private GatedSearchCell(Parameters parameters, String prefix, boolean lstm) {
        this.lstm = lstm;
        // made outside any workspace: these outlive the scope that asked for them
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            inputWeights = copy(parameters, prefix + ".W_i");
            INDArray wh = copy(parameters, prefix + ".W_h"); // [G,H,H]
            INDArray bi = copy(parameters, prefix + ".b_i"); // [G,H]
            INDArray bh = copy(parameters, prefix + ".b_h"); // [G,H]
            int gates = (int) bi.size(0);
            hidden = (int) bi.size(1);
            INDArray[] biases = new INDArray[gates];
            for (int g = 0; g < gates; g++) {
                biases[g] = lstm || g != 2 ? bi.slice(g).add(bh.slice(g)) : bi.slice(g);
            }
            inputBias = Nd4j.hstack(biases).reshape(1, (long) gates * hidden);
            recurrent = FloatCopies.array(SearchCell.sideBySide(wh, 0, hidden));
            recurrentNBias = lstm ? null : FloatCopies.read(bh.slice(2));
        }
    }

    /** A GRU over {@code prefix.W_i}, {@code .W_h}, {@code .b_i} and {@code .b_h}. */
    public static GatedSearchCell gru(Parameters parameters, String prefix) {
        return new GatedSearchCell(parameters, prefix, false);
    }

    /** An LSTM over the same parameter names. */
    public static GatedSearchCell lstm(Parameters parameters, String prefix) {
        return new GatedSearchCell(parameters, prefix, true);
    }

    /**
     * A parameter's values as an array of its own. (ND4J 1.0.0-M2.1's slice() of a view into the flat parameter
     * buffer gave an empty array for the last gate of a [3,64,64] block; slices of a copy are sound.)
     */
    static INDArray copy(Parameters parameters, String name) {
        return parameters.get(name).value().dup('c');
    }

    @Override
    public int hiddenSize() {
        return hidden;
    }

    @Override
    public int stateSize() {
        return lstm ? 2 * hidden : hidden;
    }

    @Override
    public int width() {
        return (int) inputBias.size(1);
    }

    @Override
    public INDArray inputWeights(long from, long count) {
        return SearchCell.sideBySide(inputWeights, from, count);
    }

    @Override
    public INDArray inputBias() {
        return inputBias;
    }

    @Override
    public INDArray recurrentWeights() {
        return recurrent;
    }

    @Override
    public Kernel kernel() {
        return lstm ? new LstmKernel(hidden) : new GruKernel(recurrentNBias);
    }
}
