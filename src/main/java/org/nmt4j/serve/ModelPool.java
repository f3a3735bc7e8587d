package org.nmt4j.serve;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.nmt4j.compute.Precision;
import org.nmt4j.config.ServeConfig;
import org.nmt4j.translate.Shortlist;
import org.nmt4j.translate.Translation;
import org.nmt4j.translate.Terminology;
import org.nmt4j.translate.Translator;

/**
 * The served models, each with its {@link ModelRunner}, and what every translation route does with them: check a
 * request's sentences against the limits, answer those the {@link TranslationCache} holds, queue the others, wait for
 * them within the request's time. The cache lives and dies with the pool: models loaded again start with an empty one.
 */
final class ModelPool implements AutoCloseable {

    private final ServeConfig config;
    private final Metrics metrics;
    private final Map<String, ModelRunner> runners = new LinkedHashMap<>();
    private final Map<String, List<Path>> folders = new LinkedHashMap<>();
    private final String defaultModel;
    private final TranslationCache cache;

    /** Loads every model of the config (in order, the first the default). */
    ModelPool(ServeConfig config, Metrics metrics, ModelRunner.BatchSearch search) {
        this.config = config;
        this.metrics = metrics;
        this.defaultModel = config.defaultModel();
        this.cache = config.cache() == null ? null : new TranslationCache(config.cache(), metrics);
        try {
            config.models().forEach((id, members) -> {
                // several folders: an ensemble of them
                Translator translator = Translator.load(members, null);
                if (!config.precision().equals("fp32")) {
                    translator = translator.withPrecision(Precision.parse(config.precision()));
                }
                if (config.shortlist()) { // the first folder's: an ensemble's members share vocabularies
                    translator = translator.withShortlist(members.get(0).resolve(Shortlist.FILE));
                }
                Path glossary = config.terminology().get(id);
                if (glossary != null) {
                    translator = translator.withTerminology(Terminology.read(glossary));
                }
                runners.put(id, new ModelRunner(id, translator, config, metrics, search));
                folders.put(id, members);
            });
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** A model by id (null: the default); an unknown one is a 400 naming the known ones. */
    ModelRunner model(String id) {
        ModelRunner runner = runners.get(id == null ? defaultModel : id);
        if (runner == null) {
            throw ApiError.badRequest("unknown model '" + id + "' (served: " + String.join(", ", runners.keySet())
                    + ")");
        }
        return runner;
    }

    Map<String, ModelRunner> runners() {
        return runners;
    }

    List<Path> folders(String id) {
        return folders.get(id);
    }

    String defaultModel() {
        return defaultModel;
    }

    boolean workersAlive() {
        return runners.values().stream().allMatch(ModelRunner::workersAlive);
    }

    /**
     * Translates a request's sentences, each with its options, answering by the admission's deadline; the result is
     * in the order of the sentences, each an n-best list. Sentences the cache holds are answered from it; the others
     * queue, before every normal one when the admission is {@code high} (a queue without room for them refuses the
     * request before they are tokenized). Errors: a sentence over
     * {@code max_source_tokens} (400, unless truncating), too many sentences (400), a full queue (429), the deadline
     * passed (504: the sentences still waiting leave the queue), a failed search (500, as an
     * {@link IllegalStateException}).
     */
    List<List<Translation>> translate(ModelRunner runner, List<String> texts, List<SearchOptions> options,
                                      Admission admission) {
        String model = "model=\"" + Metrics.label(runner.id()) + "\"";
        if (texts.size() > config.maxRequestSentences()) {
            throw ApiError.badRequest(texts.size() + " sentences in one request, more than max_request_sentences "
                    + config.maxRequestSentences());
        }
        List<List<Translation>> out = new ArrayList<>(java.util.Collections.nCopies(texts.size(), null));
        List<Integer> missed = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            List<Translation> kept = cache == null ? null
                    : cache.get(TranslationCache.Key.of(runner, options.get(i), texts.get(i)));
            if (kept == null) {
                missed.add(i);
            } else {
                out.set(i, kept);
            }
        }
        // a queue without room refuses the request before its sentences are tokenized: an overload costs little
        if (!missed.isEmpty() && !runner.hasRoomFor(missed.size())) {
            count(model, "rejected", texts.size());
            throw runner.queueFull();
        }
        List<List<String>> pieces = new ArrayList<>(java.util.Collections.nCopies(texts.size(), null));
        for (int i : missed) {
            List<String> p = runner.translator().sourcePieces(texts.get(i));
            if (p.size() > config.maxSourceTokens() && !config.truncate()) {
                count(model, "rejected", texts.size());
                throw ApiError.badRequest("src[" + i + "]: " + p.size() + " source tokens, more than "
                        + "max_source_tokens " + config.maxSourceTokens());
            }
            pieces.set(i, p);
        }
        List<Job> jobs;
        try {
            jobs = missed.isEmpty() ? List.of() : runner.submit(missed.stream().map(pieces::get).toList(),
                    missed.stream().map(options::get).toList(), admission.high());
        } catch (ApiError e) {
            count(model, "rejected", texts.size());
            throw e;
        }
        try {
            for (int j = 0; j < jobs.size(); j++) {
                long left = Math.max(0, admission.deadlineNanos() - System.nanoTime());
                List<Translation> found = jobs.get(j).result().get(left, TimeUnit.NANOSECONDS);
                int i = missed.get(j);
                out.set(i, found);
                if (cache != null) {
                    cache.put(TranslationCache.Key.of(runner, options.get(i), texts.get(i)), found);
                }
            }
        } catch (TimeoutException e) {
            runner.withdraw(jobs);
            count(model, "timeout", texts.size());
            throw new ApiError(504, "not translated within " + admission.limit() + " ms");
        } catch (InterruptedException e) {
            runner.withdraw(jobs);
            Thread.currentThread().interrupt();
            throw new ApiError(503, "the server is stopping");
        } catch (ExecutionException e) {
            runner.withdraw(jobs);
            if (e.getCause() instanceof ApiError api) {
                count(model, "rejected", texts.size());
                throw api;
            }
            count(model, "error", texts.size());
            throw new IllegalStateException("the search failed: " + e.getCause(), e.getCause());
        }
        count(model, "ok", texts.size());
        return out;
    }

    private void count(String model, String outcome, int sentences) {
        metrics.add("nmt4j_sentences_total", "Sentences by outcome: ok, rejected (limits, full queue), timeout, "
                + "error.", model + ",outcome=\"" + outcome + "\"", sentences);
    }

    @Override
    public void close() {
        runners.values().forEach(ModelRunner::close);
    }
}
