package io.paperstream.serving;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.paperstream.serving.ApiModel.ErrorView;
import io.paperstream.serving.ApiModel.StatusView;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the serving layer, on the JDK's built-in server (a handful of GET routes need
 * no framework): the API, the live stream, the dashboard's static files, {@code /metrics},
 * {@code /health} and {@code /ready}. Errors are JSON with a status code, never a stack trace; a
 * store that cannot be queried yet is a 503 with Retry-After.
 */
final class ServingServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServingServer.class);

    private static final int REQUEST_THREADS = 8;
    /** Live-stream clients at once; each has a thread of its own. */
    static final int MAX_LIVE_CLIENTS = 32;

    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final int RETRY_AFTER_SECONDS = 2;
    private static final String WEB = "web/";
    private static final Pattern STATIC_FILE = Pattern.compile("[a-z0-9-]+\\.(html|css|js|svg)");
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html",
            "text/html; charset=utf-8",
            "css",
            "text/css; charset=utf-8",
            "js",
            "text/javascript; charset=utf-8",
            "svg",
            "image/svg+xml");
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final Set<KafkaStreams.State> DEAD = EnumSet.of(
            KafkaStreams.State.PENDING_ERROR,
            KafkaStreams.State.ERROR,
            KafkaStreams.State.PENDING_SHUTDOWN,
            KafkaStreams.State.NOT_RUNNING);

    private final HttpServer server;
    private final ExecutorService requests;
    private final ObjectMapper json;
    private final ServingMetrics metrics;
    private final LiveEvents live;
    private final Semaphore liveSlots = new Semaphore(MAX_LIVE_CLIENTS);
    private final AtomicInteger liveThreads = new AtomicInteger();
    private volatile PaperstreamApi api;
    private volatile Supplier<KafkaStreams.State> state = () -> null;

    private ServingServer(HttpServer server, ObjectMapper json, ServingMetrics metrics, LiveEvents live) {
        this.server = server;
        this.json = json;
        this.metrics = metrics;
        this.live = live;
        this.requests = Executors.newFixedThreadPool(REQUEST_THREADS, daemonThreads("paperstream-http-"));
        server.setExecutor(requests);
        server.createContext("/", this::handle);
    }

    /**
     * Listens on {@code host:port} (port 0: a free one) and starts serving: the API answers 503
     * until {@link #attach} hands it the running application.
     *
     * @throws HttpBindException when it cannot listen there
     */
    static ServingServer start(String host, int port, ObjectMapper json, ServingMetrics metrics, LiveEvents live) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw new HttpBindException(
                    "cannot serve HTTP on " + host + ":" + port + ": " + e.getMessage()
                            + " (choose another paperstream.http.port, or 0 for any free one)",
                    e);
        }
        ServingServer serving = new ServingServer(server, json, metrics, live);
        server.start();
        return serving;
    }

    /** Answers from now on with {@code api}; {@code state} is the application's state, for health and readiness. */
    void attach(PaperstreamApi api, Supplier<KafkaStreams.State> state) {
        this.state = state;
        this.api = api;
    }

    InetSocketAddress address() {
        return server.getAddress();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!"GET".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "GET");
            send(
                    exchange,
                    error(405, "method_not_allowed", exchange.getRequestMethod() + " is not supported; use GET"));
            return;
        }
        ApiResponse response;
        try {
            if (path.equals("/api/stream")) {
                stream(exchange);
                return;
            }
            response = route(exchange, path);
        } catch (ApiException e) {
            response = error(e.status(), e.error(), e.getMessage());
        } catch (StoreUnavailableException | InvalidStateStoreException e) {
            response = unavailable(e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("{} failed", path, e);
            response = error(
                    500,
                    "internal",
                    "the server failed to answer: " + e.getClass().getSimpleName());
        }
        send(exchange, response);
    }

    private ApiResponse route(HttpExchange exchange, String path) {
        switch (path) {
            case "/health":
                return health();
            case "/ready":
                return ready();
            case "/api/openapi.json":
                // static: the document answers while the application starts too
                return resource("openapi.json", ApiResponse.JSON);
            case "/metrics":
                return new ApiResponse(
                        200, PROMETHEUS_TEXT, metrics.scrape().getBytes(StandardCharsets.UTF_8), Map.of());
            default:
                break;
        }
        if (path.startsWith("/api/")) {
            return api(ApiRequest.of(
                    exchange.getRequestURI(), exchange.getRequestHeaders().containsKey(PeerClient.FORWARDED_HEADER)));
        }
        return staticFile(path);
    }

    private ApiResponse api(ApiRequest request) {
        PaperstreamApi current = api;
        if (current == null) {
            throw new StoreUnavailableException("the application is starting");
        }
        String[] parts = request.path().substring("/api/".length()).split("/", -1);
        String resource = parts[0];
        if (parts.length == 1 && resource.equals("topics")) {
            return current.topics(request);
        }
        if (parts.length == 3 && resource.equals("topics") && !parts[1].isEmpty() && parts[2].equals("windows")) {
            return current.topicWindows(parts[1], request);
        }
        if (parts.length == 3 && resource.equals("keywords") && !parts[1].isBlank() && parts[2].equals("windows")) {
            return current.keywordWindows(parts[1], request);
        }
        if (parts.length == 2 && resource.equals("trends") && parts[1].equals("history")) {
            return current.trendHistory(request);
        }
        if (parts.length == 1 && resource.equals("timeline")) {
            return current.timeline(request);
        }
        if (parts.length == 1 && resource.equals("trends")) {
            return current.trends(request);
        }
        if (parts.length == 1 && resource.equals("papers")) {
            return current.papers(request);
        }
        if (parts.length == 2 && resource.equals("papers") && parts[1].equals("trending")) {
            return current.trendingPapers(request);
        }
        if (parts.length >= 2 && resource.equals("papers") && !parts[1].isEmpty()) {
            // old-style arXiv ids (hep-th/9901001) have a slash of their own
            return current.paper(request.path().substring("/api/papers/".length()), request);
        }
        if (parts.length == 2 && resource.equals("digest") && !parts[1].isEmpty()) {
            return current.digest(parts[1], request);
        }
        throw ApiException.notFound("no endpoint " + request.path() + "; see the API section of the README");
    }

    private ApiResponse health() {
        KafkaStreams.State now = state.get();
        if (now != null && DEAD.contains(now)) {
            return status(503, new StatusView("down", now.name(), "the streams application is " + now));
        }
        return status(200, new StatusView("up", now == null ? "STARTING" : now.name(), null));
    }

    private ApiResponse ready() {
        PaperstreamApi current = api;
        KafkaStreams.State now = state.get();
        String stateName = now == null ? "STARTING" : now.name();
        if (current == null) {
            return notReady(stateName, "the application is starting");
        }
        try {
            current.checkQueryable();
            return status(200, new StatusView("ready", stateName, null));
        } catch (StoreUnavailableException | InvalidStateStoreException e) {
            return notReady(stateName, e.getMessage());
        }
    }

    private ApiResponse notReady(String state, String reason) {
        ApiResponse response = status(503, new StatusView("not_ready", state, reason));
        return new ApiResponse(503, response.contentType(), response.body(), retryAfter());
    }

    private ApiResponse staticFile(String path) {
        String name = path.equals("/") ? "index.html" : path.substring(1);
        if (STATIC_FILE.matcher(name).matches()) {
            ApiResponse file = resource(WEB + name, CONTENT_TYPES.get(name.substring(name.lastIndexOf('.') + 1)));
            if (file != null) {
                return file;
            }
        }
        return error(404, "not_found", "no page " + path);
    }

    /** A resource beside this class as a 200 answer; null when there is none of that name. */
    private static ApiResponse resource(String name, String contentType) {
        try (InputStream in = ServingServer.class.getResourceAsStream(name)) {
            return in == null ? null : new ApiResponse(200, contentType, in.readAllBytes(), Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    /** A Server-Sent Events stream of {@link LiveEvent}s, written by a thread of its own until the client goes away. */
    private void stream(HttpExchange exchange) throws IOException {
        if (!liveSlots.tryAcquire()) {
            send(exchange, unavailable("too many live-stream clients (at most " + MAX_LIVE_CLIENTS + ")"));
            return;
        }
        ApiRequest request = ApiRequest.of(
                exchange.getRequestURI(), exchange.getRequestHeaders().containsKey(PeerClient.FORWARDED_HEADER));
        LiveEvents.Subscription subscription = live.subscribe(request.localOnly());
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "text/event-stream; charset=utf-8");
        headers.set("Cache-Control", "no-store");
        headers.set("X-Accel-Buffering", "no");
        exchange.sendResponseHeaders(200, 0);
        Thread writer =
                new Thread(() -> pump(exchange, subscription), "paperstream-live-" + liveThreads.incrementAndGet());
        writer.setDaemon(true);
        writer.start();
    }

    private void pump(HttpExchange exchange, LiveEvents.Subscription subscription) {
        subscription.writeFromCurrentThread();
        OutputStream out = exchange.getResponseBody();
        try {
            out.write("retry: 2000\n: connected\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (!subscription.isClosed()) {
                String frame = subscription.next(KEEP_ALIVE);
                out.write((frame != null ? frame : ": keep-alive\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // the client went away, was too slow, or the server stops: the stream ends either way
            LOG.debug("live stream ended: {}", e.toString());
        } finally {
            subscription.close();
            Thread.interrupted();
            exchange.close();
            liveSlots.release();
        }
    }

    private void send(HttpExchange exchange, ApiResponse response) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", response.contentType());
        headers.set("Cache-Control", "no-store");
        headers.set("X-Content-Type-Options", "nosniff");
        response.headers().forEach(headers::set);
        byte[] body = response.body();
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private ApiResponse unavailable(String message) {
        ApiResponse response = error(503, "unavailable", message);
        return new ApiResponse(503, response.contentType(), response.body(), retryAfter());
    }

    private static Map<String, String> retryAfter() {
        return Map.of("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
    }

    private ApiResponse error(int status, String error, String message) {
        return status(status, new ErrorView(error, message));
    }

    private ApiResponse status(int status, Object body) {
        try {
            return ApiResponse.json(status, json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops listening, ends every live stream and the request threads. */
    @Override
    public void close() {
        live.closeAll();
        server.stop(0);
        requests.shutdownNow();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
