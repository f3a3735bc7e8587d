package org.nmt4j.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nmt4j.io.UserError;

/**
 * How {@code nmt4j serve} runs: a YAML file, command-line flags over it, unknown keys errors as in the training
 * config.
 *
 * @param host                where it listens (127.0.0.1: this machine only; 0.0.0.0: every interface)
 * @param port                its port (0: any free one)
 * @param models              model id → model folder (several: an ensemble of them), in order; the first is the
 *                            default
 * @param threads             batching workers per model, each searching one batch at a time on one core
 * @param maxBatchSize        the most sentences a worker searches at once
 * @param maxBatchTokens      the most source pieces in a batch (0: only {@code maxBatchSize} limits)
 * @param maxQueueDelayMs     how long the first sentence of a batch may wait for others to join it
 * @param queueCapacity       sentences waiting per model; a request that does not fit is answered 429
 * @param maxRequestBytes     the largest request body; larger is 413
 * @param maxRequestSentences the most sentences in one request; more is 400
 * @param maxSourceTokens     the most source pieces in a sentence; more is 400, or cropped with {@code truncate}
 * @param truncate            crop a sentence over {@code maxSourceTokens} instead of refusing it
 * @param requestTimeoutMs    a request not answered by then is 504 and its waiting sentences are dropped
 * @param drainTimeoutMs      on stop (SIGTERM), how long the requests in flight get to finish
 * @param shortlist           score only each model folder's lexical shortlist ({@code shortlist.tsv}) per batch
 * @param continuousBatching  greedy sentences join a worker's running batch between its steps and leave it when
 *                            they end, instead of waiting for a batch of their own
 * @param terminology         model id → a glossary (TSV) every translation of that model keeps to, unless a request
 *                            gives its own
 * @param apiKeys             a file of API keys, one a line: every route but the page, {@code /health} and
 *                            {@code /ready} then needs {@code Authorization: Bearer KEY}; null: none
 * @param rateLimit           a token bucket per API key (one for everyone without keys); null: no limit
 * @param corsOrigins         the web origins ({@code https://host[:port]}) whose pages may call the server from a
 *                            browser (CORS); none by default
 * @param warmUpMs            before the server is ready, how long its workers translate made-up sentences so that the
 *                            first requests do not wait for the JIT compiler (0: no warm-up)
 * @param cache               translations kept for sentences asked again (an answer from it skips the queue);
 *                            null: none
 * @param precision           the search's products: {@code fp32}, {@code bf16} (bfloat16 operands accumulated in
 *                            fp32, on a processor with AVX-512 BF16 or AMX) or {@code int8} (int8 operands
 *                            accumulated in int32, on a processor with VNNI or AMX)
 */
