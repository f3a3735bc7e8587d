package org.nmt4j.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The decoder step for search: the function {@link Decoder} computes in training (attention with s_{t−1} as query,
 * the GRU over {@code [E[y_{t−1}] ; c_t]}, the deep output, the logits), computed the way a search step is cheapest.
 * <ul>
 *   <li>What depends on the previous token only, {@code E[y] W_ie + b} and {@code E[y] W_oe + b_o}, is a table
 *       lookup ({@link SearchWeights}).</li>
 *   <li>The context enters the step only through products with W_ic and W_oc, and it is a weighted sum of the
 *       encoder states: {@code c_t [W_ic|W_oc] = Σ_j α_tj (h_j [W_ic|W_oc])}. The products {@code h_j [W_ic|W_oc]}
 *       are made once per batch, one large product ({@link #start}); a step then sums S rows per hypothesis instead
 *       of multiplying by a [2H,3D+O] matrix, and a beam's K hypotheses share their sentence's rows.</li>
 *   <li>The GRU's three gates are one product per input, and its element-wise part one Java loop (the float
 *       approximations of {@link Activations}).</li>
 * </ul>
 * Float throughout, whatever the model's type. A search decoder works on a snapshot of the model made when it is
 * made, so it keeps translating with the parameters of that moment while training goes on; it is read-only and
 * shared by search threads.
 */
public final class SearchDecoder {

    private final NmtModel model;
    private final Attention attention;
    private final SearchWeights weights;

    public SearchDecoder(NmtModel model) {
        this.model = model.snapshot();
        this.attention = this.model.decoder().attention();
        this.weights = new SearchWeights(this.model.parameters());
    }

    /** The decoder state size D. */
    public int stateSize() {
        return weights.stateSize;
    }

    /** The start of a search over a batch: one memory group per sentence and the initial states [B,D]. */
    public record Start(SearchMemory memory, float[] states) {
    }

    public Start start(Batch batch) {
        NmtModel.Encoded encoded = model.encode(batch);
        EncoderMemory memory = encoded.memory();
        int s = (int) memory.sourceLength();
        int b = (int) memory.batchSize();
        INDArray keys = memory.keys().permute(1, 0, 2).castTo(DataType.FLOAT).dup('c'); // [B,S,K]
        INDArray values = memory.valuesByBatch().castTo(DataType.FLOAT).reshape((long) b * s, -1); // [B·S,C]
        INDArray projections = Nd4j.createUninitialized(DataType.FLOAT, (long) b * s, weights.width);
        Nd4j.gemm(values, weights.context, projections, false, false, 1.0, 0.0);
        SearchMemory searchMemory = new SearchMemory(keys.reshape(-1).toFloatVector(), (int) keys.size(2),
                projections.reshape(-1).toFloatVector(), weights.width, s, batch.sourceLengths().clone());
        return new Start(searchMemory, encoded.initialState().castTo(DataType.FLOAT).reshape(-1).toFloatVector());
    }

    /**
     * One step over N hypotheses: the new states [N,D], the vocabulary logits [N,V] (null when not asked for) and the
     * attention weights [N,S] (0 at padding).
     */
    public record Step(float[] states, INDArray logits, float[] attention, int sourceLength) {
    }

    /**
     * states: s_{t−1} [N,D]; previousTokens: y_{t−1} [N]; groupOfRow: the memory group (sentence) each hypothesis
     * reads.
     */
    public Step step(float[] states, int[] previousTokens, int[] groupOfRow, SearchMemory memory) {
        return step(states, previousTokens, groupOfRow, memory, true);
    }

    /** The recurrence only (new states and attention), for a forced target whose logits nobody reads. */
    public Step recur(float[] states, int[] previousTokens, int[] groupOfRow, SearchMemory memory) {
        return step(states, previousTokens, groupOfRow, memory, false);
    }

    private Step step(float[] states, int[] previousTokens, int[] groupOfRow, SearchMemory memory,
                      boolean withLogits) {
        int n = previousTokens.length;
        int d = weights.stateSize;
        int p = weights.width;
        INDArray query = Nd4j.createFromArray(states).reshape(n, d);
        float[] alpha = attention.searchWeights(query, memory, groupOfRow); // [N,S]
        float[] inputs = contextAndTokenParts(alpha, previousTokens, groupOfRow, memory); // [N,P]
        INDArray recurrent = Nd4j.createUninitialized(DataType.FLOAT, n, 3L * d);
        Nd4j.gemm(query, weights.state, recurrent, false, false, 1.0, 0.0);
        float[] next = new float[n * d];
        gru(inputs, recurrent.reshape(-1).toFloatVector(), states, next, n);
        if (!withLogits) {
            return new Step(next, null, alpha, memory.sourceLength());
        }
        int o = weights.deepSize;
        INDArray deepState = Nd4j.createUninitialized(DataType.FLOAT, n, o);
        Nd4j.gemm(Nd4j.createFromArray(next).reshape(n, d), weights.stateDeep, deepState, false, false, 1.0, 0.0);
        float[] deep = deepState.reshape(-1).toFloatVector();
        for (int r = 0; r < n; r++) {
            int at = r * o;
            int from = r * p + 3 * d;
            for (int k = 0; k < o; k++) {
                deep[at + k] += inputs[from + k];
            }
        }
        Activations.tanh(deep, n * o);
        INDArray logits = Nd4j.createUninitialized(DataType.FLOAT, n, weights.output.size(1));
        Nd4j.gemm(Nd4j.createFromArray(deep).reshape(n, o), weights.output, logits, false, false, 1.0, 0.0);
        logits.addiRowVector(weights.outputBias);
        return new Step(next, logits, alpha, memory.sourceLength());
    }

    // per hypothesis: the token table's row of y_{t−1} plus Σ_j α_j · (h_j [W_ic|W_oc]) -> [N,P]
    private float[] contextAndTokenParts(float[] alpha, int[] previousTokens, int[] groupOfRow, SearchMemory memory) {
        int n = previousTokens.length;
        int p = weights.width;
        int s = memory.sourceLength();
        float[] table = weights.tokenTable;
        float[] projections = memory.projections();
        float[] out = new float[n * p];
        for (int r = 0; r < n; r++) {
            int at = r * p;
            System.arraycopy(table, previousTokens[r] * p, out, at, p);
            int group = groupOfRow[r];
            int length = memory.lengths()[group];
            for (int j = 0; j < length; j++) {
                float a = alpha[r * s + j];
                int from = (group * s + j) * p;
                for (int k = 0; k < p; k++) {
                    out[at + k] += a * projections[from + k];
                }
            }
        }
        return out;
    }

    // the GRU's element-wise part (see GruCell): inputs [N,P] (gate columns first), recurrent [N,3D] -> next [N,D]
    private void gru(float[] inputs, float[] recurrent, float[] previous, float[] next, int n) {
        int d = weights.stateSize;
        int p = weights.width;
        float[] bhn = weights.recurrentNBias;
        float[] rz = new float[2 * d];
        float[] candidate = new float[d];
        for (int row = 0; row < n; row++) {
            int in = row * p;
            int rec = row * 3 * d;
            int h = row * d;
            for (int k = 0; k < 2 * d; k++) {
                rz[k] = inputs[in + k] + recurrent[rec + k];
            }
            Activations.sigmoid(rz, 2 * d);
            for (int k = 0; k < d; k++) { // n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))
                candidate[k] = inputs[in + 2 * d + k] + rz[k] * (recurrent[rec + 2 * d + k] + bhn[k]);
            }
            Activations.tanh(candidate, d);
            for (int k = 0; k < d; k++) { // h' = n + z ⊙ (h − n)
                float c = candidate[k];
                next[h + k] = c + rz[d + k] * (previous[h + k] - c);
            }
        }
    }

    /** The rows of states [N,D] in this order: a beam's survivors continue from their parents' states. */
    public float[] states(float[] states, int[] rows) {
        return SearchMemory.rows(states, weights.stateSize, rows);
    }
}
