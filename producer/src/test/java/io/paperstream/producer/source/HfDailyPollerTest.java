package io.paperstream.producer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HfDailyPollerTest {

    private static final ReaderOptions OPTIONS = new ReaderOptions(1 << 20, 2025);

    private final Deque<Response> responses = new ArrayDeque<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private HttpServer server;
    private URI url;

    private record Response(int status, String body) {}

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/daily_papers", exchange -> {
            Response response;
            synchronized (responses) {
                response = responses.isEmpty() ? new Response(200, "[]") : responses.removeFirst();
            }
            byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(response.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/daily_papers");
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private static String entries(String... ids) {
        StringBuilder json = new StringBuilder("[");
        for (String id : ids) {
            json.append(json.length() > 1 ? "," : "")
                    .append("{\"paper\":{\"id\":\"")
                    .append(id)
                    .append("\",\"title\":\"Paper ")
                    .append(id)
                    .append("\",\"summary\":\"About ")
                    .append(id)
                    .append(".\"}}");
        }
        return json.append("]").toString();
    }

    @Test
    void pollsAtTheIntervalAndSendsEachPaperOnce() {
        responses.add(new Response(200, entries("2501.00001", "2501.00002")));
        responses.add(new Response(200, entries("2501.00001", "2501.00002", "2501.00003")));
        responses.add(new Response(503, "busy"));
        responses.add(new Response(200, entries("2501.00003", "2501.00004")));

        ReadAll all = ReadAll.of(new HfDailyPoller(url, Duration.ofMillis(20), 4, http, new StopSignal(), OPTIONS));

        assertThat(all.papers)
                .extracting(PaperRecord::id)
                .containsExactly("2501.00001", "2501.00002", "2501.00003", "2501.00004");
        assertThat(all.papers).allSatisfy(p -> assertThat(p.location().uri()).isEqualTo(url.toString()));
        assertThat(all.messages()).containsExactly(url + ": fetch failed: HTTP 503");
        assertThat(responses).isEmpty();
    }

    /** A daily-papers entry as the API writes it: upvotes and stars in the paper, comments in the entry. */
    private static String entryWithFigures(String id, int upvotes, int stars, int comments) {
        return "{\"paper\":{\"id\":\"" + id + "\",\"title\":\"Paper " + id + "\",\"summary\":\"About " + id
                + ".\",\"upvotes\":" + upvotes + ",\"githubStars\":" + stars + "},\"numComments\":" + comments + "}";
    }

    @Test
    void aPaperSeenBeforeComesBackAsItsFiguresAloneWhenTheyChange() {
        responses.add(new Response(
                200,
                "[" + entryWithFigures("2501.00001", 3, 10, 0) + "," + entryWithFigures("2501.00002", 1, 0, 0) + "]"));
        // the first paper gains upvotes and a comment; the second shows the same figures again
        responses.add(new Response(
                200,
                "[" + entryWithFigures("2501.00001", 9, 10, 1) + "," + entryWithFigures("2501.00002", 1, 0, 0) + "]"));
        // the same list a third time: nothing new at all
        responses.add(new Response(
                200,
                "[" + entryWithFigures("2501.00001", 9, 10, 1) + "," + entryWithFigures("2501.00002", 1, 0, 0) + "]"));

        ReadAll all = ReadAll.of(new HfDailyPoller(url, Duration.ofMillis(20), 3, http, new StopSignal(), OPTIONS));

        assertThat(all.papers)
                .extracting(PaperRecord::id, PaperRecord::engagement)
                .containsExactly(
                        tuple("2501.00001", new Engagement(3L, 10L, 0L)),
                        tuple("2501.00002", new Engagement(1L, 0L, 0L)));
        assertThat(all.engagement)
                .extracting(EngagementRecord::paperId, EngagementRecord::engagement, EngagementRecord::source)
                .containsExactly(tuple("2501.00001", new Engagement(9L, 10L, 1L), "hf-daily"));
        assertThat(all.engagement.get(0).observedAt()).as("observed when read").isNull();
        assertThat(all.bad).isEmpty();
    }

    @Test
    void aStopEndsTheWaitForTheNextPoll() throws Exception {
        responses.add(new Response(200, entries("2501.00001")));
        StopSignal stop = new StopSignal();
        try (HfDailyPoller poller = new HfDailyPoller(url, Duration.ofMinutes(10), 0, http, stop, OPTIONS)) {
            assertThat(poller.next()).get().isInstanceOf(PaperRecord.class);
            Thread stopper = new Thread(() -> {
                sleep(200);
                stop.stop();
            });
            stopper.start();
            long start = System.nanoTime();

            assertThat(poller.next()).isEmpty();

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            stopper.join();
        }
    }

    @Test
    void anUnreachableUrlIsReportedAsAFailedFetch() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        URI closed = URI.create("http://127.0.0.1:" + closedPort + "/api/daily_papers");

        ReadAll all = ReadAll.of(new HfDailyPoller(closed, Duration.ofMillis(10), 1, http, new StopSignal(), OPTIONS));

        assertThat(all.papers).isEmpty();
        assertThat(all.messages()).singleElement().asString().startsWith(closed + ": fetch failed: ConnectException");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
