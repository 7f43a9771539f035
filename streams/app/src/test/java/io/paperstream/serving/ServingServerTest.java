package io.paperstream.serving;

import static io.paperstream.waits.Waits.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.serving.ApiModel.StatusView;
import io.paperstream.serving.ApiModel.TopicCountView;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP side without Kafka: the dashboard's files, health before the application is attached, JSON
 * errors, metrics, the live stream, and a client that stops reading is dropped while the others keep theirs.
 */
class ServingServerTest {

    private static final String EVENT_DATA = "x".repeat(64 * 1024);

    private final AtomicInteger dropped = new AtomicInteger();
    private final ServingMetrics metrics = new ServingMetrics();
    private final LiveEvents live = new LiveEvents(ServingLayer.json(), 8, dropped::incrementAndGet);
    private final ServingServer server = ServingServer.start("127.0.0.1", 0, ServingLayer.json(), metrics, live);
    private final HttpClient http = HttpClient.newHttpClient();

    ServingServerTest() {
        metrics.gaugeLiveClients(live::clients);
    }

    @AfterEach
    void stop() {
        server.close();
        metrics.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.address().getPort() + path);
    }

    @Test
    void servesTheDashboardFiles() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body())
                .contains(
                        "<script type=\"module\" src=\"app.js\"></script>",
                        "id=\"topic-trends\"",
                        "id=\"trending-papers\"");
        for (String script : List.of("/app.js", "/dom.js", "/chart.js", "/views.js")) {
            assertThat(get(script).headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        }
        assertThat(get("/style.css").statusCode()).isEqualTo(200);
        assertThat(get("/favicon.svg").headers().firstValue("Content-Type")).hasValue("image/svg+xml");
        assertThat(get("/secret.properties").statusCode()).isEqualTo(404);
        assertThat(get("/web/app.js").statusCode()).isEqualTo(404);
    }

    @Test
    void beforeTheApplicationIsAttachedItIsAliveButNotReadyAndTheApiAnswers503WithRetryAfter() throws Exception {
        HttpResponse<String> health = get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(ServingLayer.json().readValue(health.body(), StatusView.class))
                .isEqualTo(new StatusView("up", "STARTING", null));

        HttpResponse<String> ready = get("/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.headers().firstValue("Retry-After")).hasValue("2");

        HttpResponse<String> topics = get("/api/topics");
        assertThat(topics.statusCode()).isEqualTo(503);
        assertThat(topics.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(topics.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(topics.body()).isEqualTo("{\"error\":\"unavailable\",\"message\":\"the application is starting\"}");
        HttpResponse<String> trending = get("/api/papers/trending");
        assertThat(trending.statusCode()).isEqualTo(503);
        assertThat(trending.headers().firstValue("Retry-After")).hasValue("2");
    }

    @Test
    void onlyGetIsAllowed() throws Exception {
        HttpResponse<String> post = http.send(
                HttpRequest.newBuilder(uri("/api/topics"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET");
        assertThat(post.body()).startsWith("{\"error\":\"method_not_allowed\"");
    }

    @Test
    void metricsAreInThePrometheusTextFormat() throws Exception {
        metrics.deadLettered("deserialize");
        metrics.observe(new LiveEvent(LiveEvent.DIGEST, null));

        HttpResponse<String> scrape = get("/metrics");

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(scrape.body())
                .contains(
                        "paperstream_dlq_records_total{stage=\"deserialize\"} 1.0",
                        "paperstream_trend_windows_emitted_total 1.0",
                        "paperstream_live_clients ",
                        "jvm_memory_used_bytes");
    }

    @Test
    void theLiveStreamSendsEventsAsTheyComeAndDropsAClientThatStopsReading() throws Exception {
        try (Socket stalled = new Socket("127.0.0.1", server.address().getPort())) {
            // a client that asks for the stream and then never reads a byte
            OutputStream request = stalled.getOutputStream();
            request.write("GET /api/stream HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            request.flush();
            awaitClients(1);

            HttpResponse<InputStream> stream = http.send(
                    HttpRequest.newBuilder(uri("/api/stream")).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(stream.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
            awaitClients(2);
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                assertThat(lines.readLine()).isEqualTo("retry: 2000");
                assertThat(lines.readLine()).isEqualTo(": connected");
                assertThat(lines.readLine()).isEmpty();
                for (int i = 0; i < 200 && dropped.get() == 0; i++) {
                    live.accept(new LiveEvent(LiveEvent.COUNT, new TopicCountView("t" + i, EVENT_DATA, i, i)));
                    assertThat(lines.readLine()).isEqualTo("event: count");
                    assertThat(lines.readLine()).startsWith("data: {\"topic\":\"t" + i + "\"");
                    assertThat(lines.readLine()).isEmpty();
                }
                assertThat(dropped).as("the stalled client").hasValue(1);
                assertThat(live.clients()).as("the reading client").isEqualTo(1);
                // the stalled client's writer was blocked writing to it: dropping it ends that thread too
                awaitLiveWriterThreads(1);
            }
        }
    }

    private static void awaitLiveWriterThreads(int threads) {
        shortWait(threads + " live writer threads")
                .untilAsserted(() -> assertThat(liveWriterThreads()).isEqualTo(threads));
    }

    private static long liveWriterThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("paperstream-live-"))
                .count();
    }

    private void awaitClients(int clients) {
        shortWait(clients + " live clients")
                .untilAsserted(() -> assertThat(live.clients()).isEqualTo(clients));
    }

    private static ConditionFactory shortWait(String awaited) {
        return await(awaited).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20));
    }
}
