package org.nmt4j.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nmt4j.TinyModel;
import org.nmt4j.config.ServeConfig;
import org.nmt4j.translate.RunningBatch;
import org.nmt4j.translate.Translation;
import org.nmt4j.translate.Translator;

/** The HTTP API end to end on the tiny model: every route, every error status, batching across requests. */
class TranslationServerTest {

    static final List<String> SENTENCES = List.of("Der Mann liest das Buch.", "Heute isst die Katze einen Apfel.",
            "Ich glaube, dass der Hund den Ball sucht.", "Die Frau hat das Auto gewaschen.", "Der Hund",
            "Ein Mann fährt Fahrrad.", "Zwei Hunde spielen im Schnee.");

    // clients of their own: the common pool has one thread on two cores, and each client blocks on its answer
    private static final java.util.concurrent.ExecutorService CLIENTS = java.util.concurrent.Executors
            .newCachedThreadPool(r -> {
                Thread t = new Thread(r, "test-client");
                t.setDaemon(true);
                return t;
            });

    private static TranslationServer server;
    private static URI uri;
    private static Translator translator;

    static ServeConfig config(String... settings) {
        // no warm-up (ServerAdmissionTest has one): the tests' own searches are what each server translates
        List<String> overrides = new ArrayList<>(List.of("models.tiny=\"" + TinyModel.folder() + "\"", "port=0",
                "warm_up_ms=0"));
        overrides.addAll(List.of(settings));
        return ServeConfig.load(null, overrides);
    }

    @BeforeAll
    static void start() {
        server = TranslationServer.start(config("max_batch_size=2", "max_source_tokens=40", "max_request_bytes=4000"));
        uri = server.uri();
        translator = Translator.load(TinyModel.folder());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String request(List<String> texts, String options) {
        List<Map<String, String>> src = texts.stream().map(t -> Map.of("text", t)).toList();
        return "{\"src\": " + Http.json(src) + (options == null ? "" : ", \"options\": " + options) + "}";
    }

    @Test
    void translationsComeBackInOrderAcrossBatchesAsTheTranslatorGivesThem() {
        List<String> texts = new ArrayList<>(SENTENCES);
        texts.add(2, "");
        Http.Reply reply = Http.post(uri, "translate", request(texts, "{\"beam_size\": 3}"));
        assertEquals(200, reply.status(), reply.body());
        JsonNode tgt = reply.json().get("tgt");
        assertEquals(texts.size(), tgt.size());
        // max_batch_size 2: the 7 sentences were searched in several batches; each answer is still its own
        List<Translation> expected = translator.with(translator.decoding().withBeamSize(3), false).translate(texts);
        for (int i = 0; i < texts.size(); i++) {
            assertEquals(1, tgt.get(i).size());
            assertEquals(expected.get(i).text(), tgt.get(i).get(0).get("text").asText(), "sentence " + i);
            assertEquals(expected.get(i).score(), tgt.get(i).get(0).get("score").asDouble(), 1e-5);
            assertFalse(tgt.get(i).get(0).has("align"), "no alignment unless asked");
        }
        assertEquals("", tgt.get(2).get(0).get("text").asText(), "an empty text gives an empty translation");
    }

    /** The markup option gives what the command line's --markup gives; malformed markup is a 400 naming it. */
    @Test
    void markupComesBackAroundTheTranslationAsTheCommandLinePutsIt() {
        List<String> texts = List.of("Der <b>Mann</b> liest das <i>Buch</i>.", "<x id=\"1\"/>", "Die Katze &amp; der Hund");
        Http.Reply reply = Http.post(uri, "translate", request(texts, "{\"markup\": \"xml\", \"beam_size\": 1}"));
        assertEquals(200, reply.status(), reply.body());
        var marked = new org.nmt4j.markup.MarkupTranslator(translator.with(translator.decoding().withBeamSize(1),
                false), org.nmt4j.markup.Markup.XML, false).translate(texts);
        for (int i = 0; i < texts.size(); i++) {
            assertEquals(marked.get(i).text(), reply.json().get("tgt").get(i).get(0).get("text").asText());
        }
        assertError(400, "src[1].text: column 1: <b> is not closed", Http.post(uri, "translate",
                request(List.of("Der Hund", "<b>Der Hund"), "{\"markup\": \"xml\"}")));
        assertError(400, "options.markup", Http.post(uri, "translate", request(List.of("x"),
                "{\"markup\": \"latex\"}")));
    }

    /** A request's glossary gives what the Java API's gives; a malformed one is a 400. */
    @Test
    void aRequestsTerminologyIsKeptAsTheJavaApiKeepsIt() {
        List<String> texts = List.of("Der Mann liest das Buch.", "Die Katze sieht den Ball.");
        String glossary = "{\"Mann\": \"book\", \"Ball\": \"cat\"}";
        for (int beam : new int[] {1, 2}) {
            Http.Reply reply = Http.post(uri, "translate", request(texts, "{\"beam_size\": " + beam
                    + ", \"terminology\": " + glossary + "}"));
            assertEquals(200, reply.status(), reply.body());
            List<Translation> expected = translator.with(translator.decoding().withBeamSize(beam), false)
                    .withTerminology(org.nmt4j.translate.Terminology.of(List.of(
                            new org.nmt4j.translate.Terminology.Entry("Mann", "book"),
                            new org.nmt4j.translate.Terminology.Entry("Ball", "cat")))).translate(texts);
            for (int i = 0; i < texts.size(); i++) {
                assertEquals(expected.get(i).text(), reply.json().get("tgt").get(i).get(0).get("text").asText());
            }
        }
        assertError(400, "options.terminology", Http.post(uri, "translate", request(List.of("x"),
                "{\"terminology\": [\"Mann\"]}")));
        // a model's own glossary, from the config
        java.nio.file.Path file;
        try {
            file = java.nio.file.Files.createTempFile("glossary", ".tsv");
            java.nio.file.Files.writeString(file, "Mann\tbook\nBall\tcat\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        try (TranslationServer glossed = TranslationServer.start(config("terminology.tiny=\"" + file + "\""))) {
            Http.Reply reply = Http.post(glossed.uri(), "translate", request(texts, "{\"beam_size\": 1}"));
            List<Translation> expected = translator.with(translator.decoding().withBeamSize(1), false)
                    .withTerminology(org.nmt4j.translate.Terminology.read(file)).translate(texts);
            for (int i = 0; i < texts.size(); i++) {
                assertEquals(expected.get(i).text(), reply.json().get("tgt").get(i).get(0).get("text").asText());
            }
        }
        assertError(400, "options.terminology.Mann", Http.post(uri, "translate", request(List.of("x"),
                "{\"terminology\": {\"Mann\": 3}}")));
    }

