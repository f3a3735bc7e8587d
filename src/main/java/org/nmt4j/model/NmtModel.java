package org.nmt4j.model;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.config.ModelConfig;
import org.nmt4j.model.attention.AttentionKinds;
import org.nmt4j.model.attention.LocalWindow;
import org.nmt4j.model.cell.CellKinds;
import org.nmt4j.text.Vocabulary;

/**
 * The attention model of Bahdanau, Cho and Bengio (2015): a bidirectional recurrent encoder, an initial decoder state
 * from the mean encoder state, a recurrent decoder with attention and a deep output, trained with (label-smoothed)
 * cross-entropy. The cell ({@link CellKinds}) and the attention score ({@link AttentionKinds}) are the config's
 * choice. All parameters live in one {@link Parameters} buffer.
 *
 * <p>The model keeps no state between calls: training, validation and several translation threads can share it.
 */
public final class NmtModel {

    /** The attention score's parameters are named {@code attention.*}. */
    public static final String ATTENTION = "attention";

    /** The encoder's forward direction's cell, {@code encoder.forward.*}. */
    public static final String ENCODER_FORWARD = "encoder.forward";

    /** The encoder's backward direction's cell, {@code encoder.backward.*}. */
    public static final String ENCODER_BACKWARD = "encoder.backward";

    /** With several attention heads, the projection of their concatenated contexts, W_c [K·2H,2H]. */
    public static final String COMBINE = ATTENTION + ".W_c";

    /** Local attention's centre predictor, W_p [D,A] and v_p [A,1]. */
    public static final String WINDOW_W = ATTENTION + ".W_p";

    /** See {@link #WINDOW_W}. */
    public static final String WINDOW_V = ATTENTION + ".v_p";

    /** The decoder's cell, {@code decoder.*}. */
    public static final String DECODER = "decoder";

    private final ModelConfig config;
    private final int sourceVocabularySize;
    private final int targetVocabularySize;
    private final Parameters parameters;
    private final Encoder encoder;
    private final InitialState initialState;
    private final Decoder decoder;
    private final AlignmentHead alignmentHead; // null unless model.alignment_head

    private NmtModel(ModelConfig config, int sourceVocabularySize, int targetVocabularySize, Parameters parameters) {
        this.config = config;
        this.sourceVocabularySize = sourceVocabularySize;
        this.targetVocabularySize = targetVocabularySize;
        this.parameters = parameters;
        CellKind cell = cellKind(config);
        this.encoder = new Encoder(new Embedding(parameters.get("source.embedding")),
                cell.training(parameters, ENCODER_FORWARD), cell.training(parameters, ENCODER_BACKWARD));
        this.initialState = new InitialState(parameters.get("bridge.W"), parameters.get("bridge.b"));
        List<AttentionScore> heads = new ArrayList<>();
        for (String prefix : attentionPrefixes(config)) {
            heads.add(attentionKind(config).training(parameters, prefix));
        }
        LocalWindow window = config.attentionWindow() == 0 ? null
                : new LocalWindow(parameters.get(WINDOW_W), parameters.get(WINDOW_V), config.attentionWindow());
        Attention attention = new Attention(heads, config.attentionHeads() == 1 ? null : parameters.get(COMBINE),
                window);
        OutputLayer output = new OutputLayer(parameters, "output");
        Embedding targetEmbedding = new Embedding(parameters.get("target.embedding"));
        this.decoder = new Decoder(targetEmbedding, cell.training(parameters, DECODER), attention, output,
                config.queryReadsWord());
        this.alignmentHead = !config.alignmentHead() ? null
                : new AlignmentHead(ModelVariants.alignmentKind(config).training(parameters, AlignmentHead.PREFIX),
                        targetEmbedding,
                        config.alignmentJumps() == 0 ? null : parameters.get(AlignmentJumps.NAME),
                        config.alignmentLookahead());
    }

