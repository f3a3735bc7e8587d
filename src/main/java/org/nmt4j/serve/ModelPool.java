package org.nmt4j.serve;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.nmt4j.config.ServeConfig;
import org.nmt4j.translate.Shortlist;
import org.nmt4j.translate.Translation;
import org.nmt4j.translate.Terminology;
import org.nmt4j.translate.Translator;

/**
 * The served models, each with its {@link ModelRunner}, and what every translation route does with them: check a
 * request's sentences against the limits, queue them, wait for them within the request's time.
 */
final class ModelPool implements AutoCloseable {

    private final ServeConfig config;
    private final Metrics metrics;
    private final Map<String, ModelRunner> runners = new LinkedHashMap<>();
    private final Map<String, List<Path>> folders = new LinkedHashMap<>();
    private final String defaultModel;

    /** Loads every model of the config (in order, the first the default). */
    ModelPool(ServeConfig config, Metrics metrics, ModelRunner.BatchSearch search) {
        this.config = config;
        this.metrics = metrics;
        this.defaultModel = config.defaultModel();
        try {
            config.models().forEach((id, members) -> {
                // several folders: an ensemble of them
                Translator translator = Translator.load(members, null);
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
     * Translates a request's sentences, each with its options, answering by {@code deadlineNanos}
     * ({@link System#nanoTime}); the result is in the order of the sentences, each an n-best list. Errors: a
     * sentence over {@code max_source_tokens} (400, unless truncating), too many sentences (400), a full queue (429),
     * the deadline passed (504), a failed search (500, as an {@link IllegalStateException}).
     */
    List<List<Translation>> translate(ModelRunner runner, List<String> texts, List<SearchOptions> options,
                                      long deadlineNanos) {
        String model = "model=\"" + Metrics.label(runner.id()) + "\"";
        if (texts.size() > config.maxRequestSentences()) {
            throw ApiError.badRequest(texts.size() + " sentences in one request, more than max_request_sentences "
                    + config.maxRequestSentences());
        }
        List<List<String>> pieces = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            List<String> p = runner.translator().sourcePieces(texts.get(i));
            if (p.size() > config.maxSourceTokens() && !config.truncate()) {
                count(model, "rejected", texts.size());
                throw ApiError.badRequest("src[" + i + "]: " + p.size() + " source tokens, more than "
                        + "max_source_tokens " + config.maxSourceTokens());
            }
            pieces.add(p);
        }
        List<Job> jobs;
        try {
            jobs = runner.submit(pieces, options);
        } catch (ApiError e) {
            count(model, "rejected", texts.size());
            throw e;
        }
        List<List<Translation>> out = new ArrayList<>();
        try {
            for (Job job : jobs) {
                out.add(job.result().get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS));
            }
        } catch (TimeoutException e) {
            runner.withdraw(jobs);
            count(model, "timeout", texts.size());
            throw new ApiError(504, "not translated within request_timeout_ms " + config.requestTimeoutMs());
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
