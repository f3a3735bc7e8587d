package org.nmt4j.model.search;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.compute.Activations;
import org.nmt4j.compute.FloatCopies;
import org.nmt4j.compute.PackedWeights;
import org.nmt4j.compute.Precision;
import org.nmt4j.compute.NdOps;
import org.nmt4j.compute.RowProducts;
import org.nmt4j.compute.Scratch;
import org.nmt4j.compute.VectorSupport;
import org.nmt4j.model.Attention;
import org.nmt4j.model.AttentionScore;
import org.nmt4j.model.Batch;
import org.nmt4j.model.CellKind;
import org.nmt4j.model.ModelVariants;
import org.nmt4j.model.NmtModel;
import org.nmt4j.model.Parameters;
import org.nmt4j.model.attention.LocalWindow;

/**
 * The decoder step for search: the function {@link org.nmt4j.model.Decoder} computes in training (attention with
 * s_{t−1} as query, the cell over {@code [E[y_{t−1}] ; c_t]}, the deep output, the logits), computed the way a
 * search step is cheapest.
 * <ul>
 *   <li>What depends on the previous token only, {@code E[y] W_ie + b} and {@code E[y] W_oe + b_o}, is a table
 *       lookup ({@link TokenTable}).</li>
 *   <li>The context enters the step only through products with W_ic and W_oc, and it is a weighted sum of the
 *       encoder states: {@code c_t [W_ic|W_oc] = Σ_j α_tj (h_j [W_ic|W_oc])}. The products {@code h_j [W_ic|W_oc]}
 *       are made once per batch, one large product ({@link #start}); a step then sums S rows per hypothesis instead
 *       of multiplying by a [2H,GD+O] matrix, and a beam's K hypotheses share their sentence's rows.</li>
 *   <li>The cell's gates are one product per input, and its element-wise part one Java loop (the cell's
 *       {@link SearchCell.Kernel}, with the float approximations of {@link Activations}), in the encoder too
 *       ({@link SearchEncoder}).</li>
 *   <li>A step of at most {@link RowProducts#MAX_ROWS} hypotheses (a server's small batches) makes its two
 *       products in Java ({@link RowProducts}); BLAS is slow there.</li>
 *   <li>With K attention heads, each head's weights come from its own score, and the context's products are made
 *       per head with W_c folded in ({@code h_j W_c,k [W_ic|W_oc]}); with a local window, a step scores and sums only
 *       the positions of the window around its predicted centre, so its cost does not grow with S.</li>
 *   <li>Everything multiplied by a new state s_t is one product, {@code s_t [W_os | W_h | W_a]}: the deep output's
 *       part now, the recurrent gates and the attention query of the next step ({@link DecoderStates} carries them).</li>
 * </ul>
 * Float throughout, whatever the model's type. A search decoder works on a snapshot of the model made when it is
 * made, so it keeps translating with the parameters of that moment while training goes on ({@link #ofFixed}: on the
 * model itself, for a model nothing trains); it is read-only and shared by search threads.
 */
public final class SearchDecoder {

    private final NmtModel model;
    private final Attention trained;        // the training attention, whose heads' keys search reads
    private final List<SearchAttention> attention; // one per head
    private final int headQueryWidth;       // the heads' projected queries, side by side (0: the state itself)
    private final int window;               // local attention's W; 0: global
    private final float[] windowV;          // v_p [A]
    private final SearchEncoder encoder;
    private final SearchCell cell;
    private final SearchWeights weights;
    private final RowProducts[] keyRows;    // each head's keys for a few sentences (null: the training score's)
    private final AlignmentSearch alignment; // the alignment head's search half, or null
    private final Precision precision;      // of the products of more than a few rows (PackedWeights unless FP32)

    /**
     * Search with the registered cell and attention score of the model's config, on a snapshot of its parameters:
     * training may go on changing the model's.
     */
    public SearchDecoder(NmtModel model) {
        this(model.snapshot(), NmtModel.cellKind(model.config()));
    }

    /**
     * Search reading the model's own parameters, for a model whose parameters nothing changes any more (a loaded
     * model folder): no snapshot, so the parameters are not held twice (the reference model's: 35 MB).
     */
    public static SearchDecoder ofFixed(NmtModel model) {
        return new SearchDecoder(model, NmtModel.cellKind(model.config()));
    }