    @Test
    void nBestListsAreBestFirstAndAlignmentsFollowTheOptions() {
        String body = "{\"src\": [{\"text\": \"Der Mann liest das Buch.\"}, {\"text\": \"Der Hund\", \"options\": "
                + "{\"alignment\": \"hard\", \"n_best\": 1}}], \"options\": {\"beam_size\": 3, \"n_best\": 3, "
                + "\"alignment\": \"soft\"}}";
        Http.Reply reply = Http.post(uri, "translate", body);
        assertEquals(200, reply.status(), reply.body());
        JsonNode first = reply.json().get("tgt").get(0);
        List<Translation> expected = translator.with(translator.decoding().withBeamSize(3), false)
                .translateNBest(List.of("Der Mann liest das Buch."), 3).get(0);
        assertEquals(expected.size(), first.size(), "the translator's n-best list (up to 3)");
        for (int k = 0; k < expected.size(); k++) {
            assertEquals(expected.get(k).text(), first.get(k).get("text").asText());
            assertTrue(k == 0 || first.get(k - 1).get("score").asDouble() >= first.get(k).get("score").asDouble());
        }
        JsonNode best = first.get(0);
        int rows = best.get("target_tokens").size();
        int columns = best.get("source_tokens").size();
        assertEquals(rows, best.get("attention").size());
        for (JsonNode row : best.get("attention")) {
            assertEquals(columns, row.size());
        }
        // a hard link per target token whose most attended source token is not </s>, each in range
        for (JsonNode link : best.get("align")) {
            assertTrue(link.get(0).asInt() < columns && link.get(1).asInt() < rows, link.toString());
        }
        assertFalse(best.get("source_tokens").toString().contains("</s>"), "</s> is left out by default");
        JsonNode second = reply.json().get("tgt").get(1);
        assertEquals(1, second.size(), "the sentence's own n_best");
        assertTrue(second.get(0).has("align"));
        assertFalse(second.get(0).has("attention"), "hard: links only");
    }

    @Test
    void openNmtClientsGetOpenNmtPyShapedAnswers() {
        Http.Reply reply = Http.post(uri, "translator/translate",
                "[{\"src\": \"Der Mann liest das Buch.\", \"id\": 100}, {\"src\": \" Der Hund \", \"id\": 100}]");
        assertEquals(200, reply.status(), reply.body());
        JsonNode out = reply.json();
        assertEquals(1, out.size(), "one list per n-best rank");
        assertEquals(2, out.get(0).size(), "one answer per input");
        JsonNode second = out.get(0).get(1);
        assertEquals(" Der Hund ", second.get("src").asText());
        String text = translator.translate("Der Hund").text();
        assertEquals(" " + text + " ", second.get("tgt").asText(), "spaces around the source kept");
        assertEquals(1, second.get("n_best").asInt());
        assertTrue(second.get("pred_score").isNumber());
        assertTrue(second.get("align").get(0).asText().matches("(\\d+-\\d+( \\d+-\\d+)*)?"));
    }

    @Test
    void healthReadyModelsAndPageAnswer() {
        assertEquals("ok", Http.get(uri, "health").json().get("status").asText());
        Http.Reply ready = Http.get(uri, "ready");
        assertEquals(200, ready.status());
        assertTrue(ready.json().get("ready").asBoolean());
        JsonNode models = Http.get(uri, "models").json();
        assertEquals("tiny", models.get("default").asText());
        assertEquals("tiny", models.get("models").get(0).get("id").asText());
        assertEquals(3, models.get("models").get(0).get("beam_size").asInt());
        assertEquals(1, models.get("models").get(0).get("attention_heads").asInt());
        assertEquals(false, models.get("models").get(0).get("alignment_head").asBoolean(true));
        assertEquals("additive", models.get("models").get(0).get("alignment_attention").asText());
        assertEquals(0, models.get("models").get(0).get("alignment_jumps").asInt(-1));
        assertEquals(0, models.get("models").get(0).get("attention_window").asInt());
        assertEquals("gru", models.get("models").get(0).get("cell").asText());
        Http.Reply page = Http.get(uri, "");
        assertEquals(200, page.status());
        assertTrue(page.header("Content-Type").startsWith("text/html"));
        assertTrue(page.body().contains("id=\"translate\""));
    }

