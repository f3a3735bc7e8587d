package org.nmt4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.nmt4j.compute.Precision;
import org.nmt4j.io.UserError;
import org.nmt4j.config.ServeConfig;
import org.nmt4j.serve.TranslationServer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serves models over HTTP with dynamic batching: POST /translate (JSON), "
                + "POST /translator/translate (OpenNMT-py's shape), GET / (a page that translates and draws the "
                + "attention), /health, /ready, /models, /metrics (Prometheus). SIGTERM finishes the requests in "
                + "flight, then exits.",
                "Example: nmt4j serve --model models/quickstart --port 8080"})
final class ServeCommand implements Runnable {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "A YAML file of the settings below (keys as in docs/configuration.md: port, models, "
                    + "threads, ...); options given here override it.")
    Path config;

    @Option(names = {"-m", "--model"}, paramLabel = "[ID=]DIR",
            description = "A model folder to serve, under ID (default: the folder's name); repeat for more. The "
                    + "first is the default model. An ID given with several folders serves their ensemble.")
    List<String> models = new ArrayList<>();

    @Option(names = "--host", description = "Address to listen on (default 127.0.0.1; 0.0.0.0 for every interface).")
    String host;

    @Option(names = {"-p", "--port"}, description = "Port (default 8080; 0: any free port).")
    Integer port;

    @Option(names = "--threads", description = "Batching workers per model, one core each (default 2).")
    Integer threads;

    @Option(names = "--max-batch-size", description = "Most sentences searched at once (default 32).")
    Integer maxBatchSize;

    @Option(names = "--max-batch-tokens", description = "Most source pieces in a batch (default 0: no limit).")
    Integer maxBatchTokens;

    @Option(names = "--max-queue-delay-ms", description = "How long a batch waits for more sentences (default 5).")
    Integer maxQueueDelayMs;

    @Option(names = "--queue-capacity", description = "Sentences waiting per model before 429 (default 1024).")
    Integer queueCapacity;

    @Option(names = "--max-request-bytes", description = "Largest request body before 413 (default 1048576).")
    Integer maxRequestBytes;

    @Option(names = "--max-source-tokens", description = "Most source pieces per sentence before 400 (default 250).")
    Integer maxSourceTokens;

    @Option(names = "--truncate", description = "Crop longer sentences to --max-source-tokens instead of a 400.")
    Boolean truncate;

    @Option(names = "--shortlist", description = "Score only each model folder's lexical shortlist ("
            + "shortlist.tsv, made by 'nmt4j shortlist') per batch.")
    Boolean shortlist;

    @Option(names = "--precision", paramLabel = "fp32|bf16|int8", converter = PrecisionName.class,
            description = "The search's products: bf16 on a processor with AVX-512 BF16 or AMX, int8 on one with "
                    + "VNNI or AMX (precision).")
    Precision precision;

    @Option(names = "--request-timeout-ms", description = "A request not answered by then is a 504 (default 30000).")
    Integer requestTimeoutMs;

    @Option(names = "--warm-up-ms", description = "Before it is ready, how long the workers translate made-up "
            + "sentences, so the first requests do not wait for the JIT compiler (default 2000; 0: none).")
    Integer warmUpMs;

    @Option(names = "--api-keys", paramLabel = "FILE",
            description = "A file of API keys, one a line (never a key itself here, where ps shows it); default: "
                    + "NMT4J_API_KEYS, else the config's api_keys. Every route but the page, /health and /ready then "
                    + "needs 'Authorization: Bearer KEY'.")
    Path apiKeys;

    @Override
    public void run() {
        List<String> overrides = new ArrayList<>();
        java.util.Map<String, List<String>> byId = new java.util.LinkedHashMap<>();
        for (String model : models) {
            int equals = model.indexOf('=');
            String id = equals > 0 ? model.substring(0, equals) : ServeConfig.defaultId(Path.of(model));
            String folder = equals > 0 ? model.substring(equals + 1) : model;
            if (!id.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                throw new UserError("--model " + model + ": the id '" + id + "' must be letters, digits, '.', '_' "
                        + "or '-'");
            }
            byId.computeIfAbsent(id, k -> new ArrayList<>()).add(quoted(folder));
        }
        // an id given more than once: an ensemble of its folders
        byId.forEach((id, folders) -> overrides.add("models." + id + "=" + (folders.size() == 1 ? folders.get(0)
                : "[" + String.join(", ", folders) + "]")));
        add(overrides, "host", host == null ? null : quoted(host));
        add(overrides, "port", port);
        add(overrides, "threads", threads);
        add(overrides, "max_batch_size", maxBatchSize);
        add(overrides, "max_batch_tokens", maxBatchTokens);
        add(overrides, "max_queue_delay_ms", maxQueueDelayMs);
        add(overrides, "queue_capacity", queueCapacity);
        add(overrides, "max_request_bytes", maxRequestBytes);
        add(overrides, "max_source_tokens", maxSourceTokens);
        add(overrides, "truncate", truncate);
        add(overrides, "request_timeout_ms", requestTimeoutMs);
        add(overrides, "shortlist", shortlist);
        add(overrides, "precision", precision == null ? null : precision.label());
        add(overrides, "warm_up_ms", warmUpMs);
        String keysFromEnvironment = System.getenv("NMT4J_API_KEYS");
        if (apiKeys != null) {
            add(overrides, "api_keys", quoted(apiKeys.toString()));
        } else if (keysFromEnvironment != null && !keysFromEnvironment.isBlank()) {
            add(overrides, "api_keys", quoted(keysFromEnvironment));
        }
        ServeConfig serveConfig = ServeConfig.load(config, overrides);
        TranslationServer server = TranslationServer.start(serveConfig);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("nmt4j serve: stopping (finishing the requests in flight)");
            server.close();
            System.err.println("nmt4j serve: stopped");
        }, "nmt4j-serve-stop"));
        System.err.printf("nmt4j serve: %s ready in %.1f s on %s (models: %s; POST /translate, page at /)%n",
                serveConfig.defaultModel(), server.readySeconds(), server.uri(),
                String.join(", ", serveConfig.models().keySet()));
        try {
            server.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void add(List<String> overrides, String key, Object value) {
        if (value != null) {
            overrides.add(key + "=" + value);
        }
    }

    // a YAML double-quoted scalar: the value exactly, whatever it holds
    private static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
