package io.paperstream.producer;

import io.paperstream.registry.SchemaRegistryClientConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;

/**
 * Checks, before anything is sent, that the schema registry answers its Confluent API
 * ({@code GET /subjects}) within a bounded time, with the configured credentials.
 */
final class RegistryCheck {

    /** The serde's in-memory registry for tests, which has nothing to reach. */
    private static final String MOCK_URL_PREFIX = "mock://";

    private static final String STACK_HINT = "(is the stack running? ./paperstream stack start)";

    private RegistryCheck() {}

    /**
     * The problem, as one sentence, or empty when a registry answers. With several
     * comma-separated URLs, one that answers is enough.
     *
     * @param config the producer configuration with {@code schema.registry.url} and optionally
     *     {@code basic.auth.credentials.source} / {@code basic.auth.user.info}
     * @param timeout how long to wait for each URL
     */
    static Optional<String> problem(Map<String, Object> config, Duration timeout) {
        Object urls = config.get(ProducerSettings.SCHEMA_REGISTRY_URL.name());
        if (urls == null || urls.toString().isBlank()) {
            return Optional.of("No schema registry configured: set --schema-registry-url");
        }
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout);
        try {
            new SchemaRegistryClientConfig(config).sslContext().ifPresent(builder::sslContext);
        } catch (ConfigException e) {
            return Optional.of("Schema registry truststore: " + e.getMessage());
        }
        HttpClient http = builder.build();
        String firstProblem = null;
        for (String url : urls.toString().split(",")) {
            Optional<String> problem = problem(http, url.strip(), config, timeout);
            if (problem.isEmpty()) {
                return Optional.empty();
            }
            firstProblem = firstProblem == null ? problem.get() : firstProblem;
        }
        return Optional.of(firstProblem);
    }

    private static Optional<String> problem(HttpClient http, String url, Map<String, Object> config, Duration timeout) {
        if (url.toLowerCase(Locale.ROOT).startsWith(MOCK_URL_PREFIX)) {
            return Optional.empty();
        }
        URI subjects;
        try {
            subjects = new URI(url.endsWith("/") ? url + "subjects" : url + "/subjects");
            if (subjects.getScheme() == null
                    || !subjects.getScheme().toLowerCase(Locale.ROOT).startsWith("http")) {
                return Optional.of("Schema registry URL '" + url + "' is not an http(s) URL");
            }
        } catch (URISyntaxException e) {
            return Optional.of("Schema registry URL '" + url + "' is not a valid URL");
        }
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(subjects)
                    .timeout(timeout)
                    .GET()
                    .header("Accept", "application/vnd.schemaregistry.v1+json, application/json");
        } catch (IllegalArgumentException e) {
            return Optional.of("Schema registry URL '" + url + "' cannot be used: " + e.getMessage());
        }
        userInfo(config, subjects)
                .ifPresent(info -> request.header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(info.getBytes(StandardCharsets.UTF_8))));
        try {
            int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            if (status == 200) {
                return Optional.empty();
            }
            if (status == 401 || status == 403) {
                return Optional.of("Schema registry at " + url + " refused access (HTTP " + status
                        + "); set basic.auth.user.info in --producer-config");
            }
            if (status == 404) {
                return Optional.of("Schema registry at " + url + " has no Confluent-compatible API (HTTP 404 for "
                        + "/subjects; for Apicurio use .../apis/ccompat/v7)");
            }
            return Optional.of("Schema registry at " + url + " answered HTTP " + status);
        } catch (IOException e) {
            return Optional.of("Schema registry at " + url + " is not reachable " + STACK_HINT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while checking the schema registry at " + url);
        }
    }

    /** Credentials as Confluent's serde takes them: USER_INFO from basic.auth.user.info, URL from the URL. */
    private static Optional<String> userInfo(Map<String, Object> config, URI url) {
        Object source = config.getOrDefault("basic.auth.credentials.source", "URL");
        if ("USER_INFO".equalsIgnoreCase(source.toString())) {
            return Optional.ofNullable(config.get("basic.auth.user.info")).map(Object::toString);
        }
        return Optional.ofNullable(url.getUserInfo());
    }
}
