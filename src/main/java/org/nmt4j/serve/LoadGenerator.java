package org.nmt4j.serve;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * Load for {@code nmt4j bench serve}: concurrent clients that each send one sentence a request and wait for the
 * answer, for a bounded time and count; and a mix of bad requests, each of which must get its status code. It sends
 * to loopback addresses only, and stops by itself.
 */
public final class LoadGenerator {

    /**
     * What the clients saw.
     *
     * @param requests  requests answered (any status)
     * @param errors    requests that did not get a 200 with one translation
     * @param seconds   how long the clients ran
     * @param latencies each good request's latency in ms, sorted
     */
    public record Result(int requests, int errors, double seconds, double[] latencies) {
        public double perSecond() {
            return (requests - errors) / seconds;
        }

        /** Both runs' clients as one result: requests, errors and seconds added, the latencies merged. */
        public Result and(Result other) {
            double[] merged = java.util.stream.DoubleStream.concat(Arrays.stream(latencies),
                    Arrays.stream(other.latencies)).sorted().toArray();
            return new Result(requests + other.requests, errors + other.errors, seconds + other.seconds, merged);
        }

        /** The q-quantile latency in ms (nearest rank). */
        public double latency(double q) {
            if (latencies.length == 0) {
                return Double.NaN;
            }
            return latencies[Math.min(latencies.length - 1, (int) Math.ceil(q * latencies.length) - 1)];
        }
    }

    /** One kind of bad request: how many were sent, and how many got another status than the expected one. */
    public record BadKind(String kind, int expectedStatus, int sent, int wrong, String lastWrong) {
    }

    private final URI base;
    private final HttpClient client;
    private final String apiKey; // sent as Authorization: Bearer KEY; null: none

    public LoadGenerator(URI base) {
        this(base, null);
    }

    /**
     * The first key of an API key file, read as the server reads it ({@code nmt4j serve --api-keys}): the same
     * one-line errors for a malformed file.
     */
    public static String firstKey(Path file) {
        List<String> keys = new ArrayList<>();
        ApiKeys.forEachKey(file, keys::add);
        return keys.get(0);
    }