    // the same decoder with its products in another precision
    private SearchDecoder(SearchDecoder other, Precision precision) {
        this.model = other.model;
        this.trained = other.trained;
        this.attention = other.attention;
        this.headQueryWidth = other.headQueryWidth;
        this.window = other.window;
        this.windowV = other.windowV;
        this.encoder = other.encoder;
        this.cell = other.cell;
        this.weights = other.weights;
        this.keyRows = other.keyRows;
        this.alignment = other.alignment;
        this.precision = precision;
    }

    /**
     * This decoder with the products of the context, the state and the output layer in {@code precision}: in
     * {@code BF16} the weights are rounded to bfloat16 and packed once (shared by every decoder of the model), each
     * step's rows are rounded to bfloat16, and the products accumulate in fp32 (oneDNN, on AMX or AVX-512 BF16); in
     * {@code INT8} the weights are quantized per column once, each step's rows per row, and the products accumulate in
     * int32 (on VNNI or AMX). Products of up to {@value #FEW_ROWS} rows stay fp32, as do a shortlist's output columns.
     *
     * @throws IllegalStateException if this processor cannot run that precision
     */
    public SearchDecoder withPrecision(Precision precision) {
        precision.requireSupported();
        return new SearchDecoder(this, precision);
    }

    /** The precision of the products. */
    public Precision precision() {
        return precision;
    }

    // below this many rows a product stays fp32 (Java's kernels are as fast there)
    static final int FEW_ROWS = 2;