    @Test
    void metricsAreInPrometheusTextFormat() {
        Http.post(uri, "translate", request(List.of("Der Hund"), null));
        Http.post(uri, "translate", "{");
        Http.Reply metrics = Http.get(uri, "metrics");
        assertEquals(200, metrics.status());
        assertTrue(metrics.header("Content-Type").startsWith("text/plain; version=0.0.4"));
        String text = metrics.body();
        assertTrue(text.contains("# TYPE nmt4j_requests_total counter"), text);
        assertTrue(text.contains("nmt4j_requests_total{route=\"/translate\",status=\"200\"}"), text);
        assertTrue(text.contains("nmt4j_requests_total{route=\"/translate\",status=\"400\"}"), text);
        assertTrue(text.contains("nmt4j_sentences_total{model=\"tiny\",outcome=\"ok\"}"), text);
        assertTrue(text.contains("nmt4j_queue_sentences{model=\"tiny\"} 0"), text);
        assertTrue(text.contains("nmt4j_request_duration_seconds_bucket{route=\"/translate\",le=\"+Inf\"}"), text);
        assertTrue(text.contains("# TYPE nmt4j_batch_sentences histogram"), text);
        for (String line : text.split("\n")) { // every sample line: name{labels} value
            assertTrue(line.startsWith("#") || line.matches("[a-z0-9_]+(\\{[^}]*})? [0-9.eE+-]+"), line);
        }
    }

    @Test
    void alignmentDownloadsAreTheCommandLinesExports() {
        String body = "{\"source_tokens\": [\"der\", \"Hund\"], \"target_tokens\": [\"the\", \"dog\"], "
                + "\"attention\": [[0.9, 0.1], [0.2, 0.8]]}";
        Http.Reply csv = Http.post(uri, "alignment/csv", body);
        assertEquals(200, csv.status());
        assertEquals("sentence,target_index,target_token,source_index,source_token,weight", csv.body().lines()
                .findFirst().orElseThrow());
        assertEquals(5, csv.body().lines().count());
        assertEquals("1,1,dog,1,Hund,0.800000", csv.body().lines().toList().get(4));
        assertEquals("0-0 1-1\n", Http.post(uri, "alignment/pharaoh", body).body());
        JsonNode json = Http.post(uri, "alignment/json", body).json();
        assertEquals("Hund", json.get("source").get(1).asText());
        assertEquals(0.8, json.get("weights").get(1).get(1).asDouble(), 1e-6);
        assertEquals(400, Http.post(uri, "alignment/csv", "{\"source_tokens\": [\"a\"], \"target_tokens\": [\"b\"], "
                + "\"attention\": [[0.5, 0.5]]}").status());
    }

    @Test
    void badRequestsGetTheirStatusAndAJsonErrorAndTheServerStaysUp() {
        assertError(400, "malformed JSON", Http.post(uri, "translate", "{\"src\": [\"a\""));
        assertError(400, "src: missing", Http.post(uri, "translate", "{\"options\": {}}"));
        assertError(400, "unknown field 'source'", Http.post(uri, "translate", "{\"source\": []}"));
        assertError(400, "unknown option 'beam'", Http.post(uri, "translate",
                request(List.of("Der Hund"), "{\"beam\": 5}")));
        assertError(400, "src[0].options.beam_size", Http.post(uri, "translate",
                "{\"src\": [{\"text\": \"Der Hund\", \"options\": {\"beam_size\": 0}}]}"));
        assertError(400, "n_best", Http.post(uri, "translate", request(List.of("Der Hund"),
                "{\"beam_size\": 2, \"n_best\": 3}")));
        assertError(400, "alignment", Http.post(uri, "translate", request(List.of("x"), "{\"alignment\": \"all\"}")));
        assertError(400, "unknown model 'nope'", Http.post(uri, "translate", request(List.of("x"),
                "{\"model\": \"nope\"}")));
        assertError(400, "src[1].text", Http.post(uri, "translate", "{\"src\": [\"a\", {\"text\": 3}]}"));
        assertError(400, "the request has no body", Http.post(uri, "translate", ""));
        String longLine = String.join(" ", java.util.Collections.nCopies(60, "Hund"));
        assertError(400, "src[1]: ", Http.post(uri, "translate", request(List.of("Der Hund", longLine), null)));
        String huge = String.join(" ", java.util.Collections.nCopies(1500, "Hund"));
        assertError(413, "max_request_bytes", Http.post(uri, "translate", request(List.of(huge), null)));
        assertError(404, "no route /nope", Http.get(uri, "nope"));
        Http.Reply wrongMethod = Http.get(uri, "translate");
        assertError(405, "takes POST", wrongMethod);
        assertEquals("POST", wrongMethod.header("Allow"));
        assertError(400, "[0].src", Http.post(uri, "translator/translate", "[{\"text\": \"x\"}]"));
        assertEquals(200, Http.post(uri, "translate", request(List.of("Der Hund"), null)).status());
    }

