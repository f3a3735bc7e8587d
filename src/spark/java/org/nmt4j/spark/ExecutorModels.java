package org.nmt4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.apache.spark.broadcast.Broadcast;
import org.nmt4j.translate.Translator;

/**
 * The models an executor JVM has loaded, one {@link Translator} per broadcast model (or ensemble), shared by all the
 * tasks the JVM runs (a translator is thread-safe): a model is loaded once per executor, not once per task or
 * partition.
 */
final class ExecutorModels {

    private static final Map<String, Translator> LOADED = new ConcurrentHashMap<>();
    private static final AtomicInteger LOADS = new AtomicInteger();

    private ExecutorModels() {
    }

    /**
     * The translator of broadcast model folders (several: their ensemble), loaded on first use in this JVM;
     * single-threaded searches.
     */
    static Translator translator(Broadcast<List<ModelFiles>> models) {
        return translator(models, false);
    }

    /** As {@link #translator(Broadcast)}, scoring only the first folder's lexical shortlist when asked. */
    static Translator translator(Broadcast<List<ModelFiles>> models, boolean shortlist) {
        String key = String.join("+", models.value().stream().map(ModelFiles::fingerprint).toList())
                + (shortlist ? "+shortlist" : "");
        return LOADED.computeIfAbsent(key, k -> load(models.value(), shortlist));
    }

    /** How many times this JVM has loaded a model (tests: once per executor). */
    static int loads() {
        return LOADS.get();
    }

    /** Forgets the loaded models (tests). */
    static void forget() {
        LOADED.clear();
    }

    private static Translator load(List<ModelFiles> members, boolean shortlist) {
        List<Path> folders = new ArrayList<>();
        try {
            for (ModelFiles files : members) {
                Path folder = Files.createTempDirectory("nmt4j-model-");
                folders.add(folder);
                try {
                    files.writeTo(folder);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot unpack the model " + files.location() + " on this executor",
                            e);
                }
            }
            LOADS.incrementAndGet();
            Translator loaded = Translator.load(folders, null).withThreads(1);
            return shortlist ? loaded.withShortlist(folders.get(0).resolve(org.nmt4j.translate.Shortlist.FILE))
                    : loaded;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a temporary folder on this executor", e);
        } finally {
            folders.forEach(ExecutorModels::delete);
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
