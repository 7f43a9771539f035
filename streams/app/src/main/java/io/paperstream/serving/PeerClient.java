package io.paperstream.serving;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.state.HostInfo;

/** Asks another instance of the application ({@code application.server}) the same API question. */
final class PeerClient {

    /** Header of a forwarded request: the instance that gets it answers from its own stores or not at all. */
    static final String FORWARDED_HEADER = "X-Paperstream-Forwarded";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    /** GET {@code pathAndQuery} from {@code host}; its answer as it is, errors included. */
    ApiResponse get(HostInfo host, String pathAndQuery) {
        URI uri = URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header(FORWARDED_HEADER, "true")
                .header("Accept", "application/json")
                .GET()
                .build();
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            String contentType = response.headers().firstValue("Content-Type").orElse(ApiResponse.JSON);
            Map<String, String> headers = response.headers()
                    .firstValue("Retry-After")
                    .map(value -> Map.of("Retry-After", value))
                    .orElse(Map.of());
            return new ApiResponse(response.statusCode(), contentType, response.body(), headers);
        } catch (IOException e) {
            throw new StoreUnavailableException(
                    "instance " + host.host() + ":" + host.port() + " did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException(
                    "interrupted while asking instance " + host.host() + ":" + host.port(), e);
        }
    }
}
