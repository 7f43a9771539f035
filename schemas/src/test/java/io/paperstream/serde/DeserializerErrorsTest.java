package io.paperstream.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.paperstream.avro.PaperAbstract;
import io.paperstream.avro.TopicCount;
import io.paperstream.registry.FakeRegistryServer;
import io.paperstream.registry.InMemorySchemaRegistryClient;
import io.paperstream.registry.SchemaRegistryUnavailableException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class DeserializerErrorsTest {

    private static final String TOPIC = "papers.raw";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final KafkaAvroSerializer<PaperAbstract> serializer = new KafkaAvroSerializer<>(registry);
    private final KafkaAvroDeserializer<PaperAbstract> deserializer =
            new KafkaAvroDeserializer<>(registry, PaperAbstract.class);
    private final byte[] valid = serializer.serialize(TOPIC, SampleRecords.paperAbstract(CorpusPapers.first()));
    private final int validId = ByteBuffer.wrap(valid, 1, 4).getInt();

    private static byte[] framed(int schemaId, byte[] body) {
        return ByteBuffer.allocate(5 + body.length)
                .put((byte) 0)
                .putInt(schemaId)
                .put(body)
                .array();
    }

    private static byte[] genericBody(Schema schema, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema, GenericData.get()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    @Test
    void aWrongMagicByteIsNamedInHex() {
        byte[] json = "{\"id\":\"2410.17215\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, json))
                .isExactlyInstanceOf(SerializationException.class)
                .hasMessage(
                        "Cannot deserialize Avro value of topic 'papers.raw': unknown magic byte 0x7b (expected 0x00): "
                                + "the payload is not in the Confluent wire format");
    }

    @Test
    void aPayloadShorterThanTheHeaderSaysItsLength() {
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, new byte[] {0, 0, 1}))
                .isExactlyInstanceOf(SerializationException.class)
                .hasMessage(
                        "Cannot deserialize Avro value of topic 'papers.raw': the payload of 3 bytes is shorter than "
                                + "the 5-byte wire-format header (magic byte 0, 4-byte schema id)");
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, new byte[0]))
                .isExactlyInstanceOf(SerializationException.class)
                .hasMessageContaining("payload of 0 bytes");
    }

    @Test
    void anUnknownSchemaIdIsNamedWithTheRegistryAnswer() {
        assertThatThrownBy(
                        () -> deserializer.deserialize(TOPIC, framed(4242, Arrays.copyOfRange(valid, 5, valid.length))))
                .isExactlyInstanceOf(SerializationException.class)
                .hasMessage(
                        "Cannot deserialize Avro value of topic 'papers.raw' (schema id 4242): unknown schema id 4242 "
                                + "(the registry says: Schema 4242 not found (error code 40403, HTTP 404))");
    }

    @Test
    void aTruncatedBodyDoesNotDecode() {
        byte[] truncated = Arrays.copyOf(valid, valid.length / 2);

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, truncated))
                .isExactlyInstanceOf(SerializationException.class)
                .hasMessageStartingWith("Cannot deserialize Avro value of topic 'papers.raw' (schema id " + validId
                        + "): the body of " + (truncated.length - 5)
                        + " bytes does not decode with the writer schema: EOFException");
    }

    @Test
    void bytesLeftAfterTheRecordMeanAnotherSchemaWroteIt() {
        byte[] longer = Arrays.copyOf(valid, valid.length + 2);

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, longer))
                .isExactlyInstanceOf(SerializationException.class)
                .hasMessage("Cannot deserialize Avro value of topic 'papers.raw' (schema id " + validId
                        + "): bytes remain after " + "the record in the body of " + (longer.length - 5)
                        + " bytes: it was not written with this schema");
    }

    @Test
    void aBodyClaimingAHugeStringFailsFastWithoutExhaustingMemory() {
        // the id field's length as a zig-zag varint of 1.5 billion, then almost nothing
        byte[] body = {(byte) 0x80, (byte) 0xBC, (byte) 0xC1, (byte) 0x96, 0x0B, 'x'};
        long started = System.nanoTime();

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, framed(validId, body)))
                .isExactlyInstanceOf(SerializationException.class)
                .hasMessageContaining("(schema id " + validId + "): the body of 6 bytes does not decode");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aWriterSchemaOfAnotherRecordCannotBeReadAsTheReaderClass() {
        byte[] topicCount =
                new KafkaAvroSerializer<TopicCount>(registry).serialize("topics.counts", SampleRecords.topicCount());
        int id = ByteBuffer.wrap(topicCount, 1, 4).getInt();

        assertThatThrownBy(() -> deserializer.deserialize("topics.counts", topicCount))
                .isExactlyInstanceOf(SerializationException.class)
                .hasMessageStartingWith(
                        "Cannot deserialize Avro value of topic 'topics.counts' (schema id " + id
                                + "): the writer schema io.paperstream.avro.TopicCount cannot be read as io.paperstream.avro.PaperAbstract: NAME_MISMATCH");
    }

    @Test
    void aWriterSchemaWithoutGeneratedClassOrNotARecordIsRefused() throws IOException {
        Schema unknown = SchemaBuilder.record("Unknown")
                .namespace("com.example")
                .fields()
                .requiredString("id")
                .endRecord();
        int unknownId = registry.register("other-value", unknown);
        GenericRecord record = new GenericData.Record(unknown);
        record.put("id", "x");
        int stringId = registry.register("strings-value", Schema.create(Schema.Type.STRING));
        KafkaAvroDeserializer<PaperAbstract> byName =
                new KafkaAvroDeserializer<>(registry, Map.of(AvroSerdeConfig.SPECIFIC_AVRO_READER_CONFIG, true));

        assertThatThrownBy(() -> byName.deserialize("other", framed(unknownId, genericBody(unknown, record))))
                .isExactlyInstanceOf(SerializationException.class)
                .hasMessage(
                        "Cannot deserialize Avro value of topic 'other' (schema id " + unknownId
                                + "): no generated class "
                                + "com.example.Unknown on the classpath to read the writer schema into (specific.avro.reader=true)");
        assertThatThrownBy(() -> byName.deserialize("strings", framed(stringId, new byte[] {2, 'a'})))
                .isExactlyInstanceOf(SerializationException.class)
                .hasMessage("Cannot deserialize Avro value of topic 'strings' (schema id " + stringId
                        + "): the writer schema is a STRING, not a record");
    }

    @Test
    void keyDeserializersSayKey() {
        KafkaAvroDeserializer<PaperAbstract> keys = new KafkaAvroDeserializer<>(registry, PaperAbstract.class);
        keys.configure(Map.of(), true);

        assertThatThrownBy(() -> keys.deserialize(TOPIC, new byte[] {1, 0, 0, 0, 1}))
                .isExactlyInstanceOf(SerializationException.class)
                .hasMessageStartingWith("Cannot deserialize Avro key of topic 'papers.raw': unknown magic byte 0x01");
    }

    @Test
    void anUnavailableRegistryIsWaitedForThenNamedInOneSentence() {
        int port = FakeRegistryServer.closedPort();
        KafkaAvroDeserializer<PaperAbstract> remote = new KafkaAvroDeserializer<>(PaperAbstract.class);
        remote.configure(
                Map.of(
                        "schema.registry.url",
                        "http://127.0.0.1:" + port,
                        AvroSerdeConfig.UNAVAILABLE_WAIT_MS_CONFIG,
                        "300"),
                false);

        long start = System.nanoTime();
        assertThatThrownBy(() -> remote.deserialize(TOPIC, valid))
                .isExactlyInstanceOf(SerializationException.class)
                .hasMessage("Cannot deserialize Avro value of topic 'papers.raw' (schema id " + validId
                        + "): the schema registry did not give the writer schema within 300 ms"
                        + " (schema.registry.unavailable.wait.ms): Schema registry at http://127.0.0.1:" + port
                        + " is unavailable: connection refused.")
                .hasCauseInstanceOf(SchemaRegistryUnavailableException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("waited")
                .isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void aRegistryThatFailsInternallyIsAskedAgainUntilItAnswers() throws Exception {
        try (FakeRegistryServer server = FakeRegistryServer.start()) {
            String path = "/schemas/ids/" + validId;
            server.answerFirst("GET", path, 2, 500, "{\"error_code\":50001,\"message\":\"store error\"}")
                    .answer(
                            "GET",
                            path,
                            200,
                            JSON.writeValueAsString(Map.of(
                                    "schema", registry.getSchemaById(validId).toString())));
            KafkaAvroDeserializer<PaperAbstract> remote = new KafkaAvroDeserializer<>(PaperAbstract.class);
            remote.configure(Map.of("schema.registry.url", server.url()), false);

            assertThat(remote.deserialize(TOPIC, valid)).isEqualTo(SampleRecords.paperAbstract(CorpusPapers.first()));
            assertThat(server.requests())
                    .extracting(FakeRegistryServer.Request::pathAndQuery)
                    .containsExactly(path, path, path);
        }
    }

    @Test
    void unconfiguredDeserializersSaySo() {
        assertThatThrownBy(() -> new KafkaAvroDeserializer<PaperAbstract>().deserialize(TOPIC, valid))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("configure");
    }
}
