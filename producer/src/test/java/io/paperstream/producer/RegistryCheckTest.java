package io.paperstream.producer;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RegistryCheckTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final AtomicReference<String> authorization = new AtomicReference<>();
    private HttpServer server;
    private String base;

    @BeforeEach
    void startRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/apis/ccompat/v7/subjects", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/locked/subjects", exchange -> {
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopRegistry() {
        server.stop(0);
    }

    @Test
    void aRegistryAnsweringItsConfluentApiIsFineAndGetsTheConfiguredCredentials() {
        Map<String, Object> config = Map.of(
                "schema.registry.url",
                base + "/apis/ccompat/v7",
                "basic.auth.credentials.source",
                "USER_INFO",
                "basic.auth.user.info",
                "user:secret");

        assertThat(RegistryCheck.problem(config, TIMEOUT)).isEmpty();
        assertThat(authorization.get()).isEqualTo("Basic dXNlcjpzZWNyZXQ=");
    }

    @Test
    void eachFailureIsOneSentence() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String closed = "http://127.0.0.1:" + closedPort + "/apis/ccompat/v7";

        assertThat(RegistryCheck.problem(Map.of("schema.registry.url", closed), TIMEOUT))
                .contains("Schema registry at " + closed
                        + " is not reachable (is the stack running? ./paperstream stack start)");
        assertThat(RegistryCheck.problem(Map.of("schema.registry.url", base + "/apis/registry/v3"), TIMEOUT))
                .get()
                .asString()
                .startsWith("Schema registry at " + base + "/apis/registry/v3 has no "
                        + "Confluent-compatible API (HTTP 404");
        assertThat(RegistryCheck.problem(Map.of("schema.registry.url", base + "/locked"), TIMEOUT))
                .contains("Schema registry at " + base + "/locked refused access (HTTP 401); "
                        + "set basic.auth.user.info in --producer-config");
        assertThat(RegistryCheck.problem(Map.of("schema.registry.url", "ftp://x"), TIMEOUT))
                .contains("Schema registry URL 'ftp://x' is not an http(s) URL");
    }

    @Test
    void oneAnsweringUrlOfSeveralIsEnoughAndMockUrlsNeedNoServer() {
        String urls = "http://127.0.0.1:1/apis/ccompat/v7," + base + "/apis/ccompat/v7";

        assertThat(RegistryCheck.problem(Map.of("schema.registry.url", urls), TIMEOUT))
                .isEmpty();
        assertThat(RegistryCheck.problem(Map.of("schema.registry.url", "mock://scope"), TIMEOUT))
                .isEmpty();
    }
}