public record ServeConfig(String host, int port, Map<String, List<Path>> models, int threads, int maxBatchSize,
                          int maxBatchTokens, int maxQueueDelayMs, int queueCapacity, int maxRequestBytes,
                          int maxRequestSentences, int maxSourceTokens, boolean truncate, int requestTimeoutMs,
                          int drainTimeoutMs, boolean shortlist, boolean continuousBatching,
                          Map<String, Path> terminology, Path apiKeys, RateLimit rateLimit,
                          List<String> corsOrigins, int warmUpMs, Cache cache, String precision) {

    /** The search's precisions, by their names in configs. */
    public static final List<String> PRECISIONS = List.of("fp32", "bf16", "int8");

    /** Sentences a second a key may have translated on average, and the most it may send at once. */
    public record RateLimit(double sentencesPerSecond, int burst) {
    }

    /** The most translated sentences the cache keeps, and the most bytes they take (an estimate of the heap's). */
    public record Cache(int entries, long bytes) {
    }

    /** The config of a YAML file (null: none) with {@code key=value} overrides applied (values in YAML syntax). */
    public static ServeConfig load(Path file, List<String> overrides) {
        Map<String, Object> root = file == null ? new LinkedHashMap<>() : ExperimentConfig.readYaml(file);
        for (String override : overrides) {
            ExperimentConfig.apply(root, override);
        }
        return read(file == null ? "nmt4j serve" : file.toString(), root);
    }

    static ServeConfig read(String origin, Map<String, Object> root) {
        Section s = new Section(origin, "", root);
        String host = s.string("host", "127.0.0.1");
        int port = s.nonNegative("port", 8080);
        if (port > 65535) {
            throw s.error("port", port + " is not a port (0 to 65535)");
        }
        Section modelSection = s.section("models");
        Map<String, List<Path>> models = new LinkedHashMap<>();
        for (String id : List.copyOf(modelSection.keys())) {
            if (!id.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                throw modelSection.error(id, "a model id is letters, digits, '.', '_' or '-'");
            }
            List<String> folders = modelSection.strings(id);
            if (folders == null || folders.isEmpty() || folders.stream().anyMatch(String::isBlank)) {
                throw modelSection.error(id, "the model's folder is missing");
            }
            models.put(id, folders.stream().map(Path::of).toList());
        }
        Section glossaries = s.section("terminology");
        Map<String, Path> terminology = new LinkedHashMap<>();
        for (String id : List.copyOf(glossaries.keys())) {
            if (!models.containsKey(id)) {
                throw glossaries.error(id, "no model is served under this id");
            }
            String file = glossaries.string(id, "");
            if (file.isBlank()) {
                throw glossaries.error(id, "the glossary file is missing");
            }
            terminology.put(id, Path.of(file));
        }
        Section rate = s.section("rate_limit");
        List<String> origins = s.strings("cors_origins");
        origins = origins == null ? List.of() : List.copyOf(origins);
        for (String web : origins) {
            if (!web.matches("https?://[^/\\s]+")) {
                throw s.error("cors_origins", "'" + web + "' is not an origin (scheme://host[:port], no path)");
            }
        }
        ServeConfig c = new ServeConfig(host, port, Collections.unmodifiableMap(models), s.positive("threads", 2),
                s.positive("max_batch_size", 32), s.nonNegative("max_batch_tokens", 0),
                s.nonNegative("max_queue_delay_ms", 5), s.positive("queue_capacity", 1024),
                s.positive("max_request_bytes", 1 << 20), s.positive("max_request_sentences", 512),
                s.positive("max_source_tokens", 250), s.bool("truncate", false),
                s.positive("request_timeout_ms", 30_000), s.nonNegative("drain_timeout_ms", 30_000),
                s.bool("shortlist", false), s.bool("continuous_batching", true),
                Collections.unmodifiableMap(terminology), apiKeys(s.string("api_keys", "")),
                rateLimit(rate), origins, s.nonNegative("warm_up_ms", 2000), cache(s.section("cache")),
                s.choice("precision", "fp32", PRECISIONS));
        s.finish();
        if (models.isEmpty()) {
            throw new UserError(origin + ": no model to serve (--model DIR, --model ID=DIR, or models: {ID: DIR})");
        }
        return c;
    }

    // rate_limit: {sentences_per_second, burst}; null when absent
    private static RateLimit rateLimit(Section rate) {
        double perSecond = rate.number("sentences_per_second", 0);
        int burst = rate.nonNegative("burst", 0);
        if (perSecond < 0) {
            throw rate.error("sentences_per_second", "must be 0 (no limit) or more");
        }
        if (perSecond > 0 && burst < 1) {
            throw rate.error("burst", "must be at least 1 with a rate limit");
        }
        return perSecond > 0 ? new RateLimit(perSecond, burst) : null;
    }

    // cache: {entries, bytes}; null when absent or either is 0
    private static Cache cache(Section cache) {
        int entries = cache.nonNegative("entries", 0);
        double bytes = cache.number("bytes", 0);
        if (bytes < 0 || bytes != Math.rint(bytes) || bytes > Long.MAX_VALUE) {
            throw cache.error("bytes", "must be a whole number of bytes, 0 or more");
        }
        if ((entries > 0) != (bytes > 0)) {
            throw cache.error(entries > 0 ? "bytes" : "entries", "must be set too (the cache keeps at most both)");
        }
        return entries > 0 ? new Cache(entries, (long) bytes) : null;
    }

    private static Path apiKeys(String file) {
        return file.isBlank() ? null : Path.of(file);
    }

    /** The id a model is served under by default: its folder's name. */
    public static String defaultId(Path folder) {
        Path name = folder.toAbsolutePath().normalize().getFileName();
        String id = name == null ? "model" : name.toString().replaceAll("[^A-Za-z0-9._-]", "_");
        return id.isEmpty() || !Character.isLetterOrDigit(id.charAt(0)) ? "m" + id : id;
    }

    /** The default model's id. */
    public String defaultModel() {
        return models.keySet().iterator().next();
    }
}
