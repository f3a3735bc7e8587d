package org.nmt4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.nmt4j.UserError;
import org.nmt4j.compute.NativeThreads;
import org.nmt4j.config.ServeConfig;
import org.nmt4j.data.AlignedFiles;
import org.nmt4j.serve.LoadTest;
import org.nmt4j.serve.TranslationServer;
import org.nmt4j.translate.Translator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"The server under load: starts 'nmt4j serve' on a loopback port, runs --clients concurrent "
                + "clients each sending single sentences of Multi30k val for --seconds (greedy, then beam 5), and "
                + "prints sentences/s, its ratio to the same model translating the same sentences offline (as "
                + "'bench translate' does), p50/p95/p99 latency and errors; then --bad bad requests of every kind "
                + "mixed into the load (each must get its status code, no good request may fail) and the resident "
                + "memory before and after. Stops everything it started."})
final class ServeBenchmark implements Runnable {

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--data", defaultValue = "../shared/data/multi30k",
            description = "Folder with val.de.gz (default: ${DEFAULT-VALUE}).")
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

    @Option(names = "--max-batch-size", defaultValue = "32", description = "The server's (default: ${DEFAULT-VALUE}).")
    int maxBatchSize;

    @Option(names = "--max-queue-delay-ms", defaultValue = "5",
            description = "The server's (default: ${DEFAULT-VALUE}).")
    int maxQueueDelayMs;

    @Override
    public void run() {
        if (clients < 1 || seconds <= 0 || maxRequests < 1) {
            throw new UserError("--clients, --seconds and --max-requests must be positive");
        }
        Path model = modelOptions.single("bench serve");
        int threads = NativeThreads.configure(modelOptions.threads);
        List<String> sources = AlignedFiles.readLines(data.resolve("val.de.gz"));
        System.out.printf("sentences %d threads %d clients %d%n", sources.size(), threads, clients);
        Translator offline = Translator.load(model).withThreads(threads);
        List<Double> offlineRates = new ArrayList<>();
        for (int beam : beams) {
            Translator t = offline.with(offline.decoding().withBeamSize(beam).withBatchSize(64), false);
            t.translate(sources.subList(0, 128)); // warm-up
            long start = System.nanoTime();
            t.translate(sources);
            offlineRates.add(sources.size() / ((System.nanoTime() - start) / 1e9));
        }
        ServeConfig config = ServeConfig.load(null, List.of("models.bench=\"" + model + "\"", "port=0",
                "threads=" + threads, "max_batch_size=" + maxBatchSize, "max_queue_delay_ms=" + maxQueueDelayMs));
        try (TranslationServer server = TranslationServer.start(config)) {
            System.out.printf("serve_ready_s %.2f%n", server.readySeconds());
            LoadTest load = new LoadTest(server.uri());
            load.run(sources, clients, 1, Math.min(3, seconds), maxRequests); // warm-up
            for (int b = 0; b < beams.size(); b++) {
                String name = beams.get(b) == 1 ? "greedy" : "beam" + beams.get(b);
                LoadTest.Result r = load.run(sources, clients, beams.get(b), seconds, maxRequests);
                System.out.printf("offline_%s_sent_per_s %.0f%n", name, offlineRates.get(b));
                System.out.printf("serve_%s_sent_per_s %.0f (%.0f%% of offline)%n", name, r.perSecond(),
                        100 * r.perSecond() / offlineRates.get(b));
                System.out.printf("serve_%s_latency_ms p50 %.1f p95 %.1f p99 %.1f (p99/p50 %.1f)%n", name,
                        r.latency(0.5), r.latency(0.95), r.latency(0.99), r.latency(0.99) / r.latency(0.5));
                System.out.printf("serve_%s_requests %d errors %d%n", name, r.requests(), r.errors());
                System.out.printf("serve_%s_so_far mean batch %.1f sentences, queue wait %.1f ms, batch search "
                        + "%.1f ms (CPU %.1f ms), request %.1f ms%n", name, load.mean("nmt4j_batch_sentences"),
                        1e3 * load.mean("nmt4j_queue_wait_seconds"), 1e3 * load.mean("nmt4j_batch_search_seconds"),
                        1e3 * load.mean("nmt4j_batch_search_cpu_seconds"),
                        1e3 * load.mean("nmt4j_request_duration_seconds"));
            }
            if (bad > 0) {
                System.gc();
                double before = ResidentMemory.currentMb();
                java.util.concurrent.CompletableFuture<List<LoadTest.BadKind>> kinds = java.util.concurrent
                        .CompletableFuture.supplyAsync(() -> load.bad(bad, 4, config.maxSourceTokens(),
                                config.maxRequestSentences(), config.maxRequestBytes()));
                LoadTest.Result good = load.run(sources, clients, 1, seconds, maxRequests);
                int wrong = 0;
                for (LoadTest.BadKind k : kinds.join()) {
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
}
