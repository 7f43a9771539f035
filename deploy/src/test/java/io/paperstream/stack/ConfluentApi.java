package io.paperstream.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Plain HTTP calls to a registry's Confluent API, so that the tests see exactly what a client sees. */
final class ConfluentApi {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

    private final String url;

    ConfluentApi(String url) {
        this.url = url;
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url + path)).GET());
    }

    HttpResponse<String> post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(url + path))
                .header("Content-Type", CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Registers an Avro schema under {@code subject} and returns its id. */
    int register(String subject, String avroSchema) {
        HttpResponse<String> response = post("/subjects/" + subject + "/versions", schemaRequest(avroSchema));
        if (response.statusCode() != 200) {
            throw new AssertionError("register answered " + response.statusCode() + ": " + response.body());
        }
        return id(response.body());
    }

    static String schemaRequest(String avroSchema) {
        return "{\"schema\":\"" + avroSchema.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    }

    static int id(String body) {
        Matcher matcher = ID.matcher(body);
        if (!matcher.find()) {
            throw new AssertionError("no id in " + body);
        }
        return Integer.parseInt(matcher.group(1));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(
                    request.timeout(Duration.ofSeconds(10))
                            .header("Accept", CONTENT_TYPE)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("registry call failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
