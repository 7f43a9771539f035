package io.paperstream.producer.source;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A real HTTP server on 127.0.0.1 that serves the arXiv feeds we wrote ({@code samples/arxiv}) where arXiv serves
 * them: the API's two result pages by {@code start}, the RSS feed of cs.CL and the Atom feed of cs.LG, and the two
 * OAI-PMH pages (the second by its resumption token). Its first OAI-PMH request is answered 503 with
 * {@code Retry-After: 1}, as arXiv does when busy. It records every request.
 */
public final class ArxivFeedServer implements AutoCloseable {

    /**
     * A request as the server saw it.
     *
     * @param pathAndQuery the path and decoded query
     * @param userAgent its User-Agent header
     * @param nanos when it arrived ({@link System#nanoTime()})
     * @param status the status answered
     */
    public record Request(String pathAndQuery, String userAgent, long nanos, int status) {}

    /**
     * The ids a harvest of every source (API, RSS cs.CL, Atom cs.LG, OAI-PMH) sends from a fresh state, in order:
     * 2412.00001 twice (v2 from the API, v3 from the RSS feed), 2412.00004 once though both feeds list it.
     */
    public static final List<String> HARVESTED =
            List.of("2412.00001", "2412.00003", "2412.00004", "2412.00001", "2412.00006", "0704.0001", "2412.00007");

    private final HttpServer server;
    private final List<Request> requests = new ArrayList<>();
    private final AtomicBoolean oaiBusyOnce = new AtomicBoolean(true);

    /** Starts the server on a free loopback port. */
    public ArxivFeedServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code http://127.0.0.1:<port>} */
    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The requests so far, in order. */
    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery() == null
                ? ""
                : URLDecoder.decode(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8);
        String sample = sample(path, query);
        int status = sample == null ? 404 : 200;
        if (path.equals("/oai2") && oaiBusyOnce.getAndSet(false)) {
            status = 503;
            exchange.getResponseHeaders().add("Retry-After", "1");
        }
        synchronized (requests) {
            requests.add(new Request(
                    path + (query.isEmpty() ? "" : "?" + query),
                    exchange.getRequestHeaders().getFirst("User-Agent"),
                    System.nanoTime(),
                    status));
        }
        byte[] body =
                status == 200 ? Samples.bytes("arxiv/" + sample) : ("HTTP " + status).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/xml; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The sample served at this path and query, or null (404). */
    private static String sample(String path, String query) {
        return switch (path) {
            case "/api/query" ->
                query.contains("start=0&") ? "api-page-1.xml" : query.contains("start=2&") ? "api-page-2.xml" : null;
            case "/rss/cs.CL" -> "rss-cs.CL.xml";
            case "/atom/cs.LG" -> "atom-cs.LG.xml";
            case "/oai2" ->
                query.contains("resumptionToken=6960524|1001")
                        ? "oai-page-2.xml"
                        : query.contains("metadataPrefix=arXivRaw") ? "oai-page-1.xml" : null;
            default -> null;
        };
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
