package org.nmt4j.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nmt4j.serve.TranslationServerTest.assertError;
import static org.nmt4j.serve.TranslationServerTest.config;
import static org.nmt4j.serve.TranslationServerTest.request;
import static org.nmt4j.serve.TranslationServerTest.sample;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.nmt4j.io.UserError;

/** What decides when a request's sentences are searched, if at all: the cache, its timeout, its priority, its bucket. */
class ServerAdmissionTest {

    private static final ExecutorService CLIENTS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-client");
        t.setDaemon(true);
        return t;
    });

    @AfterAll
    static void stopClients() {
        CLIENTS.shutdownNow();
    }

    /** The sentences a search was given, in order, as text. */
    private static final class Recorder implements ModelRunner.BatchSearch {
        final List<String> searched = Collections.synchronizedList(new ArrayList<>());
        final java.util.Set<Integer> beams = java.util.concurrent.ConcurrentHashMap.newKeySet();
        final CountDownLatch searching = new CountDownLatch(1);
        final CountDownLatch release;

        Recorder(boolean blockFirst) {
            release = new CountDownLatch(blockFirst ? 1 : 0);
        }

        @Override
        public List<List<org.nmt4j.translate.Translation>> search(org.nmt4j.translate.Translator translator,
                                                                 List<List<String>> pieces, int n) {
            pieces.forEach(p -> searched.add(String.join(" ", p).replace("@@ ", "")));
            beams.add(translator.decoding().beamSize());
            searching.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return translator.translatePieces(pieces, n);
        }
    }

    @Test
    void aCachedAnswerIsTheSearchedOneAndSkipsTheSearch() {
        Recorder search = new Recorder(false);
        try (TranslationServer server = TranslationServer.start(config("cache.entries=3", "cache.bytes=1000000"),
                search)) {
            URI u = server.uri();
            String body = request(List.of("Der Mann liest das Buch.", "Der Hund"),
                    "{\"beam_size\": 2, \"alignment\": \"soft\", \"word_scores\": true}");
            Http.Reply first = Http.post(u, "translate", body);
            assertEquals(200, first.status(), first.body());
            assertEquals(2, search.searched.size());
            Http.Reply second = Http.post(u, "translate", body);
            assertEquals(first.body(), second.body(), "a cached answer is byte-identical");
            assertEquals(2, search.searched.size(), "the cached sentences were not searched again");
            String metrics = Http.get(u, "metrics").body();
            assertEquals(2, sample(metrics, "nmt4j_cache_hits_total{model=\"tiny\"}"));
            assertEquals(2, sample(metrics, "nmt4j_cache_misses_total{model=\"tiny\"}"));
            assertEquals(2, sample(metrics, "nmt4j_cache_entries"));

            // another beam is another search; a fourth sentence makes the least recently used leave
            Http.Reply beam3 = Http.post(u, "translate", request(List.of("Der Hund"), "{\"beam_size\": 3}"));
            assertEquals(200, beam3.status(), beam3.body());
            assertEquals(3, search.searched.size(), "the options that change the search are in the key");
            assertEquals(200, Http.post(u, "translate", request(List.of("Die Katze"), "{\"beam_size\": 3}"))
                    .status());
            metrics = Http.get(u, "metrics").body();
            assertEquals(3, sample(metrics, "nmt4j_cache_entries"));
            assertEquals(1, sample(metrics, "nmt4j_cache_evictions_total"));
            assertTrue(sample(metrics, "nmt4j_cache_bytes") > 0);
            Http.post(u, "translate", body);
            assertEquals(5, search.searched.size(), "the evicted sentence was searched again, the other was kept");
        }
        UserError half = assertThrows(UserError.class, () -> config("cache.entries=10"));
        assertTrue(half.getMessage().contains("cache.bytes"), half.getMessage());
    }

    @Test
    void aServerWarmsUpGreedyAndAtItsBeamBeforeItIsReady() {
        Recorder search = new Recorder(false);
        try (TranslationServer server = TranslationServer.start(config("warm_up_ms=300", "continuous_batching=false"),
                search)) {
            assertTrue(search.searched.size() >= 20, "a wave at least: " + search.searched.size());
            assertEquals(java.util.Set.of(1, 3), search.beams, "greedy and the tiny model's beam");
            assertTrue(server.readySeconds() >= 0.3, server.readySeconds() + " s");
            assertEquals(200, Http.get(server.uri(), "ready").status());
            String metrics = Http.get(server.uri(), "metrics").body();
            assertFalse(metrics.contains("nmt4j_sentences_total{"), "warm-up sentences are not requests");
        }
    }

    @Test
    void aRequestPastItsTimeoutIs504AndItsSentencesNeverRun() throws Exception {
        Recorder search = new Recorder(true);
        try (TranslationServer server = TranslationServer.start(config("threads=1", "max_queue_delay_ms=0",
                "continuous_batching=false"), search)) {
            URI u = server.uri();
            CompletableFuture<Http.Reply> running = CompletableFuture.supplyAsync(() -> Http.post(u, "translate",
                    request(List.of("Der Hund"), null)), CLIENTS);
            assertTrue(search.searching.await(30, TimeUnit.SECONDS), "the worker took the first request");
            long start = System.nanoTime();
            Http.Reply late = Http.post(u, "translate", request(List.of("Die Katze"), "{\"timeout_ms\": 300}"));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertError(504, "timeout_ms 300", late);
            assertTrue(ms >= 300 && ms < 10_000, ms + " ms");
            assertError(400, "timeout_ms", Http.post(u, "translate", request(List.of("Die Katze"),
                    "{\"timeout_ms\": \"soon\"}")));
            search.release.countDown();
            assertEquals(200, running.get(30, TimeUnit.SECONDS).status());
            assertEquals(200, Http.post(u, "translate", request(List.of("Der Mann"), null)).status());
            assertEquals(List.of("Der Hund", "Der Mann"), search.searched, "the timed-out sentence never ran");
        }
    }

    @Test
    void highPrioritySentencesOvertakeAQueueOfNormalOnes() throws Exception {
        Recorder search = new Recorder(true);
        try (TranslationServer server = TranslationServer.start(config("threads=1", "max_queue_delay_ms=0",
                "max_batch_size=1", "continuous_batching=false"), search)) {
            URI u = server.uri();
            List<CompletableFuture<Http.Reply>> replies = new ArrayList<>();
            replies.add(CompletableFuture.supplyAsync(() -> Http.post(u, "translate",
                    request(List.of("Der Hund"), null)), CLIENTS));
            assertTrue(search.searching.await(30, TimeUnit.SECONDS), "the worker took the first request");
            List<String> normal = List.of("Der Mann", "Die Frau", "Die Katze");
            for (int i = 0; i < normal.size(); i++) {
                String text = normal.get(i);
                replies.add(CompletableFuture.supplyAsync(() -> Http.post(u, "translate",
                        request(List.of(text), "{\"priority\": \"normal\"}")), CLIENTS));
                waitForQueue(u, i + 1); // in this order
            }
            replies.add(CompletableFuture.supplyAsync(() -> Http.post(u, "translate",
                    request(List.of("Zwei Hunde"), "{\"priority\": \"high\"}")), CLIENTS));
            waitForQueue(u, 4);
            search.release.countDown();
            for (CompletableFuture<Http.Reply> reply : replies) {
                assertEquals(200, reply.get(30, TimeUnit.SECONDS).status());
            }
            assertEquals("Zwei Hunde", search.searched.get(1), "high first: " + search.searched);
            assertEquals(List.of("Der Mann", "Die Frau", "Die Katze"), search.searched.subList(2, 5),
                    "normal ones in their order");
            assertError(400, "priority", Http.post(u, "translate", request(List.of("Der Hund"),
                    "{\"priority\": \"urgent\"}")));
        }
    }

    @Test
    void anEmptiedBucketFillsAgainAtItsRate() throws Exception {
        try (TranslationServer server = TranslationServer.start(config("rate_limit.sentences_per_second=10",
                "rate_limit.burst=2"))) {
            URI u = server.uri();
            assertEquals(200, Http.post(u, "translate", request(List.of("Der Hund", "Die Katze"), null)).status());
            assertError(429, "rate limit", Http.post(u, "translate", request(List.of("Der Hund"), null)));
            Thread.sleep(250); // 2.5 sentences' worth
            assertEquals(200, Http.post(u, "translate", request(List.of("Der Hund", "Die Katze"), null)).status());
            assertFalse(Http.post(u, "translate", request(List.of("Der Hund"), null)).status() == 200);
        }
    }

    private static void waitForQueue(URI u, int sentences) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            if (sample(Http.get(u, "metrics").body(), "nmt4j_queue_sentences{model=\"tiny\"}") >= sentences) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the queue never held " + sentences + " sentences");
    }
}
