package org.nmt4j.model.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.nd4j.linalg.api.buffer.DataType;
import org.nmt4j.io.AtomicFile;
import org.nmt4j.io.UserError;
import org.nmt4j.config.ModelConfig;
import org.nmt4j.model.NmtModel;
import org.nmt4j.model.Parameters;
import org.nmt4j.text.Vocabulary;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * A trained model on disk, one folder: {@code model.yaml} (format version, data type, vocabulary sizes and the model
 * config), {@code vocab.src.txt} and {@code vocab.tgt.txt}, and {@code parameters.bin} ({@link ParameterFile}).
 * Every file is written atomically. Loading checks that the pieces fit together.
 */
public final class ModelFolder {

    public static final int FORMAT_VERSION = 1;
    public static final String MODEL_FILE = "model.yaml";
    public static final String SOURCE_VOCABULARY = "vocab.src.txt";
    public static final String TARGET_VOCABULARY = "vocab.tgt.txt";
    public static final String PARAMETERS = "parameters.bin";
    /** The effective experiment config the trainer writes (preprocessing and decoding for the translator). */
    public static final String CONFIG = "config.yaml";
    /** The BPE codes, when the config uses subwords. */
    public static final String BPE_CODES = "bpe.codes";

    private static final Set<String> KEYS = Set.of("format_version", "data_type", "source_vocabulary_size",
            "target_vocabulary_size", "embedding_size", "encoder_size", "decoder_size", "attention_size",
            "output_size", "attention", "attention_heads", "attention_window", "attention_query", "alignment_head",
            "alignment_jumps", "alignment_attention", "alignment_lookahead", "cell", "dropout", "label_smoothing");

    private ModelFolder() {
    }

    /** A model with its vocabularies. */
    public record Loaded(NmtModel model, Vocabulary source, Vocabulary target) {
    }

    public static void save(Path folder, NmtModel model, Vocabulary source, Vocabulary target) throws IOException {
        model.checkVocabularies(source, target);
        Files.createDirectories(folder);
        ModelConfig c = model.config();
        Map<String, Object> yaml = new LinkedHashMap<>();
        yaml.put("format_version", FORMAT_VERSION);
        yaml.put("data_type", model.parameters().dataType().name().toLowerCase(java.util.Locale.ROOT));
        yaml.put("source_vocabulary_size", model.sourceVocabularySize());
        yaml.put("target_vocabulary_size", model.targetVocabularySize());
        yaml.put("embedding_size", c.embeddingSize());
        yaml.put("encoder_size", c.encoderSize());
        yaml.put("decoder_size", c.decoderSize());
        yaml.put("attention_size", c.attentionSize());
        yaml.put("output_size", c.outputSize());
        yaml.put("attention", c.attention());
        yaml.put("attention_heads", c.attentionHeads());
        yaml.put("attention_window", c.attentionWindow());
        yaml.put("attention_query", c.attentionQuery());
        yaml.put("alignment_head", c.alignmentHead());
        if (c.alignmentJumps() > 0) {
            yaml.put("alignment_jumps", c.alignmentJumps());
        }
        if (!c.alignmentAttention().equals(ModelConfig.ADDITIVE)) {
            yaml.put("alignment_attention", c.alignmentAttention());
        }
        if (c.alignmentLookahead() > 0) {
            yaml.put("alignment_lookahead", c.alignmentLookahead());
        }
        yaml.put("cell", c.cell());
        yaml.put("dropout", c.dropout());
        yaml.put("label_smoothing", c.labelSmoothing());
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        AtomicFile.writeString(folder.resolve(MODEL_FILE), "# nmt4j model\n" + new Yaml(options).dump(yaml));
        source.save(folder.resolve(SOURCE_VOCABULARY));
        target.save(folder.resolve(TARGET_VOCABULARY));
        ParameterFile.write(model.parameters(), folder.resolve(PARAMETERS));
    }

