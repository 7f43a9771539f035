package io.paperstream.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HttpSchemaRegistryClientTest {

    private static final Schema TOPIC_COUNT = SchemaBuilder.record("TopicCount")
            .namespace("io.paperstream.avro")
            .fields()
            .requiredString("topic")
            .requiredLong("primaryCount")
            .requiredLong("anyCount")
            .endRecord();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeRegistryServer registry = FakeRegistryServer.start();

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    private static String quoted(String text) {
        return JSON.createObjectNode().put("schema", text).get("schema").toString();
    }

    @Test
    void registerPostsTheSchemaWithTheConfluentContentTypeAndReadsTheId() throws IOException {
        registry.answer("POST", "/subjects/topics.counts-value/versions", 200, "{\"id\":7}");

        int id = new HttpSchemaRegistryClient(registry.url()).register("topics.counts-value", TOPIC_COUNT);

        assertThat(id).isEqualTo(7);
        FakeRegistryServer.Request request = registry.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("Content-Type")).isEqualTo("application/vnd.schemaregistry.v1+json");
        assertThat(request.header("Accept")).startsWith("application/vnd.schemaregistry.v1+json");
        assertThat(request.header("Authorization")).isNull();
        assertThat(JSON.readTree(request.body()).get("schema").asText()).isEqualTo(TOPIC_COUNT.toString());
    }

    @Test
    void losingAConcurrentFirstRegistrationReturnsTheIdTheWinnerRegistered() {
        // Apicurio 2.6 answers the loser of two simultaneous first registrations with 409 "already exists"
        registry.answer(
                        "POST",
                        "/subjects/topics.counts-value/versions",
                        409,
                        "{\"error_code\":409,\"message\":\"Artifact with id 'topics.counts-value' already exists.\"}")
                .answer(
                        "POST",
                        "/subjects/topics.counts-value",
                        200,
                        "{\"subject\":\"topics.counts-value\",\"id\":7,\"version\":1,\"schema\":\"{}\"}");

        assertThat(new HttpSchemaRegistryClient(registry.url()).register("topics.counts-value", TOPIC_COUNT))
                .isEqualTo(7);
    }

    @Test
    void readsSchemasByIdLookupsLatestVersionsAndCompatibility() {
        String schema = quoted(TOPIC_COUNT.toString());
        registry.answer("GET", "/schemas/ids/7", 200, "{\"schema\":" + schema + "}")
                .answer(
                        "POST",
                        "/subjects/topics.counts-value",
                        200,
                        "{\"subject\":\"topics.counts-value\",\"version\":2,\"id\":7,\"schema\":" + schema + "}")
                .answer(
                        "GET",
                        "/subjects/topics.counts-value/versions/latest",
                        200,
                        "{\"subject\":\"topics.counts-value\",\"version\":2,\"id\":7,\"schema\":" + schema + "}")
                .answer(
                        "POST",
                        "/compatibility/subjects/topics.counts-value/versions/latest",
                        200,
                        "{\"is_compatible\":true}")
                .answer(
                        "POST",
                        "/compatibility/subjects/topics.windowed-value/versions/latest",
                        200,
                        "{\"is_compatible\":false}")
                .answer("GET", "/subjects", 200, "[\"papers.raw-value\",\"topics.counts-value\"]")
                .answer("DELETE", "/subjects/topics.counts-value", 200, "[1,2]");
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(registry.url());

        assertThat(client.getSchemaById(7)).isEqualTo(TOPIC_COUNT);
        assertThat(client.getId("topics.counts-value", TOPIC_COUNT)).isEqualTo(7);
        assertThat(client.getLatestSchemaMetadata("topics.counts-value"))
                .isEqualTo(new SchemaMetadata("topics.counts-value", 7, 2, TOPIC_COUNT));
        assertThat(client.testCompatibility("topics.counts-value", TOPIC_COUNT)).isTrue();
        assertThat(client.testCompatibility("topics.windowed-value", TOPIC_COUNT))
                .isFalse();
        assertThat(client.getAllSubjects()).containsExactly("papers.raw-value", "topics.counts-value");
        assertThat(client.deleteSubject("topics.counts-value")).containsExactly(1, 2);
    }

    @Test
    void readsAndSetsCompatibilityGloballyAndPerSubject() throws IOException {
        registry.answer("GET", "/config", 200, "{\"compatibilityLevel\":\"BACKWARD\"}")
                .answer("PUT", "/config", 200, "{\"compatibility\":\"FULL\"}")
                .answer("PUT", "/config/papers.raw-value", 200, "{\"compatibility\":\"FORWARD_TRANSITIVE\"}")
                .answer(
                        "GET",
                        "/config/papers.raw-value?defaultToGlobal=true",
                        200,
                        "{\"compatibilityLevel\":\"FORWARD_TRANSITIVE\"}")
                .answer(
                        "GET",
                        "/config/topics.counts-value?defaultToGlobal=true",
                        404,
                        "{\"error_code\":40408,\"message\":\"Subject 'topics.counts-value' does not have subject-level compatibility configured\"}");
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(registry.url());

        assertThat(client.getGlobalCompatibility()).isEqualTo(CompatibilityLevel.BACKWARD);
        assertThat(client.setGlobalCompatibility(CompatibilityLevel.FULL)).isEqualTo(CompatibilityLevel.FULL);
        assertThat(client.setCompatibility("papers.raw-value", CompatibilityLevel.FORWARD_TRANSITIVE))
                .isEqualTo(CompatibilityLevel.FORWARD_TRANSITIVE);
        assertThat(client.getCompatibility("papers.raw-value")).isEqualTo(CompatibilityLevel.FORWARD_TRANSITIVE);
        assertThat(client.getCompatibility("topics.counts-value"))
                .as("falls back to the global level")
                .isEqualTo(CompatibilityLevel.BACKWARD);
        assertThat(JSON.readTree(registry.requests().get(1).body())
                        .get("compatibility")
                        .asText())
                .isEqualTo("FULL");
    }

    static Stream<Arguments> confluentErrors() {
        Function<HttpSchemaRegistryClient, Object> latest =
                client -> client.getLatestSchemaMetadata("papers.raw-value");
        Function<HttpSchemaRegistryClient, Object> byId = client -> client.getSchemaById(404);
        Function<HttpSchemaRegistryClient, Object> register =
                client -> client.register("papers.raw-value", TOPIC_COUNT);
        Function<HttpSchemaRegistryClient, Object> subjects = HttpSchemaRegistryClient::getAllSubjects;
        return Stream.of(
                Arguments.of(
                        "GET",
                        "/subjects/papers.raw-value/versions/latest",
                        latest,
                        404,
                        40401,
                        "Subject 'papers.raw-value' not found.",
                        SubjectNotFoundException.class),
                Arguments.of(
                        "GET",
                        "/subjects/papers.raw-value/versions/latest",
                        latest,
                        404,
                        40402,
                        "Version latest not found.",
                        VersionNotFoundException.class),
                Arguments.of(
                        "GET",
                        "/schemas/ids/404",
                        byId,
                        404,
                        40403,
                        "Schema 404 not found",
                        SchemaNotFoundException.class),
                Arguments.of(
                        "POST",
                        "/subjects/papers.raw-value/versions",
                        register,
                        409,
                        409,
                        "Schema being registered is incompatible with an earlier schema for subject \"papers.raw-value\"",
                        IncompatibleSchemaException.class),
                Arguments.of(
                        "POST",
                        "/subjects/papers.raw-value/versions",
                        register,
                        409,
                        40901,
                        "Incompatible Avro schema",
                        IncompatibleSchemaException.class),
                Arguments.of(
                        "POST",
                        "/subjects/papers.raw-value/versions",
                        register,
                        422,
                        42201,
                        "Invalid schema {type=record}: Illegal initial character",
                        InvalidSchemaException.class),
                Arguments.of(
                        "GET",
                        "/subjects",
                        subjects,
                        500,
                        50001,
                        "Error while registering schema: store error",
                        SchemaRegistryServerException.class),
                Arguments.of(
                        "GET",
                        "/subjects",
                        subjects,
                        500,
                        50002,
                        "Register operation timed out",
                        SchemaRegistryServerException.class));
    }

    @ParameterizedTest(name = "{4} -> {6}")
    @MethodSource("confluentErrors")
    void mapsConfluentErrorJsonToTypedExceptionsWithTheServerMessage(
            String method,
            String path,
            Function<HttpSchemaRegistryClient, Object> call,
            int status,
            int errorCode,
            String message,
            Class<? extends SchemaRegistryException> expected) {
        registry.answer(method, path, status, "{\"error_code\":" + errorCode + ",\"message\":" + quoted(message) + "}");

        SchemaRegistryException error = catchThrowableOfType(
                SchemaRegistryException.class, () -> call.apply(new HttpSchemaRegistryClient(registry.url())));

        assertThat(error).isExactlyInstanceOf(expected);
        assertThat(error.errorCode()).isEqualTo(errorCode);
        assertThat(error.httpStatus()).isEqualTo(status);
        assertThat(error.serverMessage()).isEqualTo(message);
        assertThat(error.getMessage()).isEqualTo(message + " (error code " + errorCode + ", HTTP " + status + ")");
    }

    @Test
    void anAnswerThatIsNotRegistryJsonKeepsItsStatusAndNamesTheUrl() {
        registry.answer("GET", "/subjects", 404, "<html><body>Not Found</body></html>");

        SchemaRegistryException error = catchThrowableOfType(
                SchemaRegistryException.class, () -> new HttpSchemaRegistryClient(registry.url()).getAllSubjects());

        assertThat(error).isExactlyInstanceOf(SchemaRegistryException.class);
        assertThat(error.httpStatus()).isEqualTo(404);
        assertThat(error.errorCode()).isEqualTo(404);
        assertThat(error.serverMessage())
                .isEqualTo("HTTP 404 from GET " + registry.url() + "/subjects: <html><body>Not Found</body></html>");
    }

    @Test
    void answersTheClientCannotUseAreSaidSo() {
        registry.answer(
                        "GET",
                        "/schemas/ids/8",
                        200,
                        "{\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax = \\\"proto3\\\";\"}")
                .answer("GET", "/schemas/ids/9", 200, "{\"schema\":\"{\\\"type\\\":\\\"recrod\\\"}\"}")
                .answer("POST", "/subjects/papers.raw-value/versions", 200, "{\"version\":3}");
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(registry.url());

        assertThatThrownBy(() -> client.getSchemaById(8))
                .isExactlyInstanceOf(SchemaRegistryException.class)
                .hasMessage("Schema id 8 is a PROTOBUF schema; this client reads Avro only (HTTP 200)");
        assertThatThrownBy(() -> client.getSchemaById(9))
                .isExactlyInstanceOf(SchemaRegistryException.class)
                .hasMessageStartingWith("The registry's schema id 9 is not a valid Avro schema: ");
        assertThatThrownBy(() -> client.register("papers.raw-value", TOPIC_COUNT))
                .isExactlyInstanceOf(SchemaRegistryException.class)
                .hasMessage("The registry's answer has no integer 'id': {\"version\":3} (HTTP 200)");
    }

    @Test
    void sendsBasicAuthFromUserInfoSetting() {
        registry.answer("GET", "/subjects", 200, "[]");
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(Map.of(
                "schema.registry.url", registry.url(),
                "basic.auth.credentials.source", "USER_INFO",
                "basic.auth.user.info", "paperstream:s3cret:with-colon"));

        client.getAllSubjects();

        assertThat(registry.requests().get(0).header("Authorization"))
                .isEqualTo("Basic " + base64("paperstream:s3cret:with-colon"));
    }

    @Test
    void sendsBasicAuthFromTheUrlAndNeverShowsItsPassword() {
        registry.answer("GET", "/subjects", 200, "[]");
        String url = registry.url().replace("http://", "http://alice:pa%40ss@");
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(url);

        client.getAllSubjects();

        assertThat(registry.requests().get(0).header("Authorization")).isEqualTo("Basic " + base64("alice:pa@ss"));
        assertThat(client.urls()).containsExactly(registry.url());
        int closed = FakeRegistryServer.closedPort();
        assertThatThrownBy(
                        () -> new HttpSchemaRegistryClient("http://alice:pa%40ss@127.0.0.1:" + closed).getAllSubjects())
                .isInstanceOf(SchemaRegistryUnavailableException.class)
                .hasMessageNotContaining("pa%40ss")
                .hasMessageNotContaining("alice");
    }

    @Test
    void aRefusedConnectionIsOneSentenceNamingTheUrl() {
        int closed = FakeRegistryServer.closedPort();

        assertThatThrownBy(() -> new HttpSchemaRegistryClient("http://127.0.0.1:" + closed + "/apis/ccompat/v7")
                        .register("s", TOPIC_COUNT))
                .isExactlyInstanceOf(SchemaRegistryUnavailableException.class)
                .hasMessage("Schema registry at http://127.0.0.1:" + closed
                        + "/apis/ccompat/v7 is unavailable: connection refused.");
    }

    @Test
    void failsOverToTheNextUrlAndNamesAllWhenNoneAnswers() {
        registry.answer("GET", "/subjects", 200, "[\"papers.raw-value\"]");
        int closed = FakeRegistryServer.closedPort();
        HttpSchemaRegistryClient client =
                new HttpSchemaRegistryClient("http://127.0.0.1:" + closed + ", " + registry.url() + "/");

        assertThat(client.getAllSubjects()).containsExactly("papers.raw-value");
        assertThat(client.getAllSubjects()).containsExactly("papers.raw-value");
        assertThat(registry.requests()).hasSize(2);

        int alsoClosed = FakeRegistryServer.closedPort();
        assertThatThrownBy(() -> new HttpSchemaRegistryClient(
                                "http://127.0.0.1:" + closed + ",http://127.0.0.1:" + alsoClosed)
                        .getAllSubjects())
                .isExactlyInstanceOf(SchemaRegistryUnavailableException.class)
                .hasMessage("No schema registry answered at http://127.0.0.1:" + closed + ", http://127.0.0.1:"
                        + alsoClosed + ": connection refused.");
    }

    @Test
    void aRegistryThatDoesNotAnswerInTimeIsUnavailable() {
        registry.answerAfter("GET", "/subjects", Duration.ofSeconds(10), 200, "[]");
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(
                Map.of("schema.registry.url", registry.url(), "http.read.timeout.ms", 300));
        long started = System.nanoTime();

        assertThatThrownBy(client::getAllSubjects)
                .isExactlyInstanceOf(SchemaRegistryUnavailableException.class)
                .hasMessage("Schema registry at " + registry.url() + " is unavailable: no answer within 300 ms.");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void configurationErrorsNameTheKey() {
        assertThatThrownBy(() -> new HttpSchemaRegistryClient(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.url");
        assertThatThrownBy(() -> new HttpSchemaRegistryClient("ftp://registry.example"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.url")
                .hasMessageContaining("http or https");
        assertThatThrownBy(() -> new HttpSchemaRegistryClient(
                        Map.of("schema.registry.url", registry.url(), "basic.auth.credentials.source", "USER_INFO")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("basic.auth.user.info");
        assertThatThrownBy(() -> new HttpSchemaRegistryClient(
                        Map.of("schema.registry.url", registry.url(), "basic.auth.credentials.source", "SASL_INHERIT")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("basic.auth.credentials.source");
        assertThatThrownBy(() -> new HttpSchemaRegistryClient("mock://tests"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("mock://");
    }

    @Test
    void theFactoryGivesCachedHttpClientsAndSharedMockScopes() {
        assertThat(SchemaRegistryClientFactory.newClient(Map.of("schema.registry.url", registry.url())))
                .isInstanceOf(CachedSchemaRegistryClient.class);
        assertThat(SchemaRegistryClientFactory.newClient(Map.of("schema.registry.url", "mock://factory-test")))
                .isSameAs(MockSchemaRegistry.getClientForScope("factory-test"));
        MockSchemaRegistry.dropScope("factory-test");
        assertThatThrownBy(() -> SchemaRegistryClientFactory.newClient(
                        Map.of("schema.registry.url", "mock://a," + registry.url())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.url");
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
