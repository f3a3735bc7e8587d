package org.nmt4j.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.nmt4j.config.ServeConfig;

/**
 * The translation server: Jetty's core server with one handler for the routes, behind a graceful handler so that a
 * stop (SIGTERM) refuses new requests and lets those in flight finish. It listens first and loads the models after,
 * so {@code /health} answers while {@code /ready} says 503 until every model is loaded. Every error is a status code
 * with {@code {"error": "..."}}; a bug in a request is a 500 and the next request is served.
 *
 * <p>Routes: {@code GET /} (the page), {@code POST /translate}, {@code POST /translator/translate} (OpenNMT-py's
 * shape), {@code POST /alignment/{csv,json,pharaoh}} (downloads), {@code GET /health}, {@code /ready},
 * {@code /models}, {@code /metrics} (Prometheus).
 */
public final class TranslationServer implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    private static final Map<String, String> ROUTES = Map.ofEntries(
            Map.entry("/", "GET"), Map.entry("/index.html", "GET"), Map.entry("/translate", "POST"),
            Map.entry("/translator/translate", "POST"), Map.entry("/translator/health", "GET"),
            Map.entry("/alignment/csv", "POST"), Map.entry("/alignment/json", "POST"),
            Map.entry("/alignment/pharaoh", "POST"), Map.entry("/health", "GET"), Map.entry("/ready", "GET"),
            Map.entry("/models", "GET"), Map.entry("/metrics", "GET"));

    static final long DRAIN_LIMIT = 64L << 20;
    /** A request attribute: the handler has started reading the body. */
    private static final String BODY_READ = "org.nmt4j.serve.bodyRead";

    /** The routes that need no API key: the page (it asks for the key) and the probes. */
    private static final java.util.Set<String> OPEN = java.util.Set.of("/", "/index.html", "/health", "/ready");

    private final ServeConfig config;
    private final ApiKeys apiKeys; // null: no keys needed
    private final TokenBuckets buckets; // null: no rate limit
    private final Metrics metrics = new Metrics();
    private final Server jetty;
    private final ServerConnector connector;
    private final long started = System.nanoTime();
    private volatile ModelPool pool;
    private volatile boolean stopping;
    private double readySeconds;

    private TranslationServer(ServeConfig config) {
        this.config = config;
        this.apiKeys = config.apiKeys() == null ? null : ApiKeys.read(config.apiKeys());
        this.buckets = config.rateLimit() == null ? null
                : new TokenBuckets(config.rateLimit().sentencesPerSecond(), config.rateLimit().burst());
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("nmt4j-http");
        threads.setDaemon(true);
        jetty = new Server(threads);
        connector = new ServerConnector(jetty, 1, 1);
        connector.setHost(config.host());
        connector.setPort(config.port());
        jetty.addConnector(connector);
        jetty.setHandler(new GracefulHandler(new Routes()));
        jetty.setErrorHandler(new JsonErrors());
        jetty.setStopTimeout(config.drainTimeoutMs());
    }

    /** Listens, then loads the models and warms them up ({@code warm_up_ms}); returns when the server is ready. */
    public static TranslationServer start(ServeConfig config) {
        return start(config, (translator, pieces, n) -> translator.translatePieces(pieces, n));
    }

    static TranslationServer start(ServeConfig config, ModelRunner.BatchSearch search) {
        TranslationServer server = new TranslationServer(config);
        try {
            server.jetty.start();
        } catch (Exception e) {
            throw new org.nmt4j.io.UserError("cannot listen on " + config.host() + ":" + config.port() + " ("
                    + e.getMessage() + ")");
        }
        try {
            server.pool = warm(new ModelPool(config, server.metrics, search), config.warmUpMs());
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        server.readySeconds = (System.nanoTime() - server.started) / 1e9;
        return server;
    }

    // the pool after its warm-up; the warm-up's garbage (and its native arrays) go before the server is called idle
    private static ModelPool warm(ModelPool pool, int millis) {
        if (millis > 0) {
            try {
                WarmUp.run(java.util.List.copyOf(pool.runners().values()), millis);
            } catch (RuntimeException e) {
                pool.close();
                throw e;
            }
            System.gc();
        }
        return pool;
    }

    /** The port it listens on (the one chosen when the config said 0). */
    public int port() {
        return connector.getLocalPort();
    }

    public URI uri() {
        String host = config.host().equals("0.0.0.0") ? "127.0.0.1" : config.host();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/");
    }

    /** Seconds from {@link #start} until the models were loaded and warmed up. */
    public double readySeconds() {
        return readySeconds;
    }

    /** Blocks until the server has stopped. */
    public void join() throws InterruptedException {
        jetty.join();
    }

    /**
     * Stops: new requests are refused, those in flight get up to {@code drain_timeout_ms} to finish, then the
     * batching workers stop.
     */
    @Override
    public synchronized void close() {
        stopping = true;
        try {
            jetty.stop();
        } catch (Exception e) {
            System.err.println("nmt4j serve: stopping: " + e);
        }
        if (pool != null) {
            pool.close();
        }
    }

    private final class Routes extends Handler.Abstract {

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            long start = System.nanoTime();
            String path = Request.getPathInContext(request);
            String route = ROUTES.containsKey(path) ? path : "other";
            int status;
            try {
                status = route(path, request, response, callback);
            } catch (ApiError e) {
                drainUnread(request, response);
                status = error(response, callback, e.status(), e.getMessage(), e.retryAfterSeconds());
            } catch (Throwable e) { // a bug: answered, logged, and the server goes on
                System.err.println("nmt4j serve: " + request.getMethod() + " " + path + ": " + e);
                e.printStackTrace();
                status = error(response, callback, 500, "internal error: " + e.getMessage(), null);
                if (e instanceof VirtualMachineError vm && !(e instanceof OutOfMemoryError)) {
                    throw vm;
                }
            }
            String labels = "route=\"" + route + "\"";
            metrics.increment("nmt4j_requests_total", "HTTP requests by route and status.",
                    labels + ",status=\"" + status + "\"");
            metrics.observe("nmt4j_request_duration_seconds", "Time to answer a request.",
                    Metrics.LATENCY_BUCKETS, labels, (System.nanoTime() - start) / 1e9);
            return true;
        }

        // a request of n sentences from this key: admitted, or 429 with the seconds until its bucket has them
        private void admit(String key, int n) {
            if (buckets != null && n > 0) {
                long wait = buckets.take(key, n);
                if (wait > 0) {
                    ServeConfig.RateLimit limit = config.rateLimit();
                    throw new ApiError(429, "rate limit: " + limit.sentencesPerSecond() + " sentences a second, "
                            + limit.burst() + " at once; retry in " + wait + " s", (int) wait);
                }
            }
        }

        // whether a Content-Type header names JSON (parameters such as charset allowed)
        private static boolean isJson(String contentType) {
            if (contentType == null) {
                return false;
            }
            int semicolon = contentType.indexOf(';');
            String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
            return type.equalsIgnoreCase("application/json");
        }

        private int route(String path, Request request, Response response, Callback callback) throws IOException {
            String method = ROUTES.get(path);
            if (method == null) {
                throw new ApiError(404, "no route " + path + " (see GET / for the page, POST /translate)");
            }
            String key = "-"; // the API key's short name ("-": no keys)
            if (apiKeys != null && !request.getMethod().equals("OPTIONS") && !OPEN.contains(path)) {
                key = apiKeys.check(request.getHeaders().get(HttpHeader.AUTHORIZATION));
                if (key == null) {
                    response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"nmt4j\"");
                    throw new ApiError(401, "missing or unknown API key: send Authorization: Bearer KEY");
                }
                metrics.increment("nmt4j_requests_by_key_total", "Requests by API key (the first 8 hex digits of its "
                        + "SHA-256).", "key=\"" + key + "\"");
            }
            String origin = request.getHeaders().get(HttpHeader.ORIGIN);
            boolean allowed = origin != null && config.corsOrigins().contains(origin);
            if (allowed) { // an origin the config lists: its pages may read the answers
                response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
                response.getHeaders().put(HttpHeader.VARY, "Origin");
            }
            if (request.getMethod().equals("OPTIONS")) { // a preflight: permissions only for a listed origin
                response.getHeaders().put(HttpHeader.ALLOW, method + ", OPTIONS");
                if (allowed) {
                    response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, method);
                    response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS,
                            "Content-Type, Authorization");
                    response.getHeaders().put(HttpHeader.ACCESS_CONTROL_MAX_AGE, "600");
                }
                response.setStatus(204);
                callback.succeeded();
                return 204;
            }
            if (!method.equals(request.getMethod()) && !(method.equals("GET") && request.getMethod().equals("HEAD"))) {
                response.getHeaders().put(HttpHeader.ALLOW, method);
                throw new ApiError(405, path + " takes " + method + ", not " + request.getMethod());
            }
            String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
            if (method.equals("POST") && !isJson(contentType)) {
                // a browser sends a cross-site text/plain or form POST without asking first; JSON needs a preflight
                response.getHeaders().put("Accept-Post", "application/json");
                throw new ApiError(415, path + " takes a JSON body: send Content-Type: application/json, not "
                        + (contentType == null ? "none" : contentType));
            }
            Admission admission = Admission.of(config.requestTimeoutMs());
            switch (path) {
                case "/", "/index.html" -> {
                    return send(response, callback, 200, "text/html; charset=utf-8", Page.html());
                }
                case "/health" -> {
                    boolean alive = pool == null || pool.workersAlive();
                    ObjectNode o = JSON.createObjectNode().put("status", alive ? "ok" : "workers stopped");
                    return json(response, callback, alive ? 200 : 503, o);
                }
                case "/translator/health" -> {
                    return json(response, callback, 200, JSON.createObjectNode().put("status", "ok"));
                }
                case "/ready" -> {
                    boolean ready = pool != null && !stopping;
                    ObjectNode o = JSON.createObjectNode().put("ready", ready);
                    if (ready) {
                        o.put("seconds_to_ready", readySeconds);
                    }
                    return json(response, callback, ready ? 200 : 503, o);
                }
                case "/metrics" -> {
                    return send(response, callback, 200, "text/plain; version=0.0.4; charset=utf-8",
                            metrics.text().getBytes(StandardCharsets.UTF_8));
                }
                case "/models" -> {
                    return json(response, callback, 200, ModelsApi.models(ready()));
                }
                case "/translate" -> {
                    JsonNode body = body(request, response);
                    admit(key, body == null ? 0 : body.path("src").size());
                    return json(response, callback, 200, TranslateApi.handle(ready(), body, admission));
                }
                case "/translator/translate" -> {
                    JsonNode body = body(request, response);
                    admit(key, body != null && body.isArray() ? body.size() : 0);
                    return json(response, callback, 200, OpenNmtApi.handle(ready(), body, admission));
                }
                default -> { // /alignment/FORMAT
                    String format = path.substring("/alignment/".length());
                    return send(response, callback, 200, AlignmentJson.contentType(format),
                            AlignmentJson.export(format, body(request, response)).getBytes(StandardCharsets.UTF_8));
                }
            }
        }
    }

    private ModelPool ready() {
        ModelPool p = pool;
        if (p == null) {
            throw new ApiError(503, "the models are still loading");
        }
        return p;
    }

    /**
     * The request's body as JSON, read up to {@code max_request_bytes} (more: 413). The rest of a body that is too
     * large is read and dropped, up to {@link #DRAIN_LIMIT} bytes, so that a client still sending it reads the 413
     * instead of a reset connection; past that the connection is closed.
     */
    private JsonNode body(Request request, Response response) throws IOException {
        request.setAttribute(BODY_READ, Boolean.TRUE);
        long length = request.getLength();
        int max = config.maxRequestBytes();
        try (InputStream in = Content.Source.asInputStream(request)) {
            if (length > max) {
                drain(in, response, length > DRAIN_LIMIT);
                throw new ApiError(413, "the request body has " + length + " bytes, more than max_request_bytes "
                        + max);
            }
            byte[] bytes = in.readNBytes(max + 1);
            if (bytes.length > max) {
                drain(in, response, false);
                throw new ApiError(413, "the request body is over max_request_bytes " + max);
            }
            return parse(bytes);
        }
    }

    /**
     * A request refused before its body was read (401, 404, 405, 415, 429, 503): the body is read and dropped, up to
     * {@link #DRAIN_LIMIT} bytes, before the answer, so that the connection stays usable. Answered with the body
     * still arriving, the server would close a keep-alive connection the client already counts on for its next
     * request, which then fails without an answer.
     */
    private static void drainUnread(Request request, Response response) {
        if (request.getAttribute(BODY_READ) != null || request.getLength() == 0) {
            return;
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            drain(in, response, request.getLength() > DRAIN_LIMIT);
        } catch (IOException e) { // the client went away: nothing to keep open
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
    }

    // reads and drops the rest of a body, up to DRAIN_LIMIT bytes (none when close); past that, or when close, the
    // connection is closed after the answer
    private static void drain(InputStream in, Response response, boolean close) throws IOException {
        long left = close ? 0 : DRAIN_LIMIT;
        byte[] buffer = new byte[64 << 10];
        for (int read; left > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0; ) {
            left -= read;
        }
        if (left <= 0) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
    }

    private static JsonNode parse(byte[] bytes) {
        if (bytes.length == 0) {
            throw ApiError.badRequest("the request has no body (expected JSON)");
        }
        try {
            return JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw ApiError.badRequest("malformed JSON" + where + ": " + e.getOriginalMessage().lines().findFirst()
                    .orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail to read
        }
    }

    private static int json(Response response, Callback callback, int status, JsonNode body) {
        try {
            return send(response, callback, status, "application/json", JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int error(Response response, Callback callback, int status, String message, Integer retryAfter) {
        if (retryAfter != null) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, retryAfter.toString());
        }
        return json(response, callback, status, JSON.createObjectNode().put("error", message));
    }

    private static int send(Response response, Callback callback, int status, String type, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return status;
    }

    /** Errors Jetty itself answers (a malformed request line, a stopping server) in the same JSON shape. */
    private static final class JsonErrors extends ErrorHandler {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            Object message = request.getAttribute(ERROR_MESSAGE);
            int status = response.getStatus();
            error(response, callback, status, message == null ? "HTTP " + status : message.toString(), null);
            return true;
        }
    }
}