    @Test
    void severalModelsAreServedAndARequestPicksOne() {
        try (TranslationServer two = TranslationServer.start(config("models.other=\"" + TinyModel.folder() + "\""))) {
            JsonNode models = Http.get(two.uri(), "models").json().get("models");
            assertEquals(2, models.size());
            assertEquals("other", models.get(1).get("id").asText());
            assertFalse(models.get(1).get("default").asBoolean());
            Http.Reply reply = Http.post(two.uri(), "translate", request(List.of("Der Hund"), "{\"model\": \"other\"}"));
            assertEquals("other", reply.json().get("model").asText());
            assertEquals(translator.translate("Der Hund").text(),
                    reply.json().get("tgt").get(0).get(0).get("text").asText());
            assertEquals("tiny", Http.post(two.uri(), "translate", request(List.of("Der Hund"), null)).json()
                    .get("model").asText(), "the first model is the default");
            assertError(400, "unknown model '7' (served: tiny, other)", Http.post(two.uri(), "translator/translate",
                    "[{\"src\": \"Der Hund\", \"id\": 7}]"));
        }
    }

    @Test
    void aServedReverseModelCombinesEachTranslationsAlignmentAsTheCommandLineDoes() {
        String reverse = "models.back=\"" + org.nmt4j.TinyReverseModel.folder() + "\"";
        try (TranslationServer two = TranslationServer.start(config(reverse))) {
            String sentence = "Der Hund sucht den Ball.";
            Http.Reply reply = Http.post(two.uri(), "translate", request(List.of(sentence),
                    "{\"alignment\": \"hard\", \"word_level\": true, \"reverse_model\": \"back\", "
                            + "\"symmetrize\": \"union\", \"link_threshold\": 0.3}"));
            assertEquals(200, reply.status(), reply.body());
            JsonNode first = reply.json().get("tgt").get(0).get(0);
            org.nmt4j.translate.Translator forward = Translator.load(TinyModel.folder());
            org.nmt4j.align.AlignmentMatrix f = org.nmt4j.align.WordLevel.merge(
                    org.nmt4j.align.AlignmentMatrix.of(forward.translate(sentence)));
            org.nmt4j.align.AlignmentMatrix r = org.nmt4j.align.WordLevel.merge(new org.nmt4j.align.ForcedAligner(
                    Translator.load(org.nmt4j.TinyReverseModel.folder()), 8).align(
                    List.of(first.get("text").asText()), List.of(sentence)).get(0));
            List<org.nmt4j.align.Links.Link> expected = org.nmt4j.align.SymmetrizedAlignment.of(f, r,
                    new org.nmt4j.align.SymmetrizationRule(org.nmt4j.align.lexical.Symmetrization.UNION, 0.3)).links();
            assertEquals(expected.size(), first.get("align").size());
            for (int k = 0; k < expected.size(); k++) {
                assertEquals(expected.get(k).source(), first.get("align").get(k).get(0).asInt());
                assertEquals(expected.get(k).target(), first.get("align").get(k).get(1).asInt());
            }
            assertError(400, "options.reverse_model: combines word-level alignments; src[0] needs \"word_level\": "
                    + "true and an \"alignment\"", Http.post(two.uri(), "translate", request(List.of(sentence),
                    "{\"alignment\": \"hard\", \"reverse_model\": \"back\"}")));
            assertEquals(400, Http.post(two.uri(), "translate", request(List.of(sentence),
                    "{\"alignment\": \"hard\", \"word_level\": true, \"reverse_model\": \"back\", "
                            + "\"symmetrize\": \"gdfa\"}")).status());
            assertEquals(400, Http.post(two.uri(), "translate", request(List.of(sentence),
                    "{\"alignment\": \"hard\", \"word_level\": true, \"reverse_model\": \"nowhere\"}"))
                    .status());
            assertError(400, "options.link_threshold: the link threshold must be between 0 and 1, not 2.0",
                    Http.post(two.uri(), "translate", request(List.of(sentence), "{\"alignment\": \"hard\", "
                            + "\"word_level\": true, \"reverse_model\": \"back\", \"link_threshold\": 2}")));
        }
    }

    @Test
    void anIdWithSeveralFoldersServesTheirEnsemble() {
        String tiny = "\"" + TinyModel.folder() + "\"";
        try (TranslationServer two = TranslationServer.start(config("models.pair=[" + tiny + ", " + tiny + "]"))) {
            JsonNode model = Http.get(two.uri(), "models").json().get("models").get(1);
            assertEquals("pair", model.get("id").asText());
            assertEquals(2, model.get("folders").size());
            // a model with itself translates as the model alone, attention included
            Http.Reply reply = Http.post(two.uri(), "translate", request(List.of("Der Hund sucht den Ball."),
                    "{\"model\": \"pair\", \"alignment\": \"soft\"}"));
            Translation t = translator.translate("Der Hund sucht den Ball.");
            JsonNode first = reply.json().get("tgt").get(0).get(0);
            assertEquals(t.text(), first.get("text").asText());
            assertEquals(t.attention()[0][0], (float) first.get("attention").get(0).get(0).asDouble(), 1e-6f);
        }
    }

