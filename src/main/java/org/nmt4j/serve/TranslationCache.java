package org.nmt4j.serve;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

import org.nmt4j.config.ServeConfig;
import org.nmt4j.translate.Translation;

/**
 * Translations kept for sentences asked again, as Bergamot keeps them: keyed by the model, every option that changes
 * what the search finds (beam, n-best, glossary) and the sentence's text; the least recently used leave first when the
 * cache holds more than its entries or its bytes (an estimate of the heap the translations take). A hit is the very
 * list a search returned, so its answer is byte-identical. {@code /metrics} counts hits, misses and evictions.
 */
final class TranslationCache {

    /** What a sentence's translations depend on besides the model's files. */
    record Key(ModelRunner model, Object search, int nBest, String text) {
        static Key of(ModelRunner model, SearchOptions options, String text) {
            return new Key(model, options.searchKey(), options.nBest(), text);
        }
    }

    private final ServeConfig.Cache limits;
    private final Metrics metrics;
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    private record Entry(List<Translation> translations, long bytes) {
    }

    TranslationCache(ServeConfig.Cache limits, Metrics metrics) {
        this.limits = limits;
        this.metrics = metrics;
        metrics.gauge("nmt4j_cache_entries", "Sentences in the translation cache.", "", this::size);
        metrics.gauge("nmt4j_cache_bytes", "Estimated heap bytes the translation cache holds.", "", this::bytes);
        metrics.add("nmt4j_cache_evictions_total", "Sentences the translation cache let go to make room.", "", 0);
    }

    /** The translations kept for this key, or null (a miss); counted under the model's label. */
    List<Translation> get(Key key) {
        Entry e;
        synchronized (this) {
            e = entries.get(key);
        }
        String labels = "model=\"" + Metrics.label(key.model().id()) + "\"";
        if (e == null) {
            metrics.increment("nmt4j_cache_misses_total", "Sentences not found in the translation cache.", labels);
            return null;
        }
        metrics.increment("nmt4j_cache_hits_total", "Sentences answered from the translation cache.", labels);
        return e.translations();
    }

    /** Keeps a search's translations; a list larger than the whole cache is not kept. */
    void put(Key key, List<Translation> translations) {
        long size = estimate(key, translations);
        if (size > limits.bytes()) {
            return;
        }
        int evicted = 0;
        synchronized (this) {
            Entry old = entries.put(key, new Entry(translations, size));
            bytes += size - (old == null ? 0 : old.bytes());
            for (Iterator<Entry> it = entries.values().iterator();
                 it.hasNext() && (entries.size() > limits.entries() || bytes > limits.bytes()); ) {
                bytes -= it.next().bytes();
                it.remove();
                evicted++;
            }
        }
        if (evicted > 0) {
            metrics.add("nmt4j_cache_evictions_total", "Sentences the translation cache let go to make room.", "",
                    evicted);
        }
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized long bytes() {
        return bytes;
    }

    // the heap a key and its translations take, roughly: strings at two bytes a character and 40 of overhead, arrays
    // at their elements' size and 16 of overhead, every object or list 32
    static long estimate(Key key, List<Translation> translations) {
        long size = 96 + text(key.text()) + 32L * (key.search() instanceof List<?> l ? l.size() : 1);
        for (Translation t : translations) {
            size += 96 + text(t.text()) + texts(t.sourcePieces()) + texts(t.targetPieces())
                    + 16 + 4L * t.pieceScores().length + 16 + 16L * t.attention().length;
            for (float[] row : t.attention()) {
                size += 4L * row.length;
            }
        }
        return size;
    }

    private static long texts(List<String> list) {
        long size = 32 + 8L * list.size();
        for (String s : list) {
            size += text(s);
        }
        return size;
    }

    private static long text(String s) {
        return 40 + 2L * s.length();
    }
}
