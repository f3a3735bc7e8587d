package org.nmt4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.nmt4j.TinyModel;

/** {@code nmt4j serve} as a process: it comes up, and SIGTERM lets the request in flight finish before it exits. */
class ServeCommandTest {

    @Test
    void sigtermFinishesTheRequestInFlightThenExits() throws Exception {
        Path model = TinyModel.folder();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.nmt4j.cli.Main", "serve", "--model",
                model.toString(), "--port", "0", "--threads", "1", "--max-batch-size", "64");
        builder.environment().put("OMP_NUM_THREADS", "1");
        builder.redirectErrorStream(true);
        Process server = builder.start();
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<URI> address = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(server.getInputStream(),
                    StandardCharsets.UTF_8))) {
                Pattern ready = Pattern.compile("ready in .* on (http://\\S+)");
                for (String line; (line = in.readLine()) != null; ) {
                    output.add(line);
                    Matcher m = ready.matcher(line);
                    if (m.find()) {
                        address.complete(URI.create(m.group(1)));
                    }
                }
            } catch (java.io.IOException e) {
                output.add("(reading the server's output failed: " + e + ")");
                address.completeExceptionally(e);
            }
            address.completeExceptionally(new AssertionError("the server stopped: " + output));
        });
        reader.start();
        try {
            URI uri = address.get(60, TimeUnit.SECONDS);
            // a request long enough to be in flight when the signal comes
            String sentence = "\"Ich glaube, dass der Hund den Ball sucht, den die Frau gestern gekauft hat.\"";
            String body = "{\"src\": [" + String.join(",", Collections.nCopies(500, sentence)) + "]}";
            HttpClient client = HttpClient.newHttpClient();
            CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(HttpRequest.newBuilder(
                    uri.resolve("translate")).timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            Thread.sleep(300);
            assertTrue(!inFlight.isDone(), "the request is still being translated");
            long signalled = System.nanoTime();
            server.toHandle().destroy(); // SIGTERM (Process.destroy would close our end of its output too)
            HttpResponse<String> reply = inFlight.get(60, TimeUnit.SECONDS);
            assertEquals(200, reply.statusCode(), reply.body());
            System.out.printf("answered %.1f s after SIGTERM%n", (System.nanoTime() - signalled) / 1e9);
            assertEquals(500, com.fasterxml.jackson.databind.json.JsonMapper.builder().build().readTree(reply.body())
                    .get("tgt").size());
            assertTrue(server.waitFor(60, TimeUnit.SECONDS), "the server exited");
            assertEquals(143, server.exitValue(), "128 + SIGTERM");
            reader.join(10_000);
            assertTrue(output.stream().anyMatch(l -> l.contains("stopping (finishing the requests in flight)")),
                    String.join("\n", output));
            assertTrue(output.stream().anyMatch(l -> l.equals("nmt4j serve: stopped")), String.join("\n", output));
        } finally {
            server.destroyForcibly();
        }
    }
}
