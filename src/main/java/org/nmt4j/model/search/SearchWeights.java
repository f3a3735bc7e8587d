package org.nmt4j.model.search;

import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nmt4j.compute.FloatCopies;
import org.nmt4j.compute.PackedWeights;
import org.nmt4j.compute.Precision;
import org.nmt4j.compute.RowProducts;
import org.nmt4j.compute.VectorSupport;
import org.nmt4j.model.Parameters;

/**
 * The decoder's weights laid out for search, float copies made once from the parameters. The cell's gate-major
 * matrices are put side by side (for a GRU [r | z | n] columns, see {@link SearchCell}), so a step does one product
 * per input instead of one per gate, and the parts of the step that depend only on the previous token are looked up
 * instead of computed:
 * <pre>
 *   tokens         [V,P]  E[y] W_i,emb + the cell's input bias  |  E[y] W_o,emb + b_o             (P = GD + O)
 *   context        [C,P]  W_i,ctx                               |  W_o,ctx
 *                  (with K attention heads [C,K·P]: head k's block W_c,k [W_i,ctx | W_o,ctx], W_c,k its rows of W_c)
 *   stateProducts  [D,Q]  W_h  |  the attention's query projection (if any, A columns)  |  W_o,state  (Q = GD + A + O)
 *   tokenQueries   [V,A]  E[y] W_a,emb: the query projection's rows of the previous word, when the query reads it
 * </pre>
 */
final class SearchWeights {

    final int stateSize;    // D
    final int deepSize;     // O
    final int cellWidth;    // G·D, the cell's gates side by side
    final int width;        // P = GD + O
    final int queryWidth;   // A, 0 when the score reads the state itself
    final int productWidth; // Q
    final TokenTable tokens;
    final TokenTable tokenQueries; // null unless the attention's query reads the previous word
    final INDArray context;
    final INDArray stateProducts;
    final INDArray output;        // W_out [O,V]
    final INDArray outputBias;    // b_out [V]
    final RowProducts stateRows;  // stateProducts, for steps of a few hypotheses
    final RowProducts outputRows; // output and its bias, likewise
    final RowProducts contextRows; // context, for the positions of a few sentences (null without the Vector API)

    /**
     * cell: the decoder's cell; queryProjection: the scores' {@link SearchScore#queryProjection}s side by side,
     * [D,K·A] (or [D+E,K·A] when the query reads the previous word too) or null; combine: W_c [K·C,C] with several
     * heads, else null.
     */
    SearchWeights(Parameters parameters, SearchCell cell, INDArray queryProjection, INDArray combine) {
        // made outside any workspace: these outlive the scope that asked for them
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray wo = parameters.get("output.W_o").value().dup('c');               // [D+C+E,O]
            INDArray embedding = parameters.get("target.embedding").value().dup('c');  // [V,E]
            long e = embedding.size(1);
            long d = cell.hiddenSize();
            long o = wo.size(1);
            long c = wo.size(0) - d - e;
            stateSize = (int) d;
            deepSize = (int) o;
            cellWidth = cell.width();
            width = (int) (cellWidth + o);
            tokens = new TokenTable(embedding, floats(cell.inputWeights(0, e), rows(wo, d + c, e)),
                    floats(cell.inputBias(), parameters.get("output.b_o").value().reshape(1, o)));
            INDArray context = floats(cell.inputWeights(e, c), rows(wo, d, c));
            if (combine != null) {
                int heads = (int) (combine.size(0) / c);
                INDArray[] blocks = new INDArray[heads];
                for (int k = 0; k < heads; k++) {
                    blocks[k] = rows(combine, k * c, c).castTo(DataType.FLOAT).mmul(context);
                }
                context = floats(blocks);
            }
            this.context = context;
            contextRows = VectorSupport.enabled() ? new RowProducts(context, null) : null;
            INDArray recurrent = cell.recurrentWeights();
            stateProducts = queryProjection == null ? floats(recurrent, rows(wo, 0, d))
                    : floats(recurrent, rows(queryProjection, 0, d), rows(wo, 0, d));
            if (queryProjection != null && queryProjection.size(0) > d) {
                INDArray fromWord = rows(queryProjection, d, queryProjection.size(0) - d);
                tokenQueries = new TokenTable(embedding, floats(fromWord),
                        Nd4j.zeros(DataType.FLOAT, 1, fromWord.size(1)));
            } else {
                tokenQueries = null;
            }
            queryWidth = queryProjection == null ? 0 : (int) queryProjection.size(1);
            productWidth = (int) stateProducts.size(1);
            output = FloatCopies.array(parameters.get("output.W_out").value());
            outputBias = FloatCopies.array(parameters.get("output.b_out").value()).reshape(1, -1);
            stateRows = new RowProducts(stateProducts, null);
            outputRows = new RowProducts(output, outputBias);
        }
    }

    private final Map<Precision, Map<INDArray, PackedWeights>> packed = new EnumMap<>(Precision.class);

    /**
     * One of these weights ({@link #context}, {@link #stateProducts}, {@link #output}) packed in a lower precision,
     * made at the first search in that precision that asks for it, then shared.
     */
    synchronized PackedWeights packed(INDArray weights, Precision precision) {
        return packed.computeIfAbsent(precision, p -> new IdentityHashMap<>())
                .computeIfAbsent(weights, w -> PackedWeights.pack(w, precision));
    }

    // the parts side by side, in float
    private static INDArray floats(INDArray... parts) {
        INDArray[] cast = new INDArray[parts.length];
        for (int i = 0; i < parts.length; i++) {
            cast[i] = parts[i].castTo(DataType.FLOAT);
        }
        return FloatCopies.array(Nd4j.hstack(cast));
    }

    // rows [from, from + count) of a matrix
    private static INDArray rows(INDArray matrix, long from, long count) {
        return matrix.get(NDArrayIndex.interval(from, from + count), NDArrayIndex.all());
    }
}
