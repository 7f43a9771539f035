package io.paperstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.paperstream.stack.LoopbackPorts;
import io.paperstream.streams.StreamsSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema registry down when the application starts, on a real broker and registry: the application's registry
 * URL points at a loopback port where nothing listens until a forwarder to the real registry opens there 15 s later.
 * Meanwhile the papers come, and the application cannot fetch their writer schema. Before, every paper read then went
 * to the dead-letter topic as if it were bad; now a stream thread that cannot get the schema waits for it, fails, and
 * is replaced, and reads the papers again once the registry answers: no dead letter, and every paper counted exactly.
 */
@RealKafkaStack
class RegistryOutageIT {

    private static final int PAPERS = 300;
    private static final Duration OUTAGE = Duration.ofSeconds(15);
    private static final Duration PROCESSING_TIMEOUT = Duration.ofSeconds(180);
    private static final Logger LOG = LoggerFactory.getLogger(RegistryOutageIT.class);

    private final StackEndpoints stack;

    RegistryOutageIT(StackEndpoints stack) {
        this.stack = stack;
    }

    @Test
    void papersReadWhileTheRegistryIsDownAreCountedOnceItIsBackAndNoneIsADeadLetter() throws Exception {
        PipelineTopics topics = PipelineTopics.unique("it-registry-outage");
        PaperReplay replay = PaperReplay.generate(topics.prefix(), PAPERS, 20261207L);
        int port = LoopbackPorts.freePorts(1)[0];
        try (ReplayRun run = new ReplayRun(stack, topics, replay, StreamsSettings.WINDOW_GRACE.defaultValue())) {
            try (StreamsAppRun app = StreamsAppRun.start(
                    stack, topics, Map.of(StreamsSettings.SCHEMA_REGISTRY_URL.name(), "http://127.0.0.1:" + port))) {
                // Step 1: once the application runs, the papers come (sent through the real registry). Sent before it
                // started, a stream thread could read one and fail before all its tasks were up, and the application
                // would not reach RUNNING until the registry answered
                run.send(replay.events());
                // Step 2: the registry the application knows answers only after the outage
                Thread.sleep(OUTAGE.toMillis());
                LOG.info("after {} of outage the application's stream threads are {}", OUTAGE, app.streamThreads());
                try (Forwarder forwarder = Forwarder.start(port, stack.registryUrl())) {
                    // Step 3: every paper is processed, none is a dead letter, and the counts are exact
                    run.closeWindows(List.of(), PROCESSING_TIMEOUT);
                    run.assertCountsExact();
                    assertThat(forwarder.forwarded())
                            .as("requests forwarded to the registry")
                            .isPositive();
                    assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);
                }
            }
        }
    }

    /** Forwards every request to the registry, on the loopback port the application was given. */
    private static final class Forwarder implements AutoCloseable {

        private final HttpServer server;
        private final HttpClient client = HttpClient.newHttpClient();
        private final String upstream;
        private final AtomicInteger forwarded = new AtomicInteger();

        private Forwarder(int port, String upstream) throws IOException {
            this.upstream = upstream;
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            server.createContext("/", this::forward);
            server.start();
        }

        static Forwarder start(int port, String upstream) throws IOException {
            return new Forwarder(port, upstream);
        }

        private void forward(HttpExchange exchange) throws IOException {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upstream + exchange.getRequestURI()))
                    .method(
                            exchange.getRequestMethod(),
                            HttpRequest.BodyPublishers.ofByteArray(
                                    exchange.getRequestBody().readAllBytes()));
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            try {
                HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                response.headers()
                        .firstValue("Content-Type")
                        .ifPresent(type -> exchange.getResponseHeaders().add("Content-Type", type));
                exchange.sendResponseHeaders(
                        response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
                forwarded.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.close();
            } catch (IOException e) {
                exchange.close();
                throw new UncheckedIOException(e);
            }
        }

        int forwarded() {
            return forwarded.get();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