    private SearchDecoder(NmtModel model, CellKind cellKind) {
        this.precision = Precision.FP32;
        this.model = model;
        Parameters p = this.model.parameters();
        this.trained = this.model.decoder().attention();
        this.attention = new ArrayList<>();
        List<INDArray> projections = new ArrayList<>();
        int headWidth = 0;
        for (String prefix : NmtModel.attentionPrefixes(model.config())) {
            SearchAttention head = new SearchAttention(NmtModel.attentionKind(model.config()).search(p, prefix));
            attention.add(head);
            if (head.score().queryProjection() != null) {
                projections.add(head.score().queryProjection());
                headWidth += (int) head.score().queryProjection().size(1);
            }
        }
        this.headQueryWidth = headWidth;
        this.window = model.config().attentionWindow();
        if (window > 0) { // W_p s with the state's other products, after the heads' queries
            projections.add(p.get(NmtModel.WINDOW_W).value().dup('c'));
            windowV = FloatCopies.read(p.get(NmtModel.WINDOW_V).value());
        } else {
            windowV = null;
        }
        this.encoder = new SearchEncoder(p.get("source.embedding").value().dup('c'),
                cellKind.search(p, NmtModel.ENCODER_FORWARD), cellKind.search(p, NmtModel.ENCODER_BACKWARD));
        this.cell = cellKind.search(p, NmtModel.DECODER);
        INDArray queryProjection = projections.isEmpty() ? null
                : projections.size() == 1 ? projections.get(0) : Nd4j.hstack(projections.toArray(new INDArray[0]));
        INDArray combine = attention.size() == 1 ? null : p.get(NmtModel.COMBINE).value().dup('c');
        this.weights = new SearchWeights(p, cell, queryProjection, combine);
        this.alignment = model.alignmentHead() == null ? null
                : new AlignmentSearch(p, weights.stateSize, ModelVariants.alignmentKind(model.config()));
        this.keyRows = new RowProducts[trained.heads().size()];
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            for (int k = 0; k < keyRows.length; k++) {
                AttentionScore.KeyMap map = trained.heads().get(k).keyMap();
                if (map != null && VectorSupport.enabled()) {
                    keyRows[k] = new RowProducts(map.weights().castTo(DataType.FLOAT),
                            map.bias() == null ? null : map.bias().castTo(DataType.FLOAT));
                }
            }
        }
    }

    /**
     * The most real source positions whose context projections {@code h_j [W_ic|W_oc]} and attention keys (a
     * {@link AttentionScore#keyMap linear key map}'s) are made with the Vector API's few-row kernel rather than BLAS:
     * on the reference model's [512,1792] it runs at 77–85 GFLOP/s from 16 to 128 rows against BLAS's 36–80 (a
     * server's running batch is joined by a few sentences at a time, 66 positions on average: 65 GFLOP/s with BLAS);
     * BLAS is faster from about 256 rows.
     */
    static final int PROJECTION_ROWS = 128;

    /**
     * The most rows (source positions, padding included) whose products BLAS makes at once in {@link #start}: a
     * batch's projections are made a few sentences at a time, each group's ND4J temporaries (~5 MB) in the thread's
     * step workspace and reset after it, so that workspace stays the size of a step's (a beam's logits) instead of
     * growing to the longest batch's [B·S,P] products (the reference model: 19 MB a thread on Multi30k's longest).
     */
    static final int START_ROWS = 512;

    /**
     * The encoder's states of a batch and what search reads of them: the context projections, the attention keys and
     * the initial states. Its ND4J temporaries live in this thread's step workspace ({@link Scratch#openStep}),
     * reset as it goes; no step scope may be open.
     */
    public SearchStart start(Batch batch) {
        int s = batch.sourceLength();
        int b = batch.batchSize();
        int c = 2 * encoder.hiddenSize();
        DataType type = model.parameters().dataType();
        float[] states; // [B,S,C]
        try (MemoryWorkspace ignored = Scratch.openStep()) {
            states = encoder.encode(batch);
        }
        // a few sentences' real positions are multiplied in Java (PROJECTION_ROWS), without their padding (a
        // server's join pads a few sentences of any length to the longest); more by BLAS
        int[] lengths = batch.sourceLengths();
        int real = java.util.Arrays.stream(lengths).sum();
        boolean few = real <= PROJECTION_ROWS && weights.contextRows != null; // (with the Vector API only)
        float[] realStates = few ? realPositions(states, lengths, s, c) : null; // [R,C]
        int width = (int) weights.context.size(1); // P (K heads: K·P)
        float[] projections = few ? padded(weights.contextRows.times(realStates, real), lengths, s, width)
                : new float[b * s * width]; // [B·S,P]
        float[][] headKeys = new float[keyRows.length][]; // each [B·S,K]
        int keySize = 0;
        boolean blas = !few || alignment != null;
        for (int k = 0; k < keyRows.length; k++) {
            if (few && keyRows[k] != null) {
                keySize = keyRows[k].columns();
                headKeys[k] = padded(keyRows[k].times(realStates, real), lengths, s, keySize);
            } else {
                blas = true;
            }
        }
        float[] alignmentKeys = null;
        // the rest by BLAS, a few sentences at a time; a key depends on its h_j alone: batch-major values give
        // batch-major keys
        int group = Math.max(1, START_ROWS / s);
        for (int from = 0; blas && from < b; from += group) {
            int count = Math.min(group, b - from);
            int rows = count * s;
            try (MemoryWorkspace ignored = Scratch.openStep()) {
                float[] part = java.util.Arrays.copyOfRange(states, from * s * c, (from + count) * s * c);
                INDArray values = FloatCopies.of(part, rows, c);
                if (!few) {
                    INDArray product = Nd4j.createUninitialized(DataType.FLOAT, rows, weights.context.size(1));
                    if (lowered()) {
                        weights.packed(weights.context, precision).times(part, rows, product);
                    } else {
                        Nd4j.gemm(values, weights.context, product, false, false, 1.0, 0.0);
                    }
                    FloatCopies.read(product, projections, from * s * width);
                }
                INDArray byBatch = values.reshape(count, s, c).castTo(type);
                for (int k = 0; k < keyRows.length; k++) {
                    if (!(few && keyRows[k] != null)) {
                        INDArray keys = trained.heads().get(k).keys(byBatch); // [count,S,K]
                        keySize = (int) keys.size(2);
                        headKeys[k] = headKeys[k] != null ? headKeys[k] : new float[b * s * keySize];
                        FloatCopies.read(keys, headKeys[k], from * s * keySize);
                    }
                }
                if (alignment != null) {
                    INDArray keys = model.alignmentHead().score().keys(byBatch);
                    alignmentKeys = alignmentKeys != null ? alignmentKeys : new float[b * s * (int) keys.size(2)];
                    FloatCopies.read(keys, alignmentKeys, from * s * (int) keys.size(2));
                }
            }
        }
        SearchMemory memory = new SearchMemory(headKeys[0], keySize, projections, s,
                batch.sourceLengths().clone(), headKeys.length == 1 ? List.of() : List.of(headKeys), alignmentKeys);
        try (MemoryWorkspace ignored = Scratch.openStep()) {
            INDArray mean = FloatCopies.of(meanOfRealPositions(states, batch.sourceLengths(), s, c), b, c);
            float[] initial = FloatCopies.read(model.initialState().fromMean(mean.castTo(type))); // s_0 [B,D]
            return new SearchStart(memory, states(withMemory(initial, b)));
        }
    }

    // states [B,S,C] -> the rows of real positions, [R,C] (R = Σ lengths)
    private static float[] realPositions(float[] states, int[] lengths, int s, int c) {
        float[] rows = new float[java.util.Arrays.stream(lengths).sum() * c];
        int at = 0;
        for (int i = 0; i < lengths.length; i++) {
            System.arraycopy(states, i * s * c, rows, at, lengths[i] * c);
            at += lengths[i] * c;
        }
        return rows;
    }

    // rows of real positions [R,W] -> [B,S,W], zeros at padding (which search never reads)
    private static float[] padded(float[] rows, int[] lengths, int s, int w) {
        float[] out = new float[lengths.length * s * w];
        int at = 0;
        for (int i = 0; i < lengths.length; i++) {
            System.arraycopy(rows, at, out, i * s * w, lengths[i] * w);
            at += lengths[i] * w;
        }
        return out;
    }

    // h [N,D] -> the cell's state rows [N,W]: h, then c_0 = h for a cell with a memory (as training starts it)
    private float[] withMemory(float[] hidden, int n) {
        int d = weights.stateSize;
        int w = cell.stateSize();
        if (w == d) {
            return hidden;
        }
        float[] rows = new float[n * w];
        for (int r = 0; r < n; r++) {
            System.arraycopy(hidden, r * d, rows, r * w, d);
            System.arraycopy(hidden, r * d, rows, r * w + d, d);
        }
        return rows;
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

    // state rows [N,W] with the products of their h, one GEMM
    private DecoderStates states(float[] values) {
        int d = weights.stateSize;
        int w = cell.stateSize();
        int n = values.length / w;
        float[] hidden = w == d ? values : columns(values, n, w, 0, d);
        float[] products = lowered() && n > FEW_ROWS ? times(hidden, n, weights.packed(weights.stateProducts, precision))
                : times(hidden, n, weights.stateRows, weights.stateProducts);
        return new DecoderStates(values, products, w, d, weights.productWidth);
    }

    private boolean lowered() {
        return precision != Precision.FP32;
    }

    // rows x [n,K] times packed w [K,M], in the packed precision
    static float[] times(float[] x, int n, PackedWeights w) {
        INDArray product = Nd4j.createUninitialized(DataType.FLOAT, n, w.columns());
        w.times(x, n, product);
        return FloatCopies.read(product);
    }

    // rows x [n,K] times w [K,M]: Java's product for up to RowProducts.MAX_ROWS rows (rows: w's), BLAS's beyond
    static float[] times(float[] x, int n, RowProducts rows, INDArray w) {
        if (n <= RowProducts.MAX_ROWS) {
            return rows.times(x, n);
        }
        INDArray product = Nd4j.createUninitialized(DataType.FLOAT, n, w.size(1));
        Nd4j.gemm(FloatCopies.of(x, n, w.size(0)), w, product, false, false, 1.0, 0.0);
        return FloatCopies.read(product);
    }

    /** The output layer's columns of these target tokens (ascending ids), for the steps of one batch. */
    public OutputColumns outputColumns(int[] tokens) {
        return new OutputColumns(tokens, outputByToken(), outputBias(), weights.deepSize);
    }

    private volatile float[] outputBias; // b_out [V]

    private float[] outputBias() {
        float[] b = outputBias;
        if (b == null) {
            b = FloatCopies.read(weights.outputBias);
            outputBias = b;
        }
        return b;
    }

    private volatile float[] outputByToken; // W_out transposed, [V,O]: a token's column is contiguous

    private float[] outputByToken() {
        float[] t = outputByToken;
        if (t == null) {
            t = FloatCopies.read(weights.output.transpose());
            outputByToken = t;
        }
        return t;
    }

    /**
     * states: s_{t−1} of N hypotheses; previousTokens: y_{t−1} [N]; groupOfRow: the memory group (sentence) each
     * hypothesis reads.
     */
    public DecoderStep step(DecoderStates states, int[] previousTokens, int[] groupOfRow, SearchMemory memory) {
        return step(states, previousTokens, groupOfRow, memory, true, null);
    }

    /** As above, with logits for these output columns only (null: the whole vocabulary). */
    public DecoderStep step(DecoderStates states, int[] previousTokens, int[] groupOfRow, SearchMemory memory,
                     OutputColumns columns) {
        return step(states, previousTokens, groupOfRow, memory, true, columns);
    }

    /** The recurrence only (new states and attention), for a forced target whose logits nobody reads. */
    public DecoderStep recur(DecoderStates states, int[] previousTokens, int[] groupOfRow, SearchMemory memory) {
        return step(states, previousTokens, groupOfRow, memory, false, null);
    }

    /**
     * The same for forced alignment, where the token each row aligns at this step, y_t, is known, and the tokens after
     * it ({@code alignedTokens}: [N] arrays of y_t, y_{t+1}, …, padding past {@code </s>}; at least
     * {@link #alignmentLookahead()} + 1 of them): with an alignment head ({@code model.alignment_head}), the step's
     * attention is the head's weights over {@code [s_t ; E[y_t] ; …]}; without one, the decoder's attention, as
     * {@link #recur} gives.
     */
    public DecoderStep recur(DecoderStates states, int[] previousTokens, int[] groupOfRow, SearchMemory memory,
                      int[][] alignedTokens) {
        DecoderStep step = step(states, previousTokens, groupOfRow, memory, false, null);
        if (alignment == null || alignedTokens == null) {
            return step;
        }
        AlignmentSearch.Aligned aligned = alignment.weights(step.states().hidden(), alignedTokens, groupOfRow,
                memory.alignment(), states.aligned());
        DecoderStates next = aligned.next() == null ? step.states() : step.states().withAligned(aligned.next());
        return new DecoderStep(next, null, aligned.weights(), step.sourceLength(), null);
    }

    /** Whether the model has an alignment head, which the forced {@code recur} reads. */
    public boolean hasAlignmentHead() {
        return alignment != null;
    }

    /** How many tokens after the one it aligns the alignment head reads ({@code model.alignment_lookahead}; 0 without a head). */
    public int alignmentLookahead() {
        return alignment == null ? 0 : alignment.lookahead();
    }

    private DecoderStep step(DecoderStates states, int[] previousTokens, int[] groupOfRow, SearchMemory memory,
                      boolean withLogits, OutputColumns columns) {
        int n = previousTokens.length;
        int w = states.size();
        int p = weights.width;
        int q = weights.productWidth;
        // stored rows, read through states.stored(r): [·,Q] W_h s_{t−1} | W_a s_{t−1} | (W_os s_{t−1}, not used)
        float[] products = states.storedProducts();
        int heads = attention.size();
        int[] first = new int[n];
        int[] end = new int[n];
        int queryWidth = weights.queryWidth; // the heads' queries, then the window's
        float[] queries = queryWidth == 0 ? null : queries(states, previousTokens);
        double[] centres = window == 0 ? null : centres(queries, n, queryWidth, groupOfRow, memory);
        for (int r = 0; r < n; r++) {
            int length = memory.lengths()[groupOfRow[r]];
            first[r] = centres == null ? 0 : LocalWindow.first(centres[r], window);
            end[r] = centres == null ? length : LocalWindow.end(centres[r], window, length);
        }
        float[][] alphas = new float[heads][]; // each head's [N,S]
        for (int k = 0; k < heads; k++) {
            int a = headQueryWidth / heads;
            float[] head = headQueryWidth == 0 ? states.hidden() : columns(queries, n, queryWidth, k * a, a);
            alphas[k] = attention.get(k).weights(head, memory.head(k), groupOfRow, first, end, centres, window);
        }
        float[] alpha = heads == 1 ? alphas[0] : mean(alphas);
        float[] inputs = contextAndTokenParts(alphas, previousTokens, groupOfRow, memory, first, end); // [N,P]
        float[] next = new float[n * w];
        SearchCell.Kernel kernel = cell.kernel();
        float[] values = states.storedValues();
        for (int r = 0; r < n; r++) {
            int parent = states.stored(r);
            kernel.step(inputs, r * p, products, parent * q, values, parent * w, next, r * w);
        }
        DecoderStates nextStates = states(next);
        if (!withLogits) {
            return new DecoderStep(nextStates, null, alpha, memory.sourceLength(), null);
        }
        // the deep output: its token and context parts plus W_os s_t, through tanh
        int o = weights.deepSize;
        float[] deep = StepBuffers.get(StepBuffers.Use.DEEP, n * o); // [N,O]
        float[] fromState = nextStates.storedProducts(); // in order: made by this step
        for (int r = 0; r < n; r++) {
            int input = r * p + weights.cellWidth;
            int state = r * q + q - o;
            for (int i = 0; i < o; i++) {
                deep[r * o + i] = inputs[input + i] + fromState[state + i];
            }
        }
        Activations.tanh(deep, n * o);
        RowProducts rows = columns == null ? weights.outputRows : columns.rows();
        int[] tokens = columns == null ? null : columns.tokens();
        if (lowered() && columns == null && n > FEW_ROWS) {
            INDArray logits = Nd4j.createUninitialized(DataType.FLOAT, n, weights.output.size(1));
            weights.packed(weights.output, precision).times(deep, n, logits);
            NdOps.addRowVector(logits, weights.outputBias);
            return new DecoderStep(nextStates, logits, alpha, memory.sourceLength(), tokens);
        }
        if (n <= RowProducts.MAX_ROWS) {
            INDArray logits = FloatCopies.of(rows.times(deep, n), n, rows.columns());
            return new DecoderStep(nextStates, logits, alpha, memory.sourceLength(), tokens);
        }
        INDArray output = columns == null ? weights.output : columns.weights();
        INDArray logits = Nd4j.createUninitialized(DataType.FLOAT, n, output.size(1));
        Nd4j.gemm(FloatCopies.of(deep, n, o), output, logits, false, false, 1.0, 0.0);
        NdOps.addRowVector(logits, columns == null ? weights.outputBias : columns.bias());
        return new DecoderStep(nextStates, logits, alpha, memory.sourceLength(), tokens);
    }

    // columns [from, from + count) of a row-major [n, width] matrix
    static float[] columns(float[] matrix, int n, int width, int from, int count) {
        float[] out = new float[n * count];
        for (int r = 0; r < n; r++) {
            System.arraycopy(matrix, r * width + from, out, r * count, count);
        }
        return out;
    }

    // the projected queries [N,QW] (the heads' side by side, then the window's): the state products' query columns,
    // plus the previous word's rows of the token table when the query reads it
    private float[] queries(DecoderStates states, int[] previousTokens) {
        float[] queries = states.productColumns(weights.cellWidth, weights.queryWidth);
        if (weights.tokenQueries != null) {
            weights.tokenQueries.addRowsTo(previousTokens, queries);
        }
        return queries;
    }

    // local attention's centres p_r = S_r σ(v_pᵀ tanh(W_p q_r)) from the queries' W_p columns [N,QW] -> [N]
    private double[] centres(float[] queries, int n, int width, int[] groupOfRow, SearchMemory memory) {
        int a = windowV.length;
        float[] hidden = columns(queries, n, width, headQueryWidth, a);
        Activations.tanh(hidden, hidden.length);
        double[] centres = new double[n];
        for (int r = 0; r < n; r++) {
            double z = 0;
            for (int k = 0; k < a; k++) {
                z += (double) hidden[r * a + k] * windowV[k];
            }
            centres[r] = memory.lengths()[groupOfRow[r]] / (1 + Math.exp(-z));
        }
        return centres;
    }

    // the heads' mean weights, [N,S]
    private static float[] mean(float[][] alphas) {
        float[] mean = new float[alphas[0].length];
        for (float[] alpha : alphas) {
            for (int i = 0; i < mean.length; i++) {
                mean[i] += alpha[i] / alphas.length;
            }
        }
        return mean;
    }

    // per hypothesis: the token table's row of y_{t−1} plus Σ_k Σ_j α_kj · (h_j W_c,k [W_ic|W_oc]) (one head:
    // Σ_j α_j · (h_j [W_ic|W_oc])) -> [N,P]; the sums run over rows copied to offset 0, which C2 vectorizes
    private float[] contextAndTokenParts(float[][] alphas, int[] previousTokens, int[] groupOfRow,
                                         SearchMemory memory, int[] first, int[] end) {
        int n = previousTokens.length;
        int p = weights.width;
        int s = memory.sourceLength();
        int heads = alphas.length;
        float[] projections = memory.projections();
        float[][] table = weights.tokens.rowsOf(previousTokens); // [N][P]
        float[] out = StepBuffers.get(StepBuffers.Use.INPUTS, n * p);
        float[] sum = new float[p];
        float[] row = new float[p];
        for (int r = 0; r < n; r++) {
            System.arraycopy(table[r], 0, sum, 0, p);
            int group = groupOfRow[r];
            for (int h = 0; h < heads; h++) {
                float[] alpha = alphas[h];
                for (int j = first[r]; j < end[r]; j++) {
                    float a = alpha[r * s + j];
                    System.arraycopy(projections, ((group * s + j) * heads + h) * p, row, 0, p);
                    for (int k = 0; k < p; k++) {
                        sum[k] += a * row[k];
                    }
                }
            }
            System.arraycopy(sum, 0, out, r * p, p);
        }
        return out;
    }
}
