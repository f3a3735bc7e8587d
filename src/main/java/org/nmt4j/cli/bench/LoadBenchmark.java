package org.nmt4j.cli.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.nmt4j.io.UserError;
import org.nmt4j.serve.LoadGenerator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"A running server under load, from outside its process (as 'hey' or 'wrk' would load it): "
                + "--clients clients send single sentences of --input, one a request, until --requests were sent, "
                + "--rounds times, each round printing requests/s and p50/p90/p99 latency with p99/p50; then an "
                + "overload (--overload-clients clients sending --overload-requests requests of "
                + "--overload-sentences sentences) and the statuses it got. With --pid (the server's process), its "
                + "resident memory idle, after the rounds and --settle-seconds after the overload. Sends to loopback "
                + "only and stops by itself.",
                "Example: nmt4j bench load --url http://127.0.0.1:8080/ --input data/test.de --pid 4242 (the "
                        + "server's process id: pgrep -f 'nmt4j.jar serve')"})
final class LoadBenchmark implements Runnable {

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080/",
            description = "The server (a loopback address; default: ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--input", paramLabel = "FILE", required = true,
            description = "Sentences to send, one a line (the first 10,000 are used).")
    Path input;

    @Option(names = "--pid", description = "The server's process id: its resident memory is printed.")
    Long pid;

    @Option(names = "--api-key-file", paramLabel = "FILE",
            description = "A server with API keys: the first key of this file (the server's own key file will do) is "
                    + "sent with every request.")
    Path apiKeyFile;

    @Option(names = "--clients", defaultValue = "32", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--requests", defaultValue = "4000", description = "Requests per round (default: ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--rounds", defaultValue = "2", description = "Rounds of load (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--beam", defaultValue = "0",
            description = "The requests' beam_size (0: the model's own; default: ${DEFAULT-VALUE}).")
    int beam;

    @Option(names = "--overload-clients", defaultValue = "400",
            description = "Clients of the overload (0: none; default: ${DEFAULT-VALUE}).")
    int overloadClients;

    @Option(names = "--overload-requests", defaultValue = "2000",
            description = "Requests of the overload (default: ${DEFAULT-VALUE}).")
    int overloadRequests;

    @Option(names = "--overload-sentences", defaultValue = "64",
            description = "Sentences per overload request (default: ${DEFAULT-VALUE}).")
    int overloadSentences;

    @Option(names = "--overload-beam", defaultValue = "5",
            description = "The overload's beam_size (0: the model's own; default: ${DEFAULT-VALUE}).")
    int overloadBeam;

    @Option(names = "--settle-seconds", defaultValue = "5",
            description = "Seconds after the overload before the memory is read (default: ${DEFAULT-VALUE}).")
    double settleSeconds;

    @Override
    public void run() {
        if (clients < 1 || requests < 1 || rounds < 1 || overloadClients < 0 || overloadRequests < 1
                || overloadSentences < 1 || beam < 0 || overloadBeam < 0 || settleSeconds < 0) {
            throw new UserError("--clients, --requests, --rounds and the overload's sizes must be positive, the beams "
                    + "and --settle-seconds 0 or more");
        }
        List<String> sentences = sentences(input);
        LoadGenerator load;
        try {
            load = new LoadGenerator(url, apiKeyFile == null ? null : LoadGenerator.firstKey(apiKeyFile));
        } catch (IllegalArgumentException e) {
            throw new UserError("--url " + e.getMessage());
        }
        double idle = memory();
        System.out.printf("sentences %d clients %d requests %d%s%n", sentences.size(), clients, requests,
                Double.isNaN(idle) ? "" : String.format(" idle_rss_mb %.0f", idle));
        for (int round = 1; round <= rounds; round++) {
            LoadGenerator.Result r = load.run(sentences, clients, beam, 3600, requests); // at most an hour
            System.out.printf("round %d requests %d errors %d requests_per_s %.0f latency_ms p50 %.1f p90 %.1f "
                            + "p99 %.1f max %.1f (p99/p50 %.1f)%n", round, r.requests(), r.errors(), r.perSecond(),
                    r.latency(0.5), r.latency(0.9), r.latency(0.99), r.latency(1), r.latency(0.99) / r.latency(0.5));
        }
        double loaded = memory();
        if (!Double.isNaN(loaded)) {
            System.out.printf("rss_mb after_load %.0f (%.2fx idle)%n", loaded, loaded / idle);
        }
        if (overloadClients > 0) {
            long start = System.nanoTime();
            Map<Integer, Integer> statuses = load.overload(sentences, overloadSentences, overloadBeam,
                    overloadClients, overloadRequests);
            System.out.printf("overload %d requests of %d sentences from %d clients in %.1f s: %s%n",
                    overloadRequests, overloadSentences, overloadClients, (System.nanoTime() - start) / 1e9,
                    statuses.entrySet().stream().map(e -> (e.getKey() < 0 ? "no answer" : e.getKey()) + " x "
                            + e.getValue()).toList());
            try {
                Thread.sleep((long) (settleSeconds * 1000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            double after = memory();
            if (!Double.isNaN(after)) {
                System.out.printf("rss_mb after_overload %.0f (%.2fx idle, %.0f s after)%n", after, after / idle,
                        settleSeconds);
            }
        }
    }

    private double memory() {
        if (pid == null) {
            return Double.NaN;
        }
        double mb = ResidentMemory.ofProcessMb(pid);
        if (Double.isNaN(mb)) {
            throw new UserError("--pid " + pid + ": no such process (or no /proc to read its memory from)");
        }
        return mb;
    }

    private static List<String> sentences(Path file) {
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            List<String> out = lines.filter(l -> !l.isBlank()).limit(10_000).toList();
            if (out.isEmpty()) {
                throw new UserError(file + ": no sentences");
            }
            return out;
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new UserError(file + ": cannot read (" + e.getMessage() + ")");
        }
    }
}
