package org.nmt4j.cli.bench;

import org.nmt4j.cli.ModelOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.nmt4j.io.UserError;
import org.nmt4j.compute.NativeThreads;
import org.nmt4j.config.ServeConfig;
import org.nmt4j.serve.LoadGenerator;
import org.nmt4j.serve.TranslationServer;
import org.nmt4j.translate.Shortlist;
import org.nmt4j.translate.Translator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"The server under load: starts 'nmt4j serve' on a loopback port, warms it and the offline "
                + "translator up until the JIT compiler has settled, runs --clients concurrent "
                + "clients each sending single sentences of Multi30k val for --seconds (greedy, then beam 5), and "
                + "prints sentences/s, its ratio to the same model translating the same sentences offline (as "
                + "'bench translate' does; the two alternate, --rounds times each, so that a machine whose speed "
                + "drifts does not move the ratio), p50/p95/p99 latency and errors; then --bad bad requests of every kind "
                + "mixed into the load (each must get its status code, no good request may fail) and the resident "
                + "memory before and after. Stops everything it started."})
final class ServeBenchmark implements Runnable {

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--data", paramLabel = "DIR", required = true, description = "Multi30k's folder, with "
            + "val.de.gz (scripts/get-multi30k.sh puts it in data/multi30k).")
    Path data;

    @Option(names = "--clients", defaultValue = "16", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--seconds", defaultValue = "20", description = "Seconds of load per beam (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--max-requests", defaultValue = "100000",
            description = "Most requests per beam (default: ${DEFAULT-VALUE}).")
    int maxRequests;

    @Option(names = "--beams", defaultValue = "1,5", split = ",", description = "Beam sizes (default: ${DEFAULT-VALUE}).")
    List<Integer> beams;

    @Option(names = "--bad", defaultValue = "1000", description = "Bad requests mixed into the load (0: none; "
            + "default: ${DEFAULT-VALUE}).")
    int bad;

    @Option(names = "--shortlist", description = "Offline and served search both score only the model folder's lexical "
            + "shortlist (" + Shortlist.FILE + ", made by 'nmt4j shortlist').")
    boolean shortlist;

    @Option(names = "--rounds", defaultValue = "2", description = "Offline passes and served runs (of --seconds "
            + "/ rounds each) per beam, in turn: A B A B (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--max-batch-size", defaultValue = "32", description = "The server's (default: ${DEFAULT-VALUE}).")
    int maxBatchSize;

    @Option(names = "--continuous-batching", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "The server's continuous_batching (default: on; --no-continuous-batching: off).")
    boolean continuousBatching;

    @Option(names = "--warm-up-seconds", defaultValue = "90", description = "Most seconds of warm-up: slices of "
            + "offline passes and served load for each beam size until two in a row spend under 3 %% of their time "
            + "in the JIT compiler (default: ${DEFAULT-VALUE}).")
    double warmUpSeconds;

    @Option(names = "--max-queue-delay-ms", defaultValue = "5",
            description = "The server's (default: ${DEFAULT-VALUE}).")
    int maxQueueDelayMs;

    @Override
    public void run() {
        if (clients < 1 || seconds <= 0 || maxRequests < 1 || rounds < 1) {
            throw new UserError("--clients, --seconds, --max-requests and --rounds must be positive");
        }
        Path model = modelOptions.single("bench serve");
        int threads = NativeThreads.configure(modelOptions.threads());
        List<String> sources = TranslateBenchmark.validationSources(data, "bench serve");
        System.out.printf("sentences %d threads %d clients %d%n", sources.size(), threads, clients);
        Translator offline = Translator.load(model).withThreads(threads);
        if (shortlist) {
            offline = offline.withShortlist(model.resolve(Shortlist.FILE));
        }
        List<Translator> offlineByBeam = new ArrayList<>();
        for (int beam : beams) {
            offlineByBeam.add(offline.with(offline.decoding().withBeamSize(beam).withBatchSize(64), false));
        }
        ServeConfig config = ServeConfig.load(null, List.of("models.bench=\"" + model + "\"", "port=0",
                "threads=" + threads, "max_batch_size=" + maxBatchSize, "max_queue_delay_ms=" + maxQueueDelayMs,
                "shortlist=" + shortlist, "continuous_batching=" + continuousBatching));
        try (TranslationServer server = TranslationServer.start(config)) {
            System.out.printf("serve_ready_s %.2f%n", server.readySeconds());
            LoadGenerator load = new LoadGenerator(server.uri());
            JitWarmup.Result warm = JitWarmup.until(() -> {
                for (int b = 0; b < beams.size(); b++) {
                    offlineByBeam.get(b).translate(sources);
                    load.run(sources, clients, beams.get(b), 2, maxRequests);
                }
            }, warmUpSeconds);
            System.out.printf("warm_up_s %.0f (%d slices, the last %.1f%% in the JIT compiler%s)%n", warm.seconds(),
                    warm.slices(), 100 * warm.compileShare(), warm.settled() ? "" : ": not settled");
            for (int b = 0; b < beams.size(); b++) {
                String name = beams.get(b) == 1 ? "greedy" : "beam" + beams.get(b);
                double offlineSeconds = 0;
                LoadGenerator.Result r = null;
                Map<String, double[]> before = histograms(load);
                for (int round = 1; round <= rounds; round++) {
                    long compiled = JitWarmup.compilationMs();
                    long start = System.nanoTime();
                    offlineByBeam.get(b).translate(sources);
                    double passSeconds = (System.nanoTime() - start) / 1e9;
                    offlineSeconds += passSeconds;
                    LoadGenerator.Result served = load.run(sources, clients, beams.get(b), seconds / rounds, maxRequests);
                    System.out.printf("round %d %s offline %.0f served %.0f sentences/s (%.0f%%), JIT %.1f%%%n",
                            round, name, sources.size() / passSeconds, served.perSecond(),
                            100 * served.perSecond() * passSeconds / sources.size(),
                            (double) (JitWarmup.compilationMs() - compiled) / (System.nanoTime() - start) * 1e8);
                    r = r == null ? served : r.and(served);
                }
                Map<String, double[]> after = histograms(load);
                double offlineRate = rounds * sources.size() / offlineSeconds;
                System.out.printf("offline_%s_sent_per_s %.0f%n", name, offlineRate);
                System.out.printf("serve_%s_sent_per_s %.0f (%.0f%% of offline)%n", name, r.perSecond(),
                        100 * r.perSecond() / offlineRate);
                System.out.printf("serve_%s_latency_ms p50 %.1f p95 %.1f p99 %.1f (p99/p50 %.1f)%n", name,
                        r.latency(0.5), r.latency(0.95), r.latency(0.99), r.latency(0.99) / r.latency(0.5));
                System.out.printf("serve_%s_requests %d errors %d%n", name, r.requests(), r.errors());
                double search = mean(before, after, "nmt4j_batch_search_seconds"); // NaN: a running batch only
                System.out.printf("serve_%s_batches mean %.1f sentences, queue wait %.1f ms, %srequest %.1f ms%n",
                        name, mean(before, after, "nmt4j_batch_sentences"),
                        1e3 * mean(before, after, "nmt4j_queue_wait_seconds"), Double.isNaN(search) ? ""
                                : String.format("batch search %.1f ms (CPU %.1f ms), ", 1e3 * search,
                                1e3 * mean(before, after, "nmt4j_batch_search_cpu_seconds")),
                        1e3 * mean(before, after, "nmt4j_request_duration_seconds"));
                if (after.get("nmt4j_step_rows")[1] > before.get("nmt4j_step_rows")[1]) {
                    System.out.printf("serve_%s_steps of running batches: mean %.1f sentences, %.2f ms%n", name,
                            mean(before, after, "nmt4j_step_rows"), 1e3 * mean(before, after, "nmt4j_step_seconds"));
                }
            }
            if (bad > 0) {
                System.gc();
                double before = ResidentMemory.currentMb();
                java.util.concurrent.CompletableFuture<List<LoadGenerator.BadKind>> kinds = java.util.concurrent
                        .CompletableFuture.supplyAsync(() -> load.bad(bad, 4, config.maxSourceTokens(),
                                config.maxRequestSentences(), config.maxRequestBytes()));
                LoadGenerator.Result good = load.run(sources, clients, 1, seconds, maxRequests);
                int wrong = 0;
                for (LoadGenerator.BadKind k : kinds.join()) {
                    wrong += k.wrong();
                    System.out.printf("bad_%s sent %d expected %d wrong %d%s%n", k.kind().replace(' ', '_'),
                            k.sent(), k.expectedStatus(), k.wrong(), k.lastWrong() == null ? ""
                                    : " (last: " + k.lastWrong().lines().findFirst().orElse("") + ")");
                }
                System.gc();
                double after = ResidentMemory.currentMb();
                System.out.printf("bad_requests %d wrong_status %d; good requests meanwhile %d errors %d%n", bad,
                        wrong, good.requests(), good.errors());
                System.out.printf("rss_mb before %.0f after %.0f (%+.1f%%)%n", before, after,
                        100 * (after - before) / before);
            }
        }
        System.out.printf("peak_rss_mb %.0f%n", ResidentMemory.peakMb());
    }

    private static final List<String> HISTOGRAMS = List.of("nmt4j_batch_sentences", "nmt4j_queue_wait_seconds",
            "nmt4j_batch_search_seconds", "nmt4j_batch_search_cpu_seconds", "nmt4j_request_duration_seconds",
            "nmt4j_step_rows", "nmt4j_step_seconds");

    // each histogram's {sum, count} in the server's metrics now
    private static Map<String, double[]> histograms(LoadGenerator load) {
        Map<String, double[]> totals = new java.util.HashMap<>();
        for (String h : HISTOGRAMS) {
            totals.put(h, load.totals(h));
        }
        return totals;
    }

    // a histogram's mean over what was observed between two snapshots
    private static double mean(Map<String, double[]> before, Map<String, double[]> after, String histogram) {
        double count = after.get(histogram)[1] - before.get(histogram)[1];
        return count == 0 ? Double.NaN : (after.get(histogram)[0] - before.get(histogram)[0]) / count;
    }
}