    @Test
    void wordLevelAndKeepEosChangeTheTokensAsOnTheCommandLine() {
        String sentence = "Ich glaube, dass der Hund den Ball sucht.";
        JsonNode pieces = Http.post(uri, "translate", request(List.of(sentence), "{\"alignment\": \"soft\"}"))
                .json().get("tgt").get(0).get(0);
        JsonNode words = Http.post(uri, "translate", request(List.of(sentence),
                "{\"alignment\": \"soft\", \"word_level\": true}")).json().get("tgt").get(0).get(0);
        JsonNode withEos = Http.post(uri, "translate", request(List.of(sentence),
                "{\"alignment\": \"soft\", \"keep_eos\": true}")).json().get("tgt").get(0).get(0);
        Translation t = translator.translate(sentence);
        org.nmt4j.align.AlignmentMatrix merged = org.nmt4j.align.WordLevel.merge(
                org.nmt4j.align.AlignmentMatrix.of(t)).withoutEos();
        assertEquals(merged.sourceTokens().size(), words.get("source_tokens").size());
        assertEquals(merged.sourceTokens().get(0), words.get("source_tokens").get(0).asText());
        assertTrue(pieces.get("source_tokens").size() > words.get("source_tokens").size(), "BPE pieces merged");
        for (JsonNode token : words.get("source_tokens")) {
            assertFalse(token.asText().endsWith("@@"), token.asText());
        }
        assertEquals("</s>", withEos.get("source_tokens").get(withEos.get("source_tokens").size() - 1).asText());
        for (JsonNode row : withEos.get("attention")) { // with </s> every row is the whole distribution
            double sum = 0;
            for (JsonNode w : row) {
                sum += w.asDouble();
            }
            assertEquals(1.0, sum, 1e-4);
        }
    }

    @Test
    void truncationCropsALongSentenceInsteadOfRefusingIt() {
        try (TranslationServer cropping = TranslationServer.start(config("max_source_tokens=5", "truncate=true"))) {
            String longLine = String.join(" ", java.util.Collections.nCopies(20, "Hund"));
            Http.Reply reply = Http.post(cropping.uri(), "translate", request(List.of(longLine), null));
            assertEquals(200, reply.status(), reply.body());
            JsonNode best = reply.json().get("tgt").get(0).get(0);
            assertEquals(translator.sourcePieces(longLine).size() - 5, best.get("cropped_source_tokens").asInt());
        }
    }

    @Test
    void concurrentRequestsShareBatches() throws Exception {
        try (TranslationServer batching = TranslationServer.start(config("threads=1", "max_queue_delay_ms=400",
                "max_batch_size=16"))) {
            List<CompletableFuture<Http.Reply>> replies = new ArrayList<>();
            for (String sentence : SENTENCES) {
                replies.add(CompletableFuture.supplyAsync(() -> Http.post(batching.uri(), "translate",
                        request(List.of(sentence), null)), CLIENTS));
            }
            for (int i = 0; i < SENTENCES.size(); i++) {
                Http.Reply reply = replies.get(i).get(60, TimeUnit.SECONDS);
                assertEquals(200, reply.status());
                assertEquals(translator.translate(SENTENCES.get(i)).text(),
                        reply.json().get("tgt").get(0).get(0).get("text").asText());
            }
            String metrics = Http.get(batching.uri(), "metrics").body();
            long batches = sample(metrics, "nmt4j_batch_requests_count{model=\"tiny\"}");
            long singleRequest = sample(metrics, "nmt4j_batch_requests_bucket{model=\"tiny\",le=\"1\"}");
            assertTrue(batches < SENTENCES.size(), "7 requests, " + batches + " batches");
            assertTrue(singleRequest < batches, "a batch held sentences of more than one request:\n" + metrics);
        }
    }

    @Test
    void anIdleWorkerStartsARunningBatchAtOnceInsteadOfWaitingForMoreSentences() {
        // later sentences join a running batch between its steps, so nothing is gained by waiting for them
        try (TranslationServer batching = TranslationServer.start(config("threads=1", "max_queue_delay_ms=20000"))) {
            Http.Reply reply = Http.post(batching.uri(), "translate", request(List.of("Der Hund"),
                    "{\"beam_size\": 1}"));
            assertEquals(200, reply.status(), reply.body());
            String metrics = Http.get(batching.uri(), "metrics").body();
            double waited = Double.parseDouble(metrics.lines()
                    .filter(l -> l.startsWith("nmt4j_queue_wait_seconds_sum{model=\"tiny\"}"))
                    .findFirst().orElseThrow().replaceAll(".* ", ""));
            assertTrue(waited < 10, "waited " + waited + " s of max_queue_delay_ms 20000");
        }
    }