    /** A load generator whose requests carry this API key (null: none). */
    public LoadGenerator(URI base, String apiKey) {
        try {
            if (!InetAddress.getByName(base.getHost()).isLoopbackAddress()) {
                throw new IllegalArgumentException(base + ": the load test sends to loopback addresses only");
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(base + ": unknown host", e);
        }
        this.base = base;
        this.apiKey = apiKey;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * {@code clients} clients sending the sentences in turn (one a request, with this beam; 0: the model's own)
     * until {@code seconds} have passed or {@code maxRequests} were sent.
     */
    public Result run(List<String> sentences, int clients, int beam, double seconds, int maxRequests) {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        List<double[]> perClient = new ArrayList<>();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread thread = new Thread(() -> {
                double[] mine = new double[1024];
                int count = 0;
                Connection connection = null;
                while (System.nanoTime() < deadline) {
                    int i = next.getAndIncrement();
                    if (i >= maxRequests) {
                        break;
                    }
                    String body = request(List.of(sentences.get(i % sentences.size())), beam);
                    long t0 = System.nanoTime();
                    String answer = null;
                    try {
                        connection = connected(connection);
                        answer = connection.post("/translate", body).ok();
                    } catch (IOException e) {
                        connection = close(connection);
                    }
                    double ms = (System.nanoTime() - t0) / 1e6;
                    if (answer == null || !answer.startsWith("{\"model\"")) {
                        errors.incrementAndGet();
                        continue;
                    }
                    if (count == mine.length) {
                        mine = Arrays.copyOf(mine, count * 2);
                    }
                    mine[count++] = ms;
                }
                close(connection);
                synchronized (perClient) {
                    perClient.add(Arrays.copyOf(mine, count));
                }
            }, "nmt4j-load-" + c);
            threads.add(thread);
            thread.start();
        }
        join(threads);
        double elapsed = (System.nanoTime() - start) / 1e9;
        double[] all = perClient.stream().flatMapToDouble(Arrays::stream).sorted().toArray();
        return new Result(Math.min(next.get(), maxRequests), errors.get(), elapsed, all);
    }

    // this connection, or a new one when there is none or the server closed it after its last answer
    private Connection connected(Connection connection) throws IOException {
        if (connection != null && !connection.open) {
            connection = close(connection);
        }
        return connection == null ? new Connection(base, apiKey) : connection;
    }

    private static Connection close(Connection connection) {
        if (connection != null) {
            connection.close();
        }
        return null;
    }

    /**
     * One kept-alive HTTP/1.1 connection, blocking, as load generators such as wrk use: a request is one write, an
     * answer is read by its Content-Length; no threads of its own, so the load costs the machine little besides the
     * server's work.
     */
    private static final class Connection {
        private final java.net.Socket socket;
        private final java.io.BufferedInputStream in;
        private final java.io.OutputStream out;
        private final String host;
        private final String authorization; // the header line, or ""
        private boolean open = true; // false once the server said it closes the connection after its answer

        Connection(URI base, String apiKey) throws IOException {
            socket = new java.net.Socket(base.getHost(), base.getPort());
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(60_000);
            in = new java.io.BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
            host = base.getHost() + ":" + base.getPort();
            authorization = apiKey == null ? "" : "Authorization: Bearer " + apiKey + "\r\n";
        }

        /** The answer's status and body. */
        record Reply(int status, String body) {
            /** The body of a 200; null for any other status. */
            String ok() {
                return status == 200 ? body : null;
            }
        }

        Reply post(String path, String body) throws IOException {
            byte[] content = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
                    + authorization + "Content-Length: " + content.length + "\r\n\r\n";
            byte[] h = head.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            byte[] request = Arrays.copyOf(h, h.length + content.length);
            System.arraycopy(content, 0, request, h.length, content.length);
            out.write(request);
            out.flush();
            String status = line();
            int length = -1;
            for (String header; !(header = line()).isEmpty(); ) {
                if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                    length = Integer.parseInt(header.substring(15).trim());
                } else if (header.regionMatches(true, 0, "Connection:", 0, 11)
                        && header.substring(11).trim().equalsIgnoreCase("close")) {
                    open = false;
                }
            }
            if (length < 0) {
                throw new IOException("no Content-Length");
            }
            byte[] answer = in.readNBytes(length);
            String[] parts = status.split(" ", 3);
            if (parts.length < 2 || !parts[1].matches("\\d{3}")) {
                throw new IOException("not an HTTP status line: " + status);
            }
            return new Reply(Integer.parseInt(parts[1]), new String(answer, java.nio.charset.StandardCharsets.UTF_8));
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c; (c = in.read()) != '\n'; ) {
                if (c < 0) {
                    throw new IOException("connection closed");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing
            }
        }
    }

    /**
     * An overload: {@code clients} clients sending {@code requests} requests of {@code perRequest} sentences each
     * (taken in turn, at this beam; 0: the model's own), as fast as they are answered. Returns how many got each
     * status (-1: no answer, the connection failed), in status order.
     */
    public Map<Integer, Integer> overload(List<String> sentences, int perRequest, int beam, int clients,
                                          int requests) {
        List<String> src = new ArrayList<>();
        for (int i = 0; i < perRequest; i++) {
            src.add(sentences.get(i % sentences.size()));
        }
        String body = request(src, beam);
        AtomicInteger next = new AtomicInteger();
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread thread = new Thread(() -> {
                Connection connection = null;
                while (next.getAndIncrement() < requests) {
                    int status;
                    try {
                        connection = connected(connection);
                        status = connection.post("/translate", body).status();
                    } catch (IOException e) {
                        connection = close(connection);
                        status = -1;
                    }
                    synchronized (statuses) {
                        statuses.merge(status, 1, Integer::sum);
                    }
                }
                close(connection);
            }, "nmt4j-overload-" + c);
            threads.add(thread);
            thread.start();
        }
        join(threads);
        return statuses;
    }

