package io.paperstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apicurio.registry.serde.Default4ByteIdHandler;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.config.IdOption;
import io.apicurio.registry.serde.config.SerdeConfig;
import io.apicurio.registry.serde.kafka.config.KafkaSerdeConfig;
import io.paperstream.registry.HttpSchemaRegistryClient;
import io.paperstream.registry.SchemaRegistryClientConfig;
import io.paperstream.serde.AvroSerdeConfig;
import io.paperstream.serde.KafkaAvroDeserializer;
import io.paperstream.serde.KafkaAvroSerializer;
import io.paperstream.stack.SchemaRegistryProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * Item 8a: our Avro serde and Apicurio's own ({@code io.apicurio:apicurio-registry-avro-serde-kafka}, a client we
 * did not write) agree byte for byte on the Confluent wire format against the real registry: magic byte 0, the
 * schema id as 4 bytes big-endian, the Avro binary body. For every corpus paper, as {@code PaperAbstract} and as
 * {@code ClassifiedPaper} (nested records, arrays, doubles), our serializer's bytes equal Apicurio's, and each
 * side's deserializer decodes the other's bytes to the original event.
 *
 * <p>Apicurio's serde 3.1.7 speaks the registry's native API and picks the v2 client when the URL names
 * {@code /apis/registry/v2} (our registry is Apicurio 2.6, which has no v3 API). It is configured for the framing
 * ours writes: no headers, the 4-byte id handler, and ids that are content ids — what the Confluent-compatible API
 * calls the schema id. Our serializer registers the schema under the TopicNameStrategy subject
 * {@code <topic>-value}, which is artifact {@code <topic>-value} in group {@code default} of the native API, and
 * Apicurio's serializer writes with that artifact's version 1 — rather than registering the schema of the
 * generated class, whose {@code avro.java.string} properties would make it another content with another id. It is
 * told the version because its {@code find-latest} does not work against 2.6: its v2 client asks for version
 * {@code latest}, which only Apicurio 3 knows (2.6 answers 404 "No version 'latest' found").
 */
@RealKafkaStack
class ApicurioSerdeInteropIT {

    private static final Instant INGESTED = Instant.parse("2025-03-14T09:00:00Z");
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(30);

    private final StackEndpoints stack;

    ApicurioSerdeInteropIT(StackEndpoints stack) {
        this.stack = stack;
    }

    @Test
    void paperAbstractBytesAreApicuriosAndEachSideDecodesTheOther() throws Exception {
        agreeByteForByte(TestTopics.unique("it-interop-raw"), CorpusEvents.papers(INGESTED));
    }

    @Test
    void classifiedPaperBytesAreApicuriosAndEachSideDecodesTheOther() throws Exception {
        agreeByteForByte(TestTopics.unique("it-interop-classified"), CorpusEvents.classified(INGESTED));
    }

    private <T extends SpecificRecord> void agreeByteForByte(String topic, List<T> events) throws Exception {
        assertThat(events).hasSize(Corpus.PAPERS);
        try (KafkaAvroSerializer<T> ourSerializer = new KafkaAvroSerializer<>();
                AvroKafkaSerializer<T> apicurioSerializer = new AvroKafkaSerializer<>();
                KafkaAvroDeserializer<T> ourDeserializer = new KafkaAvroDeserializer<>();
                AvroKafkaDeserializer<T> apicurioDeserializer = new AvroKafkaDeserializer<>()) {
            ourSerializer.configure(ourConfig(), false);
            ourDeserializer.configure(ourConfig(), false);
            apicurioSerializer.configure(apicurioConfig(), false);
            apicurioDeserializer.configure(apicurioConfig(), false);

            // ours first: it registers the schema, version 1 of the subject, which Apicurio's serializer then uses
            List<byte[]> ours = events.stream()
                    .map(event -> ourSerializer.serialize(topic, event))
                    .toList();
            List<byte[]> apicurios = events.stream()
                    .map(event -> apicurioSerializer.serialize(topic, event))
                    .toList();

            int schemaId = new HttpSchemaRegistryClient(stack.registryUrl())
                    .getLatestSchemaMetadata(topic + "-value")
                    .id();
            assertThat(schemaId)
                    .as("the Confluent API's schema id is the native API's content id")
                    .isEqualTo(contentIdOfVersion1(topic + "-value"));
            for (int i = 0; i < events.size(); i++) {
                T event = events.get(i);
                String paper = "paper " + i + " of the corpus";
                assertThat(ByteBuffer.wrap(ours.get(i)).get())
                        .as("magic byte, %s", paper)
                        .isZero();
                assertThat(ByteBuffer.wrap(ours.get(i), 1, 4).getInt())
                        .as("schema id, %s", paper)
                        .isEqualTo(schemaId);
                assertThat(ours.get(i))
                        .as("our bytes and Apicurio's, %s", paper)
                        .isEqualTo(apicurios.get(i));
                assertThat(apicurioDeserializer.deserialize(topic, ours.get(i)))
                        .as("Apicurio decoding ours, %s", paper)
                        .isEqualTo(event);
                assertThat(ourDeserializer.deserialize(topic, apicurios.get(i)))
                        .as("us decoding Apicurio's, %s", paper)
                        .isEqualTo(event);
            }
        }
    }

    private Map<String, Object> ourConfig() {
        return Map.of(
                SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG,
                stack.registryUrl(),
                AvroSerdeConfig.SPECIFIC_AVRO_READER_CONFIG,
                true);
    }

    private Map<String, Object> apicurioConfig() {
        return Map.of(
                SerdeConfig.REGISTRY_URL,
                nativeApiUrl(),
                SerdeConfig.EXPLICIT_ARTIFACT_GROUP_ID,
                "default",
                SerdeConfig.EXPLICIT_ARTIFACT_VERSION,
                "1",
                SerdeConfig.USE_ID,
                IdOption.contentId.name(),
                SerdeConfig.ID_HANDLER,
                Default4ByteIdHandler.class.getName(),
                KafkaSerdeConfig.ENABLE_HEADERS,
                false,
                io.apicurio.registry.serde.avro.AvroSerdeConfig.USE_SPECIFIC_AVRO_READER,
                true);
    }

    /** Apicurio's native v2 API of the stack's registry, beside its Confluent-compatible API. */
    private String nativeApiUrl() {
        String confluentApi = stack.registryUrl();
        assertThat(confluentApi).endsWith(SchemaRegistryProcess.CONFLUENT_API_PATH);
        return confluentApi.substring(0, confluentApi.length() - SchemaRegistryProcess.CONFLUENT_API_PATH.length())
                + "/apis/registry/v2";
    }

    /** The content id of the artifact's version 1, from the native API's version metadata. */
    private int contentIdOfVersion1(String artifactId) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(nativeApiUrl() + "/groups/default/artifacts/" + artifactId + "/versions/1/meta"))
                .timeout(HTTP_TIMEOUT)
                .GET()
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode metadata = new ObjectMapper().readTree(response.body());
        return metadata.path("contentId").asInt();
    }
}
