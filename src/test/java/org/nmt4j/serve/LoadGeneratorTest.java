package org.nmt4j.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * The load generator of {@code bench serve} and {@code bench load}: its clients' counts, an overload's statuses, the
 * server's histograms, merged results.
 */
class LoadGeneratorTest {

    @Test
    void everyRequestIsCountedAndTheServersHistogramsSeeItsSentences() {
        try (TranslationServer server = TranslationServer.start(TranslationServerTest.config())) {
            LoadGenerator load = new LoadGenerator(server.uri());
            double[] before = load.totals("nmt4j_batch_sentences");
            LoadGenerator.Result r = load.run(TranslationServerTest.SENTENCES, 3, 1, 30, 40);
            double[] after = load.totals("nmt4j_batch_sentences");
            assertEquals(40, r.requests(), "the request bound ends the run long before its 30 s");
            assertEquals(0, r.errors());
            assertEquals(40, r.latencies().length);
            assertEquals(40, after[0] - before[0], 1e-9, "one sentence a request, each batched once");
            assertTrue(after[1] - before[1] >= 1 && after[1] - before[1] <= 40, "batches: " + (after[1] - before[1]));
            assertTrue(r.perSecond() > 0 && r.latency(0.5) <= r.latency(0.99));
            assertArrayEquals(new double[] {0, 0}, load.totals("no_such_histogram"), 0.0);
        }
    }

    @Test
    void anOverloadCountsEveryAnswerByItsStatus() {
        try (TranslationServer server = TranslationServer.start(TranslationServerTest.config("threads=1",
                "queue_capacity=4"))) {
            java.util.Map<Integer, Integer> statuses = new LoadGenerator(server.uri())
                    .overload(TranslationServerTest.SENTENCES, 3, 2, 6, 30);
            assertEquals(30, statuses.values().stream().mapToInt(Integer::intValue).sum(), statuses.toString());
            assertTrue(java.util.Set.of(200, 429).containsAll(statuses.keySet()), statuses.toString());
            assertTrue(statuses.getOrDefault(200, 0) > 0, statuses.toString());
        }
    }

    @Test
    void aServerWithApiKeysIsLoadedWithTheKeyItWants() throws Exception {
        java.nio.file.Path keys = java.nio.file.Files.createTempFile("keys", ".txt");
        java.nio.file.Files.writeString(keys, "# bench load takes the first key, read as the server reads it\n\n"
                + "load-key-0123456789\n");
        assertEquals("load-key-0123456789", LoadGenerator.firstKey(keys));
        try (TranslationServer server = TranslationServer.start(TranslationServerTest.config("api_keys=\"" + keys
                + "\""))) {
            assertEquals(5, new LoadGenerator(server.uri()).run(TranslationServerTest.SENTENCES, 1, 1, 30, 5)
                    .errors(), "no key: every request refused");
            LoadGenerator.Result keyed = new LoadGenerator(server.uri(), "load-key-0123456789")
                    .run(TranslationServerTest.SENTENCES, 1, 1, 30, 5);
            assertEquals(0, keyed.errors());
            assertEquals(java.util.Map.of(200, 4), new LoadGenerator(server.uri(), "load-key-0123456789")
                    .overload(TranslationServerTest.SENTENCES, 1, 1, 2, 4));
        }
        java.nio.file.Files.writeString(keys, "short\n");
        assertEquals(keys + ":1: an API key is 16 or more characters without spaces", assertThrows(
                org.nmt4j.io.UserError.class, () -> LoadGenerator.firstKey(keys)).getMessage());
    }

    @Test
    void twoRunsAddUpToOne() {
        LoadGenerator.Result a = new LoadGenerator.Result(3, 1, 2.0, new double[] {5, 9});
        LoadGenerator.Result b = new LoadGenerator.Result(4, 0, 1.0, new double[] {1, 7, 8, 20});
        LoadGenerator.Result both = a.and(b);
        assertEquals(7, both.requests());
        assertEquals(1, both.errors());
        assertEquals(3.0, both.seconds(), 0.0);
        assertArrayEquals(new double[] {1, 5, 7, 8, 9, 20}, both.latencies(), 0.0);
        assertEquals(2.0, both.perSecond(), 1e-12);
        assertEquals(7, both.latency(0.5), 0.0); // nearest rank: the 3rd of 6
        assertEquals(20, both.latency(0.99), 0.0);
    }

    @Test
    void sendsToLoopbackAddressesOnly() {
        assertThrows(IllegalArgumentException.class, () -> new LoadGenerator(URI.create("http://192.0.2.1:8080/")));
    }
}
