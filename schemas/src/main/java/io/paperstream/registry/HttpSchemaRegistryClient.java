package io.paperstream.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.InterruptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SchemaRegistryClient} speaking the Confluent Schema Registry REST API over HTTP
 * (Confluent itself, or Apicurio's ccompat API at {@code /apis/ccompat/v7}). Several URLs fail
 * over in order, starting from the last one that answered; HTTP Basic authentication comes from
 * the URL's user info or {@code basic.auth.user.info}. Every call is a request: put a
 * {@link CachedSchemaRegistryClient} in front of it for serdes. Thread-safe.
 */
public class HttpSchemaRegistryClient implements SchemaRegistryClient {

    /** The content type of the Confluent API, sent with every request body. */
    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private static final String ACCEPT =
            CONTENT_TYPE + ", application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";
    private static final int MAX_BODY_IN_MESSAGE = 200;
    private static final Logger LOG = LoggerFactory.getLogger(HttpSchemaRegistryClient.class);

    private final List<RegistryEndpoint> endpoints;
    private final HttpClient http;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicInteger preferred = new AtomicInteger();

    /** A client for comma-separated URLs with the default time-outs and no authentication. */
    public HttpSchemaRegistryClient(String urls) {
        this(Map.of(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG, urls));
    }

    /** A client configured with the keys of {@link SchemaRegistryClientConfig}. */
    public HttpSchemaRegistryClient(Map<String, ?> configs) {
        this(new SchemaRegistryClientConfig(configs));
    }

    public HttpSchemaRegistryClient(SchemaRegistryClientConfig config) {
        if (config.mockScope().isPresent()) {
            throw new ConfigException(
                    SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG,
                    config.urls(),
                    "mock:// URLs are served by InMemorySchemaRegistryClient; use SchemaRegistryClientFactory.newClient");
        }
        this.endpoints = config.urls().stream()
                .map(url -> RegistryEndpoint.parse(url, config))
                .toList();
        this.connectTimeout = config.connectTimeout();
        this.readTimeout = config.readTimeout();
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL);
        config.sslContext().ifPresent(builder::sslContext);
        this.http = builder.build();
    }

    /** The base URLs this client sends to, without credentials. */
    public List<String> urls() {
        return endpoints.stream().map(RegistryEndpoint::base).toList();
    }

    @Override
    public int register(String subject, Schema schema) {
        try {
            return requiredInt(send("POST", subjectPath(subject) + "/versions", schemaBody(schema)), "id");
        } catch (IncompatibleSchemaException conflict) {
            // Apicurio answers 409 "already exists" to the loser of two concurrent first registrations of a
            // subject: when the very schema is registered by now, that is its id; otherwise the 409 stands
            try {
                return getId(subject, schema);
            } catch (SchemaRegistryException notThere) {
                throw conflict;
            }
        }
    }

    @Override
    public Schema getSchemaById(int id) {
        JsonNode answer = send("GET", "/schemas/ids/" + id, null);
        String type = answer.path("schemaType").asText("AVRO");
        if (!type.equals("AVRO")) {
            throw new SchemaRegistryException(
                    0, 200, "Schema id " + id + " is a " + type + " schema; this client reads Avro only");
        }
        return parseSchema(requiredText(answer, "schema"), "schema id " + id);
    }

    @Override
    public int getId(String subject, Schema schema) {
        return requiredInt(send("POST", subjectPath(subject), schemaBody(schema)), "id");
    }

    @Override
    public SchemaMetadata getLatestSchemaMetadata(String subject) {
        JsonNode answer = send("GET", subjectPath(subject) + "/versions/latest", null);
        return new SchemaMetadata(
                answer.path("subject").asText(subject),
                requiredInt(answer, "id"),
                requiredInt(answer, "version"),
                parseSchema(requiredText(answer, "schema"), "the latest version of " + subject));
    }

    @Override
    public boolean testCompatibility(String subject, Schema schema) {
        try {
            JsonNode answer =
                    send("POST", "/compatibility" + subjectPath(subject) + "/versions/latest", schemaBody(schema));
            return answer.path("is_compatible").asBoolean(false);
        } catch (IncompatibleSchemaException e) {
            // some registries answer the check itself with 409 instead of is_compatible=false
            return false;
        }
    }

    @Override
    public List<String> getAllSubjects() {
        List<String> subjects = new ArrayList<>();
        send("GET", "/subjects", null).forEach(subject -> subjects.add(subject.asText()));
        return subjects;
    }

    @Override
    public List<Integer> deleteSubject(String subject) {
        List<Integer> versions = new ArrayList<>();
        send("DELETE", subjectPath(subject), null).forEach(version -> versions.add(version.asInt()));
        return versions;
    }

    @Override
    public CompatibilityLevel getGlobalCompatibility() {
        return level(send("GET", "/config", null));
    }

    @Override
    public CompatibilityLevel setGlobalCompatibility(CompatibilityLevel level) {
        return level(send("PUT", "/config", levelBody(level)));
    }

    @Override
    public CompatibilityLevel getCompatibility(String subject) {
        try {
            return level(send("GET", "/config/" + segment(subject) + "?defaultToGlobal=true", null));
        } catch (SubjectNotFoundException e) {
            return getGlobalCompatibility();
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == RegistryErrorCode.SUBJECT_COMPATIBILITY_NOT_CONFIGURED.code()) {
                return getGlobalCompatibility();
            }
            throw e;
        }
    }

    @Override
    public CompatibilityLevel setCompatibility(String subject, CompatibilityLevel level) {
        return level(send("PUT", "/config/" + segment(subject), levelBody(level)));
    }

    private String schemaBody(Schema schema) {
        return json.createObjectNode().put("schema", schema.toString()).toString();
    }

    private String levelBody(CompatibilityLevel level) {
        return json.createObjectNode().put("compatibility", level.name()).toString();
    }

    private static CompatibilityLevel level(JsonNode answer) {
        // GET answers compatibilityLevel, PUT answers compatibility
        JsonNode level =
                answer.has("compatibilityLevel") ? answer.get("compatibilityLevel") : answer.get("compatibility");
        if (level == null || !level.isTextual()) {
            throw new SchemaRegistryException(
                    0, 200, "The registry's answer names no compatibility level: " + abbreviate(answer.toString()));
        }
        return CompatibilityLevel.parse(level.asText());
    }

    private static String subjectPath(String subject) {
        return "/subjects/" + segment(subject);
    }

    private static String segment(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Schema parseSchema(String text, String what) {
        try {
            return new Schema.Parser().parse(text);
        } catch (SchemaParseException e) {
            throw new SchemaRegistryException(
                    0, 200, "The registry's " + what + " is not a valid Avro schema: " + e.getMessage());
        }
    }

    private static int requiredInt(JsonNode answer, String field) {
        JsonNode value = answer.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw new SchemaRegistryException(
                    0, 200, "The registry's answer has no integer '" + field + "': " + abbreviate(answer.toString()));
        }
        return value.asInt();
    }

    private static String requiredText(JsonNode answer, String field) {
        JsonNode value = answer.get(field);
        if (value == null || !value.isTextual()) {
            throw new SchemaRegistryException(
                    0, 200, "The registry's answer has no text '" + field + "': " + abbreviate(answer.toString()));
        }
        return value.asText();
    }

    /** Sends to the preferred URL, failing over to the others when one does not answer. */
    private JsonNode send(String method, String path, String body) {
        int first = preferred.get();
        IOException lastFailure = null;
        for (int attempt = 0; attempt < endpoints.size(); attempt++) {
            int index = (first + attempt) % endpoints.size();
            RegistryEndpoint endpoint = endpoints.get(index);
            HttpResponse<String> response;
            try {
                response = http.send(
                        request(endpoint, method, path, body),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                lastFailure = e;
                if (attempt + 1 < endpoints.size()) {
                    LOG.warn("Schema registry at {} did not answer ({}); trying the next URL", endpoint, reason(e));
                }
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptException(e);
            }
            preferred.set(index);
            return answer(endpoint, method, path, response);
        }
        throw unavailable(lastFailure);
    }

    private HttpRequest request(RegistryEndpoint endpoint, String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint.base() + path))
                .timeout(readTimeout)
                .header("Accept", ACCEPT);
        endpoint.authorization().ifPresent(authorization -> request.header("Authorization", authorization));
        if (body == null) {
            return request.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        return request.header("Content-Type", CONTENT_TYPE)
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }

    private JsonNode answer(RegistryEndpoint endpoint, String method, String path, HttpResponse<String> response) {
        int status = response.statusCode();
        JsonNode body = readJson(response.body());
        if (status >= 200 && status < 300) {
            if (body == null) {
                throw new SchemaRegistryException(
                        0,
                        status,
                        "Unreadable answer to " + method + " " + endpoint + path + ": " + abbreviate(response.body()));
            }
            return body;
        }
        if (body != null && body.path("error_code").canConvertToInt()) {
            String message = body.path("message").asText("");
            throw RegistryErrorCode.toException(
                    body.get("error_code").asInt(), status, message.isEmpty() ? "HTTP " + status : message);
        }
        throw RegistryErrorCode.toException(
                status,
                status,
                "HTTP " + status + " from " + method + " " + endpoint + path
                        + (response.body().isBlank() ? "" : ": " + abbreviate(response.body())));
    }

    private JsonNode readJson(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private SchemaRegistryUnavailableException unavailable(IOException failure) {
        String sentence = endpoints.size() == 1
                ? "Schema registry at " + endpoints.get(0) + " is unavailable: " + reason(failure) + "."
                : "No schema registry answered at "
                        + endpoints.stream().map(RegistryEndpoint::base).collect(Collectors.joining(", ")) + ": "
                        + reason(failure) + ".";
        return new SchemaRegistryUnavailableException(sentence, failure);
    }

    private String reason(IOException failure) {
        if (failure instanceof HttpConnectTimeoutException) {
            return "no connection within " + connectTimeout.toMillis() + " ms";
        }
        if (failure instanceof HttpTimeoutException) {
            return "no answer within " + readTimeout.toMillis() + " ms";
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException) {
                return "unknown host";
            }
        }
        if (failure instanceof ConnectException) {
            return "connection refused";
        }
        String message = failure.getMessage();
        return message == null ? failure.getClass().getSimpleName() : message.replaceAll("[.\\s]+$", "");
    }

    private static String abbreviate(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= MAX_BODY_IN_MESSAGE ? oneLine : oneLine.substring(0, MAX_BODY_IN_MESSAGE) + "...";
    }
}
