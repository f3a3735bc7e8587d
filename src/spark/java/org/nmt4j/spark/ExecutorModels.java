package org.nmt4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.apache.spark.broadcast.Broadcast;
import org.nmt4j.translate.Translator;

/**
 * The models an executor JVM has loaded, one {@link Translator} per broadcast model, shared by all the tasks the JVM
 * runs (a translator is thread-safe): a model is loaded once per executor, not once per task or partition.
 */
final class ExecutorModels {

    private static final Map<String, Translator> LOADED = new ConcurrentHashMap<>();
    private static final AtomicInteger LOADS = new AtomicInteger();

    private ExecutorModels() {
    }

    /** The translator of a broadcast model folder, loaded on first use in this JVM; single-threaded searches. */
    static Translator translator(Broadcast<ModelFiles> model) {
        return LOADED.computeIfAbsent(model.value().fingerprint(), key -> load(model.value()));
    }

    /** How many times this JVM has loaded a model (tests: once per executor). */
    static int loads() {
        return LOADS.get();
    }

    /** Forgets the loaded models (tests). */
    static void forget() {
        LOADED.clear();
    }

    private static Translator load(ModelFiles files) {
        Path folder = null;
        try {
            folder = Files.createTempDirectory("nmt4j-model-");
            files.writeTo(folder);
            LOADS.incrementAndGet();
            return Translator.load(folder).withThreads(1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the model " + files.location() + " on this executor", e);
        } finally {
            if (folder != null) {
                delete(folder);
            }
        }
    }

    private static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
