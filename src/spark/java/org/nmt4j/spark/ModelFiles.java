package org.nmt4j.spark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.nmt4j.io.UserError;
import org.nmt4j.model.io.ModelFolder;

/**
 * The files of a model folder that translation needs (config, model description, vocabularies, BPE codes,
 * parameters; not the training state), read once on the driver from any Hadoop file system and broadcast to the
 * executors, which each load them once ({@link ExecutorModels}). About the size of {@code parameters.bin} (35 MB for
 * the Multi30k reference model).
 */
public record ModelFiles(String location, String fingerprint, Map<String, byte[]> files) implements Serializable {

    /**
     * What a model folder holds for translation; {@code bpe.codes} only when the model uses BPE, {@code shortlist.tsv}
     * only when {@code nmt4j shortlist} made one.
     */
    static final List<String> NAMES = List.of(ModelFolder.CONFIG, ModelFolder.MODEL_FILE, ModelFolder.SOURCE_VOCABULARY,
            ModelFolder.TARGET_VOCABULARY, ModelFolder.PARAMETERS, ModelFolder.BPE_CODES,
            org.nmt4j.translate.Shortlist.FILE);
    private static final List<String> OPTIONAL = List.of(ModelFolder.BPE_CODES, org.nmt4j.translate.Shortlist.FILE);

    /** Reads the folder at {@code location} (a local path or a URI such as {@code hdfs://...}). */
    public static ModelFiles read(String location, Configuration hadoop) {
        org.apache.hadoop.fs.Path folder = new org.apache.hadoop.fs.Path(location);
        try {
            FileSystem fs = folder.getFileSystem(hadoop);
            if (!fs.exists(folder) || !fs.getFileStatus(folder).isDirectory()) {
                throw new UserError(location + ": no such model folder");
            }
            Map<String, byte[]> files = new LinkedHashMap<>();
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String name : NAMES) {
                org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(folder, name);
                if (!fs.exists(file)) {
                    if (OPTIONAL.contains(name)) {
                        continue;
                    }
                    throw new UserError(location + ": no " + name + " (not a model folder written by nmt4j train)");
                }
                byte[] bytes = readAll(fs.open(file));
                files.put(name, bytes);
                digest.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                digest.update(bytes);
            }
            return new ModelFiles(location, HexFormat.of().formatHex(digest.digest()), files);
        } catch (IOException e) {
            throw new UserError(location + ": cannot read the model folder (" + e.getMessage() + ")");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads the folders of a model or an ensemble; an ensemble's members must share vocabularies and BPE codes (a
     * one-line error names the folder that differs).
     */
    public static List<ModelFiles> readAll(List<String> locations, Configuration hadoop) {
        if (locations.isEmpty()) {
            throw new IllegalArgumentException("no model folder");
        }
        List<ModelFiles> all = locations.stream().map(l -> read(l, hadoop)).toList();
        ModelFiles first = all.get(0);
        for (ModelFiles member : all.subList(1, all.size())) {
            for (String name : List.of(ModelFolder.SOURCE_VOCABULARY, ModelFolder.TARGET_VOCABULARY,
                    ModelFolder.BPE_CODES)) {
                if (!java.util.Arrays.equals(first.files().get(name), member.files().get(name))) {
                    throw new UserError(member.location() + ": its " + name + " differs from " + first.location()
                            + "'s; the models of an ensemble share vocabularies, preprocessing and BPE codes");
                }
            }
        }
        return all;
    }

    /** Writes the files into {@code folder} (a local directory), as a model folder. */
    void writeTo(Path folder) throws IOException {
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Files.write(folder.resolve(file.getKey()), file.getValue());
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toByteArray();
        }
    }
}
