package org.nmt4j.model.search;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.compute.FloatCopies;
import org.nmt4j.model.Parameters;

/**
 * {@link org.nmt4j.model.GruCell} for search: gates r, z, n side by side, the recurrent biases of r and z folded into
 * the input bias (r and z only see the sum), b_hn kept for {@link GruKernel}, which does the element-wise part.
 */
public final class GruSearchCell implements SearchCell {

    private final INDArray inputWeights;  // [3,In,H]
    private final INDArray inputBias;     // [1,3H]
    private final INDArray recurrent;     // [H,3H], float
    private final float[] recurrentNBias; // b_hn [H]

    /** The cell whose parameters are {@code prefix.W_i}, {@code .W_h}, {@code .b_i} and {@code .b_h}. */
    public GruSearchCell(Parameters parameters, String prefix) {
        // made outside any workspace: these outlive the scope that asked for them
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            inputWeights = copy(parameters, prefix + ".W_i");
            INDArray wh = copy(parameters, prefix + ".W_h"); // [3,H,H]
            INDArray bi = copy(parameters, prefix + ".b_i"); // [3,H]
            INDArray bh = copy(parameters, prefix + ".b_h"); // [3,H]
            long h = bi.size(1);
            inputBias = Nd4j.hstack(bi.slice(0).add(bh.slice(0)), bi.slice(1).add(bh.slice(1)), bi.slice(2))
                    .reshape(1, 3 * h);
            recurrent = FloatCopies.array(SearchCell.sideBySide(wh, 0, h));
            recurrentNBias = FloatCopies.read(bh.slice(2));
        }
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
        return recurrentNBias.length;
    }

    @Override
    public int width() {
        return 3 * recurrentNBias.length;
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
        return new GruKernel(recurrentNBias);
    }
}