    @Test
    void greedySentencesJoinARunningBatchAndComeOutAsTranslatedAlone() throws Exception {
        // each step of the running batch is slowed down, so that requests sent one after another find it running
        java.util.concurrent.atomic.AtomicBoolean explode = new java.util.concurrent.atomic.AtomicBoolean();
        ModelRunner.BatchSearch search = new ModelRunner.BatchSearch() {
            @Override
            public List<List<org.nmt4j.translate.Translation>> search(Translator t, List<List<String>> pieces,
                                                                      int n) {
                return t.translatePieces(pieces, n);
            }

            @Override
            public <T> List<RunningBatch.Done<T>> step(RunningBatch<T> running) {
                if (explode.get()) {
                    throw new IllegalStateException("a bug in a step");
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return running.step();
            }
        };
        Translator greedy = translator.with(translator.decoding().withBeamSize(1), false);
        try (TranslationServer batching = TranslationServer.start(config("threads=1", "max_queue_delay_ms=0"),
                search)) {
            List<CompletableFuture<Http.Reply>> replies = new ArrayList<>();
            for (String sentence : SENTENCES) {
                replies.add(CompletableFuture.supplyAsync(() -> Http.post(batching.uri(), "translate",
                        request(List.of(sentence, "", sentence), "{\"beam_size\": 1}")), CLIENTS));
                Thread.sleep(30);
            }
            for (int i = 0; i < SENTENCES.size(); i++) {
                Http.Reply reply = replies.get(i).get(60, TimeUnit.SECONDS);
                assertEquals(200, reply.status(), reply.body());
                String alone = greedy.translate(SENTENCES.get(i)).text();
                JsonNode tgt = reply.json().get("tgt");
                assertEquals(alone, tgt.get(0).get(0).get("text").asText());
                assertEquals("", tgt.get(1).get(0).get("text").asText());
                assertEquals(alone, tgt.get(2).get(0).get("text").asText());
            }
            String metrics = Http.get(batching.uri(), "metrics").body();
            long steps = sample(metrics, "nmt4j_step_rows_count{model=\"tiny\"}");
            long oneRow = sample(metrics, "nmt4j_step_rows_bucket{model=\"tiny\",le=\"1\"}");
            long twoRows = sample(metrics, "nmt4j_step_rows_bucket{model=\"tiny\",le=\"2\"}");
            assertTrue(twoRows < steps, "steps ran more than one request's sentences together:\n" + metrics);
            assertTrue(oneRow < steps);
            // a bug in a step: its sentences are answered 500, and the next request is served by a new batch
            explode.set(true);
            assertError(500, "a bug in a step", Http.post(batching.uri(), "translate",
                    request(List.of("Der Hund"), "{\"beam_size\": 1}")));
            explode.set(false);
            Http.Reply next = Http.post(batching.uri(), "translate", request(List.of("Der Hund"),
                    "{\"beam_size\": 1}"));
            assertEquals(200, next.status(), next.body());
            assertEquals(greedy.translate("Der Hund").text(), next.json().get("tgt").get(0).get(0).get("text")
                    .asText());
        }
    }

    @Test
    void aFullQueueIs429AndATimeOutIs504AndABugIs500AndTheNextRequestIsServed() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch searching = new CountDownLatch(1);
        ModelRunner.BatchSearch search = (t, pieces, n) -> {
            if (String.join(" ", pieces.get(0)).replace("@@ ", "").contains("explode")) {
                throw new IllegalStateException("a bug in the search");
            }
            searching.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return t.translatePieces(pieces, n);
        };
        try (TranslationServer slow = TranslationServer.start(config("threads=1", "max_queue_delay_ms=0",
                "queue_capacity=2", "request_timeout_ms=1500"), search)) {
            URI u = slow.uri();
            CompletableFuture<Http.Reply> running = CompletableFuture.supplyAsync(() -> Http.post(u, "translate",
                    request(List.of("Der Hund"), null)), CLIENTS);
            assertTrue(searching.await(30, TimeUnit.SECONDS), "the worker took the first request");
            CompletableFuture<Http.Reply> queued = CompletableFuture.supplyAsync(() -> Http.post(u, "translate",
                    request(List.of("Der Mann", "Die Frau"), null)), CLIENTS);
            Thread.sleep(300); // its two sentences fill the queue
            Http.Reply full = Http.post(u, "translate", request(List.of("Die Katze"), null));
            assertError(429, "queue is full", full);
            assertEquals("1", full.header("Retry-After"));
            assertError(504, "request_timeout_ms 1500", running.get(30, TimeUnit.SECONDS));
            assertError(504, "request_timeout_ms", queued.get(30, TimeUnit.SECONDS));
            release.countDown();
            assertError(500, "a bug in the search", Http.post(u, "translate", request(List.of("explode"), null)));
            Http.Reply next = Http.post(u, "translate", request(List.of("Der Hund"), null));
            assertEquals(200, next.status(), next.body());
            assertEquals("ok", Http.get(u, "health").json().get("status").asText(), "the worker survived");
            String metrics = Http.get(u, "metrics").body();
            assertTrue(metrics.contains("outcome=\"timeout\"} 3"), metrics);
            assertTrue(metrics.contains("outcome=\"error\"} 1"), metrics);
            assertTrue(metrics.contains("outcome=\"rejected\"} 1"), metrics);
        }
    }