    public static Loaded load(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new UserError(folder + ": no such model folder");
        }
        Path modelFile = folder.resolve(MODEL_FILE);
        Map<String, Object> yaml = readYaml(modelFile);
        int version = integer(yaml, "format_version", modelFile);
        if (version != FORMAT_VERSION) {
            throw new UserError(modelFile + ": model format version " + version + ", this nmt4j reads version "
                    + FORMAT_VERSION);
        }
        ModelConfig config;
        try {
            config = new ModelConfig(integer(yaml, "embedding_size", modelFile),
                    integer(yaml, "encoder_size", modelFile), integer(yaml, "decoder_size", modelFile),
                    integer(yaml, "attention_size", modelFile), integer(yaml, "output_size", modelFile),
                    string(yaml, "attention", modelFile),
                    yaml.containsKey("cell") ? string(yaml, "cell", modelFile) : "gru", // folders from before cells
                    number(yaml, "dropout", modelFile),
                    number(yaml, "label_smoothing", modelFile),
                    yaml.containsKey("attention_heads") ? integer(yaml, "attention_heads", modelFile) : 1,
                    yaml.containsKey("attention_window") ? integer(yaml, "attention_window", modelFile) : 0,
                    yaml.containsKey("attention_query") ? string(yaml, "attention_query", modelFile)
                            : ModelConfig.QUERY_STATE,
                    yaml.containsKey("alignment_head") && bool(yaml, "alignment_head", modelFile),
                    yaml.containsKey("alignment_jumps") ? integer(yaml, "alignment_jumps", modelFile) : 0,
                    yaml.containsKey("alignment_attention") ? string(yaml, "alignment_attention", modelFile)
                            : ModelConfig.ADDITIVE,
                    yaml.containsKey("alignment_lookahead") ? integer(yaml, "alignment_lookahead", modelFile) : 0);
        } catch (UserError e) {
            throw new UserError(modelFile + ": " + e.getMessage());
        }
        org.nmt4j.model.ModelVariants.check(config, modelFile.toString());
        DataType dataType = switch (string(yaml, "data_type", modelFile)) {
            case "float" -> DataType.FLOAT;
            case "double" -> DataType.DOUBLE;
            default -> throw new UserError(modelFile + ": data_type must be float or double");
        };
        Vocabulary source = Vocabulary.load(folder.resolve(SOURCE_VOCABULARY));
        Vocabulary target = Vocabulary.load(folder.resolve(TARGET_VOCABULARY));
        int sourceSize = integer(yaml, "source_vocabulary_size", modelFile);
        int targetSize = integer(yaml, "target_vocabulary_size", modelFile);
        if (source.size() != sourceSize || target.size() != targetSize) {
            throw new UserError(folder + ": vocabularies have " + source.size() + " and " + target.size()
                    + " entries, " + MODEL_FILE + " says " + sourceSize + " and " + targetSize);
        }
        Parameters parameters = NmtModel.layout(config, sourceSize, targetSize).allocate(dataType);
        ParameterFile.read(folder.resolve(PARAMETERS), parameters);
        return new Loaded(NmtModel.withParameters(config, sourceSize, targetSize, parameters), source, target);
    }

    private static Map<String, Object> readYaml(Path file) {
        Object parsed;
        try {
            parsed = new Yaml().load(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such file (is this an nmt4j model folder?)");
        } catch (IOException e) {
            throw new UserError(file + ": cannot read (" + e.getMessage() + ")");
        } catch (RuntimeException e) {
            throw new UserError(file + ": not valid YAML (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new UserError(file + ": expected a mapping of keys to values");
        }
        Set<String> unknown = new TreeSet<>();
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = String.valueOf(entry.getKey());
            if (!KEYS.contains(key)) {
                unknown.add(key);
            }
            out.put(key, entry.getValue());
        }
        if (!unknown.isEmpty()) {
            throw new UserError(file + ": unknown key(s) " + unknown);
        }
        return out;
    }

    private static Object required(Map<String, Object> yaml, String key, Path file) {
        Object value = yaml.get(key);
        if (value == null) {
            throw new UserError(file + ": missing key '" + key + "'");
        }
        return value;
    }

    private static int integer(Map<String, Object> yaml, String key, Path file) {
        if (!(required(yaml, key, file) instanceof Integer value)) {
            throw new UserError(file + ": '" + key + "' must be a whole number");
        }
        return value;
    }

    private static double number(Map<String, Object> yaml, String key, Path file) {
        if (!(required(yaml, key, file) instanceof Number value)) {
            throw new UserError(file + ": '" + key + "' must be a number");
        }
        return value.doubleValue();
    }

    private static String string(Map<String, Object> yaml, String key, Path file) {
        return String.valueOf(required(yaml, key, file));
    }

    private static boolean bool(Map<String, Object> yaml, String key, Path file) {
        if (!(required(yaml, key, file) instanceof Boolean value)) {
            throw new UserError(file + ": '" + key + "' must be true or false");
        }
        return value;
    }
}