    /**
     * {@code count} bad requests, the kinds in turn, on {@code clients} threads: malformed JSON, a missing field,
     * an unknown field, an unknown option, a bad option value, an unknown model, a sentence over
     * {@code maxSourceTokens}, more sentences than {@code maxSentences}, a body over {@code maxBytes}, an unknown
     * route, a wrong method.
     */
    public List<BadKind> bad(int count, int clients, int maxSourceTokens, int maxSentences, int maxBytes) {
        Map<String, Object[]> kinds = new LinkedHashMap<>(); // kind → {status, path, body (null: GET)}
        kinds.put("malformed JSON", new Object[] {400, "translate", "{\"src\": [\"Ein Hund"});
        kinds.put("missing src", new Object[] {400, "translate", "{\"options\": {\"beam_size\": 1}}"});
        kinds.put("unknown field", new Object[] {400, "translate", "{\"source\": [\"Ein Hund.\"]}"});
        kinds.put("unknown option", new Object[] {400, "translate", "{\"src\": [\"Ein Hund.\"], \"options\": "
                + "{\"beam\": 5}}"});
        kinds.put("bad option value", new Object[] {400, "translate", "{\"src\": [{\"text\": \"Ein Hund.\", "
                + "\"options\": {\"beam_size\": -3}}]}"});
        kinds.put("unknown model", new Object[] {400, "translate", "{\"src\": [\"Ein Hund.\"], \"options\": "
                + "{\"model\": \"no-such-model\"}}"});
        kinds.put("sentence too long", new Object[] {400, "translate", "{\"src\": [" + quote(String.join(" ",
                java.util.Collections.nCopies(maxSourceTokens + 1, "Hund"))) + "]}"});
        kinds.put("too many sentences", new Object[] {400, "translate", "{\"src\": ["
                + String.join(",", java.util.Collections.nCopies(maxSentences + 1, "\"\"")) + "]}"});
        kinds.put("body too large", new Object[] {413, "translate", "{\"src\": [" + quote("x".repeat(maxBytes))
                + "]}"});
        kinds.put("unknown route", new Object[] {404, "translat", null});
        kinds.put("wrong method", new Object[] {405, "translate", null});
        List<String> names = List.copyOf(kinds.keySet());
        Map<String, int[]> tally = new TreeMap<>(); // sent, wrong
        Map<String, String> lastWrong = new TreeMap<>();
        names.forEach(n -> tally.put(n, new int[2]));
        AtomicInteger next = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread thread = new Thread(() -> {
                for (int i; (i = next.getAndIncrement()) < count; ) {
                    String kind = names.get(i % names.size());
                    Object[] k = kinds.get(kind);
                    HttpResponse<String> r = k[2] == null ? get((String) k[1]) : send((String) k[1], (String) k[2]);
                    boolean right = r != null && r.statusCode() == (int) k[0] && r.body().startsWith("{\"error\"");
                    synchronized (tally) {
                        tally.get(kind)[0]++;
                        if (!right) {
                            tally.get(kind)[1]++;
                            lastWrong.put(kind, r == null ? "no answer" : r.statusCode() + " " + r.body());
                        }
                    }
                }
            }, "nmt4j-bad-" + c);
            threads.add(thread);
            thread.start();
        }
        join(threads);
        return names.stream().map(n -> new BadKind(n, (int) kinds.get(n)[0], tally.get(n)[0], tally.get(n)[1],
                lastWrong.get(n))).toList();
    }

    /** A histogram's {sum, count} in the server's /metrics now, over all its labels ({0, 0} when absent). */
    public double[] totals(String histogram) {
        HttpResponse<String> r = get("metrics");
        double sum = 0;
        double count = 0;
        for (String line : r == null ? new String[0] : r.body().split("\n")) {
            if (line.startsWith(histogram + "_sum")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            } else if (line.startsWith(histogram + "_count")) {
                count += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return new double[] {sum, count};
    }

    private HttpResponse<String> send(String path, String body) {
        return exchange(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> get(String path) {
        return exchange(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    private HttpResponse<String> exchange(HttpRequest.Builder request) {
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        try {
            return client.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static void join(List<Thread> threads) {
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    // a /translate request of these sentences at this beam (0: no options, the model's own)
    private static String request(List<String> sentences, int beam) {
        List<String> src = new ArrayList<>();
        for (String sentence : sentences) {
            src.add(quote(sentence));
        }
        return "{\"src\": [" + String.join(", ", src) + "]"
                + (beam > 0 ? ", \"options\": {\"beam_size\": " + beam + "}}" : "}");
    }

    private static String quote(String s) {
        try {
            return TranslationServer.JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
