package org.nmt4j.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nmt4j.io.AtomicFile;
import org.nmt4j.io.UserError;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * One YAML file describes a whole experiment: its name (and so its model folder), data, preprocessing, vocabulary,
 * model, training, validation and decoding. Every key has its default in the section's record; unknown keys are
 * errors. {@link #effective()} is the config with every default filled in, which the trainer writes into the model
 * folder so that a model folder describes itself.
 */
public record ExperimentConfig(String origin, String name, Path folder, DataConfig data,
                               PreprocessingConfig preprocessing, VocabularyConfig vocabulary, ModelConfig model,
                               TrainingConfig training, ValidationConfig validation, DecodingConfig decoding,
                               Map<String, Object> effective) {

    /** Reads a config file, after applying {@code key.path=value} overrides (values in YAML syntax). */
    public static ExperimentConfig load(Path file, List<String> overrides) {
        Map<String, Object> root = readYaml(file);
        for (String override : overrides) {
            apply(root, override);
        }
        return read(file.toString(), root);
    }

    public static ExperimentConfig load(Path file) {
        return load(file, List.of());
    }

    static ExperimentConfig read(String origin, Map<String, Object> root) {
        Section s = new Section(origin, "", root);
        String name = s.string("name", null);
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw s.error("name", name == null ? "missing (the model's name; it is trained into models/NAME)"
                    : "'" + name + "' must be letters, digits, '.', '_' or '-'");
        }
        Path folder = Path.of(s.string("folder", "models/" + name));
        DataConfig data;
        PreprocessingConfig preprocessing;
        VocabularyConfig vocabulary;
        ModelConfig model;
        TrainingConfig training;
        ValidationConfig validation;
        DecodingConfig decoding;
        try {
            data = DataConfig.read(s.section("data"));
            preprocessing = PreprocessingConfig.read(s.section("preprocessing"));
            vocabulary = VocabularyConfig.read(s.section("vocabulary"));
            model = ModelConfig.read(s.section("model"));
            training = TrainingConfig.read(s.section("training"));
            validation = ValidationConfig.read(s.section("validation"));
            decoding = DecodingConfig.read(s.section("decoding"));
        } catch (UserError e) {
            if (e.getMessage().contains(": missing")) {
                s.finishLastSection(); // a misspelt key explains a missing one better than "missing" does
            }
            throw e;
        }
        s.finish();
        if (training.guidedAlignment().detach() && !model.alignmentHead()) {
            throw new UserError(origin + ": training.guided_alignment.detach: needs model.alignment_head (detached "
                    + "from the model, guidance would train nothing)");
        }
        if (model.alignmentHead() && !training.guidedAlignment().enabled()) {
            throw new UserError(origin + ": model.alignment_head: needs training.guided_alignment (the links that "
                    + "train it)");
        }
        return new ExperimentConfig(origin, name, folder, data, preprocessing, vocabulary, model, training,
                validation, decoding, Collections.unmodifiableMap(s.effective()));
    }

    /** Writes the effective config, atomically. */
    public void save(Path file) throws IOException {
        AtomicFile.writeString(file, yaml());
    }

    /** The effective config as YAML, what {@link #save} writes and {@link #parse} reads. */
    public String yaml() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        Map<String, Object> plain = new LinkedHashMap<>(effective);
        return "# nmt4j effective config (every default filled in)\n" + new Yaml(options).dump(plain);
    }

    /** A config from YAML text ({@link #yaml}: a cluster's workers get the driver's config this way). */
    public static ExperimentConfig parse(String origin, String yaml) {
        Object parsed = new Yaml().load(yaml);
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new UserError(origin + ": not a YAML mapping");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> root = (Map<String, Object>) map;
        return read(origin, root);
    }

    /** The same config with other overrides applied (for a resumed run's new limits, say). */
    public ExperimentConfig with(List<String> overrides) {
        Map<String, Object> root = deepCopy(effective);
        for (String override : overrides) {
            apply(root, override);
        }
        return read(origin, root);
    }

    static Map<String, Object> readYaml(Path file) {
        Object parsed;
        try {
            parsed = new Yaml().load(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such config file");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new UserError(file + ": not valid UTF-8");
        } catch (IOException e) {
            throw new UserError(file + ": cannot read (" + e.getMessage() + ")");
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw UserError.at(file, line, "not valid YAML (" + e.getProblem() + ")");
        } catch (RuntimeException e) {
            throw new UserError(file + ": not valid YAML (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (parsed == null) {
            parsed = new LinkedHashMap<>();
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new UserError(file + ": expected a mapping of sections (name, data, model, training, ...)");
        }
        return deepCopy(map);
    }

    private static Map<String, Object> deepCopy(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), v instanceof Map<?, ?> m ? deepCopy(m) : v));
        return copy;
    }

    @SuppressWarnings("unchecked")
    static void apply(Map<String, Object> root, String override) {
        int equals = override.indexOf('=');
        if (equals <= 0) {
            throw new UserError("--set " + override + ": expected key=value, e.g. training.max_steps=1000");
        }
        String[] keys = override.substring(0, equals).trim().split("\\.");
        Object value = new Yaml().load(override.substring(equals + 1));
        Map<String, Object> map = root;
        for (int i = 0; i < keys.length - 1; i++) {
            Object child = map.get(keys[i]);
            if (!(child instanceof Map)) {
                child = new LinkedHashMap<String, Object>();
                map.put(keys[i], child);
            }
            map = (Map<String, Object>) child;
        }
        map.put(keys[keys.length - 1], value);
    }
}