    @Test
    void stoppingLetsTheRequestInFlightFinish() throws Exception {
        CountDownLatch searching = new CountDownLatch(1);
        ModelRunner.BatchSearch search = (t, pieces, n) -> {
            searching.countDown();
            try {
                Thread.sleep(700);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return t.translatePieces(pieces, n);
        };
        TranslationServer stopping = TranslationServer.start(config("threads=1"), search);
        URI u = stopping.uri();
        CompletableFuture<Http.Reply> inFlight = CompletableFuture.supplyAsync(() -> Http.post(u, "translate",
                request(List.of("Der Hund"), null)), CLIENTS);
        assertTrue(searching.await(30, TimeUnit.SECONDS));
        stopping.close();
        Http.Reply reply = inFlight.get(30, TimeUnit.SECONDS);
        assertEquals(200, reply.status(), reply.body());
        assertEquals(translator.translate("Der Hund").text(), reply.json().get("tgt").get(0).get(0).get("text")
                .asText());
        assertThrowsIo(() -> Http.get(u, "health"));
    }

    @Test
    void stoppingLetsTheGreedySentencesOfARunningBatchFinish() throws Exception {
        CountDownLatch stepping = new CountDownLatch(1);
        ModelRunner.BatchSearch search = new ModelRunner.BatchSearch() {
            @Override
            public List<List<Translation>> search(Translator t, List<List<String>> pieces, int n) {
                return t.translatePieces(pieces, n);
            }

            @Override
            public <T> List<RunningBatch.Done<T>> step(RunningBatch<T> running) {
                stepping.countDown();
                try {
                    Thread.sleep(40);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return running.step();
            }
        };
        TranslationServer stopping = TranslationServer.start(config("threads=1"), search);
        URI u = stopping.uri();
        CompletableFuture<Http.Reply> inFlight = CompletableFuture.supplyAsync(() -> Http.post(u, "translate",
                request(List.of("Ich glaube, dass der Hund den Ball sucht."), "{\"beam_size\": 1}")), CLIENTS);
        assertTrue(stepping.await(30, TimeUnit.SECONDS));
        stopping.close();
        Http.Reply reply = inFlight.get(30, TimeUnit.SECONDS);
        assertEquals(200, reply.status(), reply.body());
        assertEquals(translator.with(translator.decoding().withBeamSize(1), false)
                .translate("Ich glaube, dass der Hund den Ball sucht.").text(),
                reply.json().get("tgt").get(0).get(0).get("text").asText());
    }

    private static void assertThrowsIo(Runnable call) {
        try {
            call.run();
        } catch (java.io.UncheckedIOException expected) {
            return;
        }
        throw new AssertionError("the stopped server still answered");
    }

    /**
     * A POST must say its body is JSON: a text/plain or form POST (what a web page may send across sites without a
     * preflight) is a 415, and the server stays up.
     */
    @Test
    void aPostThatIsNotJsonIsRefusedWith415() {
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x")) {
            Http.Reply reply = Http.send(java.net.http.HttpRequest.newBuilder(uri.resolve("translate"))
                    .header("Content-Type", type).POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                            request(List.of("Der Hund"), null))));
            assertError(415, "takes a JSON body", reply);
            assertEquals("application/json", reply.header("Accept-Post"));
        }
        Http.Reply none = Http.send(java.net.http.HttpRequest.newBuilder(uri.resolve("translate"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(request(List.of("Der Hund"), null))));
        assertError(415, "not none", none);
        Http.Reply charset = Http.send(java.net.http.HttpRequest.newBuilder(uri.resolve("translate"))
                .header("Content-Type", "Application/JSON; charset=utf-8")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(request(List.of("Der Hund"), null))));
        assertEquals(200, charset.status(), charset.body());
    }

    /**
     * A POST refused before its body is read (here a 415 whose body arrives late) leaves its keep-alive connection
     * usable: the next request on the same connection is answered. Answered early, the server would close the
     * connection under a client that already sent the next request on it.
     */
    @Test
    void aRefusedPostLeavesItsConnectionUsable() throws Exception {
        byte[] body = request(List.of("Der Hund"), null).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(20_000);
            java.io.OutputStream out = socket.getOutputStream();
            out.write(("POST /translate HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(300); // the body after the headers, as a slow client sends it
            out.write(body);
            out.write("GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            String answers = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            List<String> statuses = new ArrayList<>();
            Matcher m = Pattern.compile("HTTP/1\\.1 (\\d{3})").matcher(answers);
            while (m.find()) {
                statuses.add(m.group(1));
            }
            assertEquals(List.of("415", "200"), statuses, answers);
        }
    }

    /** CORS: a preflight is answered, with permissions only for the origins cors_origins lists. */
    @Test
    void onlyListedOriginsGetCorsPermissions() {
        java.net.http.HttpRequest.Builder preflight = java.net.http.HttpRequest.newBuilder(uri.resolve("translate"))
                .header("Origin", "https://elsewhere.example").header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody());
        Http.Reply closed = Http.send(preflight);
        assertEquals(204, closed.status());
        assertEquals("POST, OPTIONS", closed.header("Allow"));
        assertEquals(null, closed.header("Access-Control-Allow-Origin"));
        Http.Reply post = Http.send(java.net.http.HttpRequest.newBuilder(uri.resolve("translate"))
                .header("Origin", "https://elsewhere.example").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(request(List.of("Der Hund"), null))));
        assertEquals(200, post.status());
        assertEquals(null, post.header("Access-Control-Allow-Origin"));
        try (TranslationServer open = TranslationServer.start(config("cors_origins=[\"https://app.example\"]"))) {
            Http.Reply granted = Http.send(java.net.http.HttpRequest.newBuilder(open.uri().resolve("translate"))
                    .header("Origin", "https://app.example").header("Access-Control-Request-Method", "POST")
                    .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()));
            assertEquals(204, granted.status());
            assertEquals("https://app.example", granted.header("Access-Control-Allow-Origin"));
            assertEquals("POST", granted.header("Access-Control-Allow-Methods"));
            assertEquals("Content-Type, Authorization", granted.header("Access-Control-Allow-Headers"));
            Http.Reply answered = Http.send(java.net.http.HttpRequest.newBuilder(open.uri().resolve("translate"))
                    .header("Origin", "https://app.example").header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(request(List.of("Der Hund"), null))));
            assertEquals(200, answered.status());
            assertEquals("https://app.example", answered.header("Access-Control-Allow-Origin"));
            Http.Reply other = Http.send(java.net.http.HttpRequest.newBuilder(open.uri().resolve("translate"))
                    .header("Origin", "https://elsewhere.example").header("Access-Control-Request-Method", "POST")
                    .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()));
            assertEquals(null, other.header("Access-Control-Allow-Origin"));
        }
        org.nmt4j.io.UserError bad = org.junit.jupiter.api.Assertions.assertThrows(org.nmt4j.io.UserError.class,
                () -> config("cors_origins=[\"https://app.example/page\"]"));
        assertTrue(bad.getMessage().contains("cors_origins"), bad.getMessage());
    }

    /**
     * With API keys, every route but the page and the probes needs a known key (401 with WWW-Authenticate
     * otherwise); metrics count requests by the key's digest, never the key.
     */
    @Test
    void apiKeysKeepOutWhoeverHasNone() throws Exception {
        String key = "k3y-for-the-test-0123456789";
        java.nio.file.Path keys = java.nio.file.Files.createTempFile("keys", ".txt");
        java.nio.file.Files.writeString(keys, "# keys\n" + key + "\nanother-key-0123456789abc\n");
        try (TranslationServer keyed = TranslationServer.start(config("api_keys=\"" + keys + "\""))) {
            java.net.URI at = keyed.uri();
            Http.Reply none = Http.post(at, "translate", request(List.of("Der Hund"), null));
            assertError(401, "API key", none);
            assertEquals("Bearer realm=\"nmt4j\"", none.header("WWW-Authenticate"));
            Http.Reply wrong = Http.send(java.net.http.HttpRequest.newBuilder(at.resolve("translate"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer not-a-key-000000000")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(request(List.of("Der Hund"), null))));
            assertError(401, "API key", wrong);
            Http.Reply right = Http.send(java.net.http.HttpRequest.newBuilder(at.resolve("translate"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + key)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(request(List.of("Der Hund"), null))));
            assertEquals(200, right.status(), right.body());
            assertEquals(200, Http.get(at, "health").status());
            assertEquals(200, Http.get(at, "").status()); // the page, which asks for the key
            assertEquals(401, Http.get(at, "models").status());
            String metrics = Http.send(java.net.http.HttpRequest.newBuilder(at.resolve("metrics"))
                    .header("Authorization", "Bearer " + key).GET()).body();
            String digest = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)), 0, 4);
            assertTrue(metrics.contains("nmt4j_requests_by_key_total{key=\"" + digest + "\"}"), metrics);
            assertTrue(!metrics.contains(key), "the key itself is never shown");
        }
        java.nio.file.Files.writeString(keys, "short\n");
        org.nmt4j.io.UserError bad = org.junit.jupiter.api.Assertions.assertThrows(org.nmt4j.io.UserError.class,
                () -> TranslationServer.start(config("api_keys=\"" + keys + "\"")));
        assertEquals(keys + ":1: an API key is 16 or more characters without spaces", bad.getMessage());
    }

    /** A token bucket per key: a burst is served, the next sentences wait (429, Retry-After), each key its own. */
    @Test
    void eachKeyHasItsOwnTokenBucket() throws Exception {
        java.nio.file.Path keys = java.nio.file.Files.createTempFile("keys", ".txt");
        java.nio.file.Files.writeString(keys, "first-key-0123456789\nsecond-key-0123456789\n");
        try (TranslationServer limited = TranslationServer.start(config("api_keys=\"" + keys + "\"",
                "rate_limit.sentences_per_second=0.1", "rate_limit.burst=3"))) {
            java.util.function.BiFunction<String, Integer, Http.Reply> post = (key, n) -> Http.send(
                    java.net.http.HttpRequest.newBuilder(limited.uri().resolve("translate"))
                            .header("Content-Type", "application/json").header("Authorization", "Bearer " + key)
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(request(
                                    java.util.Collections.nCopies(n, "Der Hund"), null))));
            assertEquals(200, post.apply("first-key-0123456789", 3).status());
            Http.Reply waiting = post.apply("first-key-0123456789", 2);
            assertError(429, "rate limit", waiting);
            assertTrue(Integer.parseInt(waiting.header("Retry-After")) >= 10, waiting.header("Retry-After"));
            assertEquals(200, post.apply("second-key-0123456789", 2).status(), "another key, another bucket");
            assertError(400, "more than rate_limit.burst", post.apply("second-key-0123456789", 4));
        }
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(org.nmt4j.io.UserError.class,
                () -> config("rate_limit.sentences_per_second=2")).getMessage().contains("burst"));
    }

    static void assertError(int status, String part, Http.Reply reply) {
        assertEquals(status, reply.status(), reply.body());
        assertTrue(reply.header("Content-Type").startsWith("application/json"), reply.header("Content-Type"));
        String error = reply.error();
        assertNotNull(error);
        assertTrue(error.contains(part), "'" + error + "' should say '" + part + "'");
    }

    static long sample(String metrics, String name) {
        Matcher m = Pattern.compile("^" + Pattern.quote(name) + " (\\d+)$", Pattern.MULTILINE).matcher(metrics);
        assertTrue(m.find(), name + " in\n" + metrics);
        return Long.parseLong(m.group(1));
    }
}
