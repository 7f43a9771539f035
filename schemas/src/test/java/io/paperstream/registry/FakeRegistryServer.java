package io.paperstream.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A registry stand-in on 127.0.0.1 (JDK HttpServer) that answers canned responses per method and
 * path, and records every request, to test what the HTTP client sends and how it reads answers.
 */
public final class FakeRegistryServer implements AutoCloseable {

    /** A request as the server received it; header names lower-cased. */
    public record Request(String method, String pathAndQuery, Map<String, List<String>> headers, String body) {

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    private record Answer(int status, String body, Duration delay) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, Queue<Answer>> firstAnswers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private FakeRegistryServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeRegistryServer start() {
        try {
            return new FakeRegistryServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A loopback port nothing listens on (bound, then released): connecting to it is refused. */
    public static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL, e.g. http://127.0.0.1:40123. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers {@code method pathAndQuery} with a status and body. */
    public FakeRegistryServer answer(String method, String pathAndQuery, int status, String body) {
        answers.put(method + " " + pathAndQuery, new Answer(status, body, Duration.ZERO));
        return this;
    }

    /** Answers the next {@code times} requests of {@code method pathAndQuery} so, before its other answer. */
    public FakeRegistryServer answerFirst(String method, String pathAndQuery, int times, int status, String body) {
        Queue<Answer> first =
                firstAnswers.computeIfAbsent(method + " " + pathAndQuery, key -> new ConcurrentLinkedQueue<>());
        for (int i = 0; i < times; i++) {
            first.add(new Answer(status, body, Duration.ZERO));
        }
        return this;
    }

    /** Answers after {@code delay} (interrupted when the server closes). */
    public FakeRegistryServer answerAfter(String method, String pathAndQuery, Duration delay, int status, String body) {
        answers.put(method + " " + pathAndQuery, new Answer(status, body, delay));
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String pathAndQuery = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null
                        ? ""
                        : "?" + exchange.getRequestURI().getRawQuery());
        Map<String, List<String>> headers = new ConcurrentHashMap<>();
        exchange.getRequestHeaders()
                .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Request(exchange.getRequestMethod(), pathAndQuery, headers, body));
        String key = exchange.getRequestMethod() + " " + pathAndQuery;
        Queue<Answer> first = firstAnswers.get(key);
        Answer queued = first == null ? null : first.poll();
        Answer answer = queued != null
                ? queued
                : answers.getOrDefault(
                        key, new Answer(404, "{\"error_code\":404,\"message\":\"HTTP 404 Not Found\"}", Duration.ZERO));
        try {
            Thread.sleep(answer.delay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
            return;
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", HttpSchemaRegistryClient.CONTENT_TYPE);
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
