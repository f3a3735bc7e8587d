package org.nmt4j.model.search;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nmt4j.compute.FloatCopies;
import org.nmt4j.model.Parameters;

/**
 * The decoder's weights laid out for search, float copies made once from the parameters. The GRU's gate-major
 * matrices are put side by side ([r | z | n] columns), so a step does one product per input instead of one per gate,
 * and the parts of the step that depend only on the previous token are looked up instead of computed:
 * <pre>
 *   tokens         [V,P]  E[y] [W_ir|W_iz|W_in]_emb + b_i (+ b_hr, b_hz)  |  E[y] W_o,emb + b_o     (P = 3D + O)
 *   context        [C,P]  [W_ir|W_iz|W_in]_ctx                            |  W_o,ctx
 *   stateProducts  [D,Q]  [W_hr|W_hz|W_hn]  |  the attention's query projection (if any, A columns)  |  W_o,state
 *                                                                                          (Q = 3D + A + O)
 * </pre>
 */
final class SearchWeights {

    final int stateSize;    // D
    final int deepSize;     // O
    final int width;        // P = 3D + O
    final int queryWidth;   // A, 0 when the score reads the state itself
    final int productWidth; // Q
    final TokenTable tokens;
    final INDArray context;
    final INDArray stateProducts;
    final float[] recurrentNBias; // b_hn [D]
    final INDArray output;        // W_out [O,V]
    final INDArray outputBias;    // b_out [V]

    /** queryProjection: the attention score's {@link AttentionScore#searchQueryProjection}, [D,A] or null. */
    SearchWeights(Parameters parameters, INDArray queryProjection) {
        // made outside any workspace: these outlive the scope that asked for them
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray wi = copy(parameters, "decoder.W_i");  // [3,E+C,D]
            INDArray wh = copy(parameters, "decoder.W_h");  // [3,D,D]
            INDArray bi = copy(parameters, "decoder.b_i");  // [3,D]
            INDArray bh = copy(parameters, "decoder.b_h");  // [3,D]
            INDArray wo = copy(parameters, "output.W_o");   // [D+C+E,O]
            INDArray embedding = copy(parameters, "target.embedding"); // [V,E]
            long e = embedding.size(1);
            long in = wi.size(1);
            long d = wh.size(2);
            long o = wo.size(1);
            long c = in - e;
            stateSize = (int) d;
            deepSize = (int) o;
            width = (int) (3 * d + o);
            tokens = new TokenTable(embedding, Nd4j.hstack(GruKernel.sideBySide(wi, 0, e), rows(wo, d + c, e)),
                    Nd4j.hstack(GruKernel.inputBias(bi, bh), parameters.get("output.b_o").value().reshape(1, o)));
            context = FloatCopies.array(Nd4j.hstack(GruKernel.sideBySide(wi, e, c), rows(wo, d, c)));
            INDArray recurrent = GruKernel.sideBySide(wh, 0, d);
            stateProducts = FloatCopies.array(queryProjection == null ? Nd4j.hstack(recurrent, rows(wo, 0, d))
                    : Nd4j.hstack(recurrent, queryProjection.castTo(recurrent.dataType()), rows(wo, 0, d)));
            queryWidth = queryProjection == null ? 0 : (int) queryProjection.size(1);
            productWidth = (int) stateProducts.size(1);
            recurrentNBias = FloatCopies.read(bh.slice(2));
            output = FloatCopies.array(parameters.get("output.W_out").value());
            outputBias = FloatCopies.array(parameters.get("output.b_out").value()).reshape(1, -1);
        }
    }

    /**
     * A parameter's values as an array of its own. (ND4J 1.0.0-M2.1's slice() of a view into the flat parameter
     * buffer gave an empty array for the last gate of a [3,64,64] block; slices of a copy are sound.)
     */
    static INDArray copy(Parameters parameters, String name) {
        return parameters.get(name).value().dup('c');
    }

    // rows [from, from + count) of a matrix
    private static INDArray rows(INDArray matrix, long from, long count) {
        return matrix.get(NDArrayIndex.interval(from, from + count), NDArrayIndex.all());
    }
}
