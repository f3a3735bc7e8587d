package org.nmt4j.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The decoder's weights laid out for search, float copies made once from the parameters. The GRU's gate-major
 * matrices are put side by side ([r | z | n] columns), so a step does one product per input instead of one per gate,
 * and the parts of the step that depend only on the previous token are looked up instead of computed:
 * <pre>
 *   tokenTable   [V,P]  E[y] [W_ir|W_iz|W_in]_emb + b_i (+ b_hr, b_hz)  |  E[y] W_o,emb + b_o       (P = 3D + O)
 *   context      [C,P]  [W_ir|W_iz|W_in]_ctx                            |  W_o,ctx
 *   state        [D,3D] [W_hr|W_hz|W_hn]
 *   stateDeep    [D,O]  W_o,state
 * </pre>
 */
final class SearchWeights {

    final int embeddingSize;
    final int stateSize;    // D
    final int deepSize;     // O
    final int width;        // P = 3D + O
    final float[] tokenTable;
    final INDArray context;
    final INDArray state;
    final float[] recurrentNBias; // b_hn [D]
    final INDArray stateDeep;
    final INDArray output;        // W_out [O,V]
    final INDArray outputBias;    // b_out [V]

    SearchWeights(Parameters parameters) {
        // made outside any workspace: these outlive the scope that asked for them
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray wi = parameters.get("decoder.W_i").value();  // [3,E+C,D]
            INDArray wh = parameters.get("decoder.W_h").value();  // [3,D,D]
            INDArray bi = parameters.get("decoder.b_i").value();  // [3,D]
            INDArray bh = parameters.get("decoder.b_h").value();  // [3,D]
            INDArray wo = parameters.get("output.W_o").value();   // [D+C+E,O]
            INDArray embedding = parameters.get("target.embedding").value(); // [V,E]
            long e = embedding.size(1);
            long in = wi.size(1);
            long d = wh.size(2);
            long o = wo.size(1);
            long c = in - e;
            embeddingSize = (int) e;
            stateSize = (int) d;
            deepSize = (int) o;
            width = (int) (3 * d + o);
            INDArray gateBias = Nd4j.hstack(bi.slice(0).add(bh.slice(0)), bi.slice(1).add(bh.slice(1)), bi.slice(2))
                    .reshape(1, 3 * d);
            INDArray embeddingGates = Nd4j.hstack(rows(wi.slice(0), 0, e), rows(wi.slice(1), 0, e),
                    rows(wi.slice(2), 0, e));
            INDArray tokens = Nd4j.hstack(embedding.mmul(embeddingGates).addiRowVector(gateBias),
                    embedding.mmul(rows(wo, d + c, e)).addiRowVector(parameters.get("output.b_o").value()));
            tokenTable = floats(tokens).reshape(-1).toFloatVector();
            context = floats(Nd4j.hstack(rows(wi.slice(0), e, c), rows(wi.slice(1), e, c), rows(wi.slice(2), e, c),
                    rows(wo, d, c)));
            state = floats(Nd4j.hstack(wh.slice(0), wh.slice(1), wh.slice(2)));
            recurrentNBias = floats(bh.slice(2)).reshape(-1).toFloatVector();
            stateDeep = floats(rows(wo, 0, d));
            output = floats(parameters.get("output.W_out").value());
            outputBias = floats(parameters.get("output.b_out").value()).reshape(1, -1);
        }
    }

    // rows [from, from + count) of a matrix
    private static INDArray rows(INDArray matrix, long from, long count) {
        return matrix.get(NDArrayIndex.interval(from, from + count), NDArrayIndex.all());
    }

    // a contiguous float copy
    private static INDArray floats(INDArray x) {
        return x.dataType() == DataType.FLOAT ? x.dup('c') : x.castTo(DataType.FLOAT).dup('c');
    }
}
