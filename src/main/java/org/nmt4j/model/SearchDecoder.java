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
 *       approximations of {@link Activations}), in the encoder too ({@link SearchEncoder}).</li>
 * </ul>
 * Float throughout, whatever the model's type. A search decoder works on a snapshot of the model made when it is
 * made, so it keeps translating with the parameters of that moment while training goes on; it is read-only and
 * shared by search threads.
 */
public final class SearchDecoder {

    private final NmtModel model;
    private final Attention attention;
    private final SearchEncoder encoder;
    private final SearchWeights weights;

    public SearchDecoder(NmtModel model) {
        this.model = model.snapshot();
        this.attention = this.model.decoder().attention();
        this.encoder = new SearchEncoder(this.model.parameters());
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
        int s = batch.sourceLength();
        int b = batch.batchSize();
        int c = 2 * encoder.hiddenSize();
        DataType type = model.parameters().dataType();
        float[] states = encoder.encode(batch); // [B,S,C]
        INDArray values = FloatCopies.of(states, (long) b * s, c);
        INDArray projections = Nd4j.createUninitialized(DataType.FLOAT, (long) b * s, weights.width);
        Nd4j.gemm(values, weights.context, projections, false, false, 1.0, 0.0);
        // a key depends on its h_j alone: batch-major values give batch-major keys
        INDArray keys = attention.score().keys(values.reshape(b, s, c).castTo(type)); // [B,S,K]
        SearchMemory memory = new SearchMemory(FloatCopies.read(keys), (int) keys.size(2),
                FloatCopies.read(projections), weights.width, s, batch.sourceLengths().clone());
        INDArray mean = FloatCopies.of(meanOfRealPositions(states, batch.sourceLengths(), s, c), b, c);
        return new Start(memory, FloatCopies.read(model.initialState().fromMean(mean.castTo(type))));
    }

    // states [B,S,C] -> the mean over each sentence's real positions, [B,C]
    private static float[] meanOfRealPositions(float[] states, int[] lengths, int s, int c) {
        float[] mean = new float[lengths.length * c];
        for (int i = 0; i < lengths.length; i++) {
            for (int j = 0; j < lengths[i]; j++) {
                int from = (i * s + j) * c;
                for (int k = 0; k < c; k++) {
                    mean[i * c + k] += states[from + k];
                }
            }
            float scale = 1f / lengths[i];
            for (int k = 0; k < c; k++) {
                mean[i * c + k] *= scale;
            }
        }
        return mean;
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
        INDArray query = FloatCopies.of(states, n, d);
        float[] alpha = attention.searchWeights(query, memory, groupOfRow); // [N,S]
        float[] inputs = contextAndTokenParts(alpha, previousTokens, groupOfRow, memory); // [N,P]
        INDArray recurrent = Nd4j.createUninitialized(DataType.FLOAT, n, 3L * d);
        Nd4j.gemm(query, weights.state, recurrent, false, false, 1.0, 0.0);
        float[] next = new float[n * d];
        float[] recurrentParts = FloatCopies.read(recurrent);
        GruKernel kernel = new GruKernel(weights.recurrentNBias);
        for (int r = 0; r < n; r++) {
            kernel.step(inputs, r * p, recurrentParts, r * 3 * d, states, r * d, next, r * d);
        }
        if (!withLogits) {
            return new Step(next, null, alpha, memory.sourceLength());
        }
        // the deep output's pre-activation: its token and context parts, then + s_t W_os by the product
        int o = weights.deepSize;
        float[] deep = new float[n * o];
        for (int r = 0; r < n; r++) {
            System.arraycopy(inputs, r * p + 3 * d, deep, r * o, o);
        }
        INDArray deepArray = FloatCopies.of(deep, n, o);
        Nd4j.gemm(FloatCopies.of(next, n, d), weights.stateDeep, deepArray, false, false, 1.0, 1.0);
        deep = FloatCopies.read(deepArray);
        Activations.tanh(deep, n * o);
        INDArray logits = Nd4j.createUninitialized(DataType.FLOAT, n, weights.output.size(1));
        Nd4j.gemm(FloatCopies.of(deep, n, o), weights.output, logits, false, false, 1.0, 0.0);
        logits.addiRowVector(weights.outputBias);
        return new Step(next, logits, alpha, memory.sourceLength());
    }

    // per hypothesis: the token table's row of y_{t−1} plus Σ_j α_j · (h_j [W_ic|W_oc]) -> [N,P]; the sums run over
    // rows copied to offset 0, which C2 vectorizes (see GruKernel)
    private float[] contextAndTokenParts(float[] alpha, int[] previousTokens, int[] groupOfRow, SearchMemory memory) {
        int n = previousTokens.length;
        int p = weights.width;
        int s = memory.sourceLength();
        float[] projections = memory.projections();
        float[] out = new float[n * p];
        float[] sum = new float[p];
        float[] row = new float[p];
        for (int r = 0; r < n; r++) {
            System.arraycopy(weights.tokenTable, previousTokens[r] * p, sum, 0, p);
            int group = groupOfRow[r];
            int length = memory.lengths()[group];
            for (int j = 0; j < length; j++) {
                float a = alpha[r * s + j];
                System.arraycopy(projections, (group * s + j) * p, row, 0, p);
                for (int k = 0; k < p; k++) {
                    sum[k] += a * row[k];
                }
            }
            System.arraycopy(sum, 0, out, r * p, p);
        }
        return out;
    }

    /** The rows of states [N,D] in this order: a beam's survivors continue from their parents' states. */
    public float[] states(float[] states, int[] rows) {
        int d = weights.stateSize;
        float[] out = new float[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(states, rows[i] * d, out, i * d, d);
        }
        return out;
    }
}
