package org.nmt4j.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.config.ModelConfig;
import org.nmt4j.text.Vocabulary;

/**
 * The attention model of Bahdanau, Cho and Bengio (2015) as ARCHITECTURE.md describes it: a bidirectional GRU
 * encoder, an initial decoder state from the mean encoder state, a GRU decoder with pluggable attention and a deep
 * output, trained with (label-smoothed) cross-entropy. All parameters live in one {@link Parameters} buffer.
 *
 * <p>The model keeps no state between calls: training, validation and several translation threads can share it.
 */
public final class NmtModel {

    private final ModelConfig config;
    private final int sourceVocabularySize;
    private final int targetVocabularySize;
    private final Parameters parameters;
    private final Encoder encoder;
    private final InitialState initialState;
    private final Decoder decoder;

    private NmtModel(ModelConfig config, int sourceVocabularySize, int targetVocabularySize, Parameters parameters) {
        this.config = config;
        this.sourceVocabularySize = sourceVocabularySize;
        this.targetVocabularySize = targetVocabularySize;
        this.parameters = parameters;
        this.encoder = new Encoder(new Embedding(parameters.get("source.embedding")), cell("encoder.forward"),
                cell("encoder.backward"));
        this.initialState = new InitialState(parameters.get("bridge.W"), parameters.get("bridge.b"));
        AttentionScore score = switch (config.attention()) {
            case "additive" -> new AdditiveScore(parameters.get("attention.W_a"), parameters.get("attention.U_a"),
                    parameters.get("attention.b_a"), parameters.get("attention.v_a"));
            case "general" -> new DotScore(parameters.get("attention.W"));
            default -> new DotScore(null);
        };
        OutputLayer output = new OutputLayer(parameters, "output");
        this.decoder = new Decoder(new Embedding(parameters.get("target.embedding")), cell("decoder"),
                new Attention(score), output);
    }

    private GruCell cell(String prefix) {
        return new GruCell(parameters, prefix);
    }

    /** The parameter names and shapes of a model, in the order they are stored. */
    public static Parameters.Layout layout(ModelConfig c, int sourceVocabularySize, int targetVocabularySize) {
        long e = c.embeddingSize();
        long h = c.encoderSize();
        long d = c.decoderSize();
        long a = c.attentionSize();
        Parameters.Layout layout = new Parameters.Layout()
                .add("source.embedding", sourceVocabularySize, e)
                .add("target.embedding", targetVocabularySize, e);
        for (String direction : new String[] {"encoder.forward", "encoder.backward"}) {
            layout.add(direction + ".W_i", 3, e, h).add(direction + ".W_h", 3, h, h)
                    .add(direction + ".b_i", 3, h).add(direction + ".b_h", 3, h);
        }
        layout.add("bridge.W", 2 * h, d).add("bridge.b", d);
        switch (c.attention()) {
            case "additive" -> layout.add("attention.W_a", d, a).add("attention.U_a", 2 * h, a)
                    .add("attention.b_a", a).add("attention.v_a", a, 1);
            case "general" -> layout.add("attention.W", 2 * h, d);
            default -> { }
        }
        layout.add("decoder.W_i", 3, e + 2 * h, d).add("decoder.W_h", 3, d, d)
                .add("decoder.b_i", 3, d).add("decoder.b_h", 3, d);
        layout.add("output.W_o", d + 2 * h + e, c.outputSize()).add("output.b_o", c.outputSize())
                .add("output.W_out", c.outputSize(), targetVocabularySize).add("output.b_out", targetVocabularySize);
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
            } else if (name.startsWith("decoder.")) {
                init.uniform(p, config.decoderSize());
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
            case "bridge.W", "bridge.b", "attention.U_a", "attention.b_a", "attention.W" -> h2;
            case "attention.W_a" -> c.decoderSize();
            case "attention.v_a" -> c.attentionSize();
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
     * first state. (Search encodes through {@link SearchDecoder#start}, the same function laid out for speed.)
     */
    public Encoded encode(Batch batch) {
        Encoder.Result encoded = encoder.forward(batch, 0, null);
        EncoderMemory memory = memory(encoded);
        return new Encoded(memory, initialState.forward(encoded.states(), encoded.mask()).state());
    }

    private EncoderMemory memory(Encoder.Result encoded) {
        INDArray values = encoded.states();
        INDArray mask = encoded.mask();
        INDArray maskBias = mask.reshape(mask.size(0), mask.size(1)).rsub(1.0).muli(-1e9);
        return EncoderMemory.of(values, decoder.attention().score().keys(values), mask, maskBias);
    }

    /** One forward pass over a training batch, and what backward needs. */
    private record Forward(Encoder.Result encoded, EncoderMemory memory, InitialState.Result start,
                           Decoder.Result decoded, CrossEntropy.Result loss) {
    }

    private Forward forward(Batch batch, Random rng, double normalizer) {
        double dropout = rng == null ? 0 : config.dropout();
        Encoder.Result encoded = encoder.forward(batch, dropout, rng);
        EncoderMemory memory = memory(encoded);
        InitialState.Result start = initialState.forward(encoded.states(), encoded.mask());
        Decoder.Result decoded = decoder.forward(batch, memory, start.state(), dropout, rng);
        CrossEntropy.Result loss = CrossEntropy.forwardBackward(decoded.logits(), decoded.targets(),
                allReal(decoded.targets().length), config.labelSmoothing(), normalizer);
        return new Forward(encoded, memory, start, decoded, loss);
    }

    /**
     * Forward and backward over a training batch: adds the gradient of the mean token loss into the parameters'
     * gradient buffer (which the caller zeroes) and returns the loss. {@code rng} drives dropout; null turns it off.
     */
    public CrossEntropy.Result lossAndGradients(Batch batch, Random rng) {
        return lossAndGradients(batch, rng, batch.targetTokens());
    }

    /**
     * As above, with the gradient of the summed token loss divided by {@code normalizer}: the tokens of the whole
     * batch when this is one shard of it.
     */
    public CrossEntropy.Result lossAndGradients(Batch batch, Random rng, double normalizer) {
        Forward f = forward(batch, rng, normalizer);
        EncoderMemory memory = f.memory();
        INDArray dValues = Nd4j.zeros(memory.values().dataType(), memory.values().shape());
        INDArray dKeys = Nd4j.zeros(memory.keys().dataType(), memory.keys().shape());
        INDArray dStart = decoder.backward(f.decoded(), batch, memory, f.start().state(), f.loss().dLogits(), dValues,
                dKeys);
        decoder.attention().score().keysBackward(memory.values(), dKeys, dValues);
        initialState.backward(f.start(), dStart, dValues);
        encoder.backward(f.encoded(), batch, dValues);
        return f.loss();
    }

    /**
     * The loss of a batch, forward only, without touching the gradients: validation (rng null, no dropout), or the same
     * loss {@link #lossAndGradients} computes for the same rng state.
     */
    public CrossEntropy.Result loss(Batch batch, Random rng) {
        return forward(batch, rng, batch.targetTokens()).loss();
    }

    private static double[] allReal(int n) {
        double[] mask = new double[n];
        java.util.Arrays.fill(mask, 1.0);
        return mask;
    }

    /** Checks that the vocabularies fit the model. */
    public void checkVocabularies(Vocabulary source, Vocabulary target) {
        if (source.size() != sourceVocabularySize || target.size() != targetVocabularySize) {
            throw new IllegalArgumentException("vocabulary sizes " + source.size() + "/" + target.size()
                    + " do not match the model's " + sourceVocabularySize + "/" + targetVocabularySize);
        }
    }
}