    /**
     * The prefixes of the attention heads' parameters: {@code attention} with one head (today's names),
     * {@code attention.head0}, {@code attention.head1}, … with several.
     */
    public static List<String> attentionPrefixes(ModelConfig config) {
        int count = config.attentionHeads();
        if (count == 1) {
            return List.of(ATTENTION);
        }
        List<String> prefixes = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            prefixes.add(ATTENTION + ".head" + k);
        }
        return prefixes;
    }

    /** The registered attention score the config names. */
    public static AttentionKind attentionKind(ModelConfig config) {
        return AttentionKinds.ALL.get(config.attention());
    }

    /** The registered cell the config names. */
    public static CellKind cellKind(ModelConfig config) {
        return CellKinds.ALL.get(config.cell());
    }

    /** The parameter names and shapes of a model, in the order they are stored. */
    public static Parameters.Layout layout(ModelConfig c, int sourceVocabularySize, int targetVocabularySize) {
        ModelVariants.check(c);
        long e = c.embeddingSize();
        long h = c.encoderSize();
        long d = c.decoderSize();
        Parameters.Layout layout = new Parameters.Layout()
                .add("source.embedding", sourceVocabularySize, e)
                .add("target.embedding", targetVocabularySize, e);
        CellKind cell = cellKind(c);
        for (String direction : new String[] {ENCODER_FORWARD, ENCODER_BACKWARD}) {
            cell.layout(layout, direction, e, h);
        }
        layout.add("bridge.W", 2 * h, d).add("bridge.b", d);
        for (String prefix : attentionPrefixes(c)) {
            attentionKind(c).layout(layout, prefix, ModelVariants.attentionSizes(c));
        }
        if (c.attentionHeads() > 1) {
            layout.add(COMBINE, (long) c.attentionHeads() * 2 * h, 2 * h);
        }
        if (c.attentionWindow() > 0) {
            layout.add(WINDOW_W, c.querySize(), c.attentionSize()).add(WINDOW_V, c.attentionSize(), 1);
        }
        cell.layout(layout, DECODER, e + 2 * h, d);
        layout.add("output.W_o", d + 2 * h + e, c.outputSize()).add("output.b_o", c.outputSize())
                .add("output.W_out", c.outputSize(), targetVocabularySize).add("output.b_out", targetVocabularySize);
        if (c.alignmentHead()) { // last: the other parameters start as they would without it
            ModelVariants.alignmentKind(c).layout(layout, AlignmentHead.PREFIX, ModelVariants.alignmentHeadSizes(c));
            if (c.alignmentJumps() > 0) {
                layout.add(AlignmentJumps.NAME, 1, 2L * c.alignmentJumps() + 1);
            }
        }
        return layout;
    }

    /** A freshly initialised model; the seed fixes every parameter. */
    public static NmtModel create(ModelConfig config, int sourceVocabularySize, int targetVocabularySize,
                                  DataType dataType, long seed) {
        Parameters parameters = layout(config, sourceVocabularySize, targetVocabularySize).allocate(dataType);
        ParameterInit init = new ParameterInit(seed);
        for (Param p : parameters.all()) {
            String name = p.name();
            if (name.endsWith(".embedding")) {
                init.embedding(parameters, p);
            } else if (name.startsWith("encoder.")) {
                init.uniform(p, config.encoderSize());
            } else if (name.startsWith(DECODER + ".")) {
                init.uniform(p, config.decoderSize());
            } else if (name.equals(WINDOW_W)) {
                init.uniform(p, config.querySize());
            } else if (name.equals(WINDOW_V)) {
                init.uniform(p, config.attentionSize());
            } else if (name.equals(COMBINE)) {
                init.uniform(p, (long) config.attentionHeads() * 2 * config.encoderSize());
            } else if (name.equals(AlignmentJumps.NAME)) {
                p.value().assign(0); // no preference at the start
            } else if (name.startsWith(AlignmentHead.PREFIX + ".")) {
                init.uniform(p, ModelVariants.alignmentKind(config).fanIn(name.substring(name.lastIndexOf('.') + 1),
                        ModelVariants.alignmentHeadSizes(config)));
            } else if (name.startsWith(ATTENTION + ".")) {
                init.uniform(p, attentionKind(config).fanIn(name.substring(name.lastIndexOf('.') + 1),
                        ModelVariants.attentionSizes(config)));
            } else {
                init.uniform(p, fanIn(name, config));
            }
        }
        return new NmtModel(config, sourceVocabularySize, targetVocabularySize, parameters);
    }

    /** A model over existing parameters (e.g. loaded from disk), which must have this config's layout. */
    public static NmtModel withParameters(ModelConfig config, int sourceVocabularySize, int targetVocabularySize,
                                          Parameters parameters) {
        return new NmtModel(config, sourceVocabularySize, targetVocabularySize, parameters);
    }

    private static long fanIn(String name, ModelConfig c) {
        long h2 = 2L * c.encoderSize();
        return switch (name) {
            case "bridge.W", "bridge.b" -> h2;
            case "output.W_o", "output.b_o" -> c.decoderSize() + h2 + c.embeddingSize();
            case "output.W_out", "output.b_out" -> c.outputSize();
            default -> throw new IllegalArgumentException("no initialisation rule for " + name);
        };
    }

    public ModelConfig config() {
        return config;
    }

    public Parameters parameters() {
        return parameters;
    }

    /** A model over the same parameter values with gradients of its own (see {@link Parameters#withOwnGradients}). */
    public NmtModel replica() {
        return new NmtModel(config, sourceVocabularySize, targetVocabularySize, parameters.withOwnGradients());
    }

    /** The model with a copy of its parameter values as they are now: training that goes on does not change it. */
    public NmtModel snapshot() {
        return new NmtModel(config, sourceVocabularySize, targetVocabularySize, parameters.copy());
    }

    public int sourceVocabularySize() {
        return sourceVocabularySize;
    }

    public int targetVocabularySize() {
        return targetVocabularySize;
    }

    public Decoder decoder() {
        return decoder;
    }

    public InitialState initialState() {
        return initialState;
    }

    /** The encoded source: the memory the decoder attends to and its first state. */
    public record Encoded(EncoderMemory memory, INDArray initialState) {
    }

    /**
     * Encodes a batch the way training does, without dropout: the memory the training decoder attends to and its
     * first state. (Search encodes through {@link org.nmt4j.model.search.SearchDecoder#start}, the same function
     * laid out for speed.)
     */
    public Encoded encode(Batch batch) {
        Encoder.Result encoded = encoder.forward(batch, 0, null);
        EncoderMemory memory = memory(encoded);
        return new Encoded(memory, initialState.forward(encoded.states(), encoded.mask()).state());
    }

    private EncoderMemory memory(Encoder.Result encoded) {
        INDArray values = encoded.states();
        return decoder.attention().memory(values, encoded.mask());
    }

    /** The encoder and the decoder unrolled over a training batch, up to the deep output, and what backward needs. */
    private record Forward(Encoder.Result encoded, EncoderMemory memory, InitialState.Result start,
                           Decoder.Result decoded) {
    }

    private Forward forward(Batch batch, Random rng) {
        double dropout = rng == null ? 0 : config.dropout();
        Encoder.Result encoded = encoder.forward(batch, dropout, rng);
        EncoderMemory memory = memory(encoded);
        InitialState.Result start = initialState.forward(encoded.states(), encoded.mask());
        Decoder.Result decoded = decoder.unroll(batch, memory, start.state(), dropout, rng);
        return new Forward(encoded, memory, start, decoded);
    }

    // rows of the output layer's blocks: the whole batch's [n,V] logits are never held at once
    private int blockRows() {
        return OutputLayer.blockRows(targetVocabularySize);
    }

    /**
     * Forward and backward over a training batch: adds the gradient of the mean token loss into the parameters'
     * gradient buffer (which the caller zeroes) and returns the loss. {@code rng} drives dropout; null turns it off.
     */
    public CrossEntropy.Result lossAndGradients(Batch batch, Random rng) {
        return lossAndGradients(batch, rng, batch.targetTokens());
    }

    /**
     * As above, but the gradient is that of the summed token loss divided by {@code normalizer}: the tokens of the
     * whole batch when this is one shard of it.
     */
    public CrossEntropy.Result lossAndGradients(Batch batch, Random rng, double normalizer) {
        return lossAndGradients(batch, rng, normalizer, blockRows());
    }

    /**
     * As above, with guided alignment: the gradient of {@code guided}'s loss over the batch's links (divided by the
     * same normalizer) is added too. The translation loss is returned; {@link #guidedLoss} gives the other.
     */
    public CrossEntropy.Result lossAndGradients(Batch batch, Random rng, double normalizer, GuidedAlignment guided) {
        return lossAndGradients(batch, rng, normalizer, blockRows(), guided);
    }

    // with the output layer's logits blockRows rows at a time
    CrossEntropy.Result lossAndGradients(Batch batch, Random rng, double normalizer, int blockRows) {
        return lossAndGradients(batch, rng, normalizer, blockRows, null);
    }

    private CrossEntropy.Result lossAndGradients(Batch batch, Random rng, double normalizer, int blockRows,
                                                 GuidedAlignment guided) {
        Forward f = forward(batch, rng);
        boolean isGuided = guided != null && batch.links() != null;
        AlignmentHead.Result head = isGuided && alignmentHead != null ? headForward(f, batch) : null;
        double[][] dAlpha = !isGuided ? null
                : guided.evaluate(head != null ? head.steps() : f.decoded().attentions(), batch, normalizer, true)
                .dAlpha();
        OutputLayer.LossAndGradients output = f.decoded().lossAndBackward(decoder.output(), config.labelSmoothing(),
                normalizer, blockRows);
        EncoderMemory memory = f.memory();
        INDArray dValuesByHead = null;
        INDArray dStatesByHead = null;
        if (head != null) {
            dValuesByHead = Nd4j.zeros(memory.values().dataType(), memory.values().shape());
            dStatesByHead = alignmentHead.backward(head, f.decoded().trace().states(), batch, dAlpha, dValuesByHead,
                    !guided.detached());
            if (guided.detached()) { // the head's own parameters only
                dValuesByHead = null;
                dStatesByHead = null;
            }
        }
        Attention.MemoryGradients memoryGradients = new Attention.MemoryGradients(memory);
        INDArray dStart = decoder.backward(f.decoded(), batch, memory, f.start().state(), output.inputs(),
                memoryGradients, head == null ? dAlpha : null, dStatesByHead);
        INDArray dValues = memoryGradients.values();
        if (dValuesByHead != null) {
            dValues.addi(dValuesByHead);
        }
        decoder.attention().keysBackward(memory, memoryGradients, dValues);
        initialState.backward(f.start(), dStart, dValues);
        encoder.backward(f.encoded(), batch, dValues);
        return output.loss();
    }

    /**
     * The loss of a batch, forward only, without touching the gradients: validation (rng null, no dropout), or the same
     * loss {@link #lossAndGradients} computes for the same rng state.
     */
    public CrossEntropy.Result loss(Batch batch, Random rng) {
        return loss(batch, rng, blockRows());
    }

    // with the output layer's logits blockRows rows at a time
    CrossEntropy.Result loss(Batch batch, Random rng, int blockRows) {
        Decoder.Result decoded = forward(batch, rng).decoded();
        return decoder.output().loss(decoded.output(), decoded.targets(), config.labelSmoothing(), blockRows);
    }

    /**
     * The guided-alignment loss of a batch, forward only, for the same rng state as {@link #lossAndGradients}: the
     * training objective is the translation loss plus this.
     */
    public double guidedLoss(Batch batch, Random rng, double normalizer, GuidedAlignment guided) {
        Forward f = forward(batch, rng);
        List<Attention.Step> aligned = alignmentHead == null || batch.links() == null ? f.decoded().attentions()
                : headForward(f, batch).steps();
        return guided.evaluate(aligned, batch, normalizer, false).loss();
    }

    // the alignment head over a training forward
    private AlignmentHead.Result headForward(Forward f, Batch batch) {
        return alignmentHead.forward(f.encoded().states(), f.encoded().mask(), f.decoded().trace().states(), batch);
    }

    /** The alignment head ({@code model.alignment_head}), or null. */
    public AlignmentHead alignmentHead() {
        return alignmentHead;
    }

    /** Checks that the vocabularies fit the model. */
    public void checkVocabularies(Vocabulary source, Vocabulary target) {
        if (source.size() != sourceVocabularySize || target.size() != targetVocabularySize) {
            throw new IllegalArgumentException("vocabulary sizes " + source.size() + "/" + target.size()
                    + " do not match the model's " + sourceVocabularySize + "/" + targetVocabularySize);
        }
    }
}
