package io.paperstream.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paperstream.avro.PaperAbstract;
import io.paperstream.avro.TopicCount;
import io.paperstream.registry.FakeRegistryServer;
import io.paperstream.registry.InMemorySchemaRegistryClient;
import io.paperstream.registry.MockSchemaRegistry;
import io.paperstream.registry.SchemaNotFoundException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SerializerTest {

    private static final String TOPIC = "papers.raw";
    private static final String SUBJECT = "papers.raw-value";
    private static final String SCOPE = "serializer-test";

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final PaperAbstract paper = SampleRecords.paperAbstract(CorpusPapers.first());
    private final Schema avsc = AvscFiles.namedTypes().get("io.paperstream.avro.PaperAbstract");

    @AfterEach
    void dropScope() {
        MockSchemaRegistry.dropScope(SCOPE);
    }

    private static int schemaId(byte[] bytes) {
        return ByteBuffer.wrap(bytes, 1, 4).getInt();
    }

    @Test
    void registersTheSchemaAsWrittenInTheAvsc() {
        byte[] bytes = new KafkaAvroSerializer<PaperAbstract>(registry).serialize(TOPIC, paper);

        Schema registered = registry.getSchemaById(schemaId(bytes));
        assertThat(registered.toString()).isEqualTo(avsc.toString()).doesNotContain("avro.java.string");
        assertThat(registry.getAllSubjects()).containsExactly(SUBJECT);
    }

    @Test
    void withoutAutoRegistrationTheSchemaIsLookedUpAndMustExist() {
        KafkaAvroSerializer<PaperAbstract> serializer =
                new KafkaAvroSerializer<>(registry, Map.of(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "false"));

        assertThatThrownBy(() -> serializer.serialize(TOPIC, paper))
                .isExactlyInstanceOf(SerializationException.class)
                .hasMessage(
                        "Cannot serialize Avro value for topic 'papers.raw': looking up schema io.paperstream.avro.PaperAbstract "
                                + "under subject 'papers.raw-value' failed: Subject 'papers.raw-value' not found. (error code 40401, HTTP 404) "
                                + "(auto.register.schemas is false: register the schema before producing)");

        int id = registry.register(SUBJECT, avsc);
        assertThat(schemaId(serializer.serialize(TOPIC, paper)))
                .as("the .avsc registered by any client matches")
                .isEqualTo(id);
        assertThatThrownBy(() -> registry.getId(SUBJECT, PaperAbstract.getClassSchema()))
                .as("the generated schema with avro.java.string would not have matched")
                .isInstanceOf(SchemaNotFoundException.class);
    }

    @Test
    void useLatestVersionWritesWithTheLatestIdWithoutRegistering() {
        int latest = registry.register(SUBJECT, avsc);
        KafkaAvroSerializer<PaperAbstract> serializer = new KafkaAvroSerializer<>(
                registry,
                Map.of(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false, AvroSerdeConfig.USE_LATEST_VERSION, true));

        byte[] bytes = serializer.serialize(TOPIC, paper);

        assertThat(schemaId(bytes)).isEqualTo(latest);
        assertThat(new KafkaAvroDeserializer<>(registry, PaperAbstract.class).deserialize(TOPIC, bytes))
                .isEqualTo(paper);
    }

    @Test
    void useLatestVersionRefusesALatestSchemaThatCannotHoldTheRecord() {
        Schema unrelated = SchemaBuilder.record("PaperAbstract")
                .namespace("io.paperstream.avro")
                .fields()
                .requiredString("id")
                .requiredString("doi")
                .endRecord();
        int latest = registry.register(SUBJECT, unrelated);
        KafkaAvroSerializer<PaperAbstract> serializer = new KafkaAvroSerializer<>(
                registry,
                Map.of(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false, AvroSerdeConfig.USE_LATEST_VERSION, true));

        assertThatThrownBy(() -> serializer.serialize(TOPIC, paper))
                .isExactlyInstanceOf(SerializationException.class)
                .hasMessage(
                        "Cannot serialize Avro value for topic 'papers.raw': the latest schema of subject 'papers.raw-value' (id "
                                + latest + ", version 1) cannot represent io.paperstream.avro.PaperAbstract records: "
                                + "READER_FIELD_MISSING_DEFAULT_VALUE at /fields/1: doi");
    }

    @Test
    void anIncompatibleSchemaIsRefusedWithTheRegistryCode() {
        registry.register(
                "topics.counts-value",
                SchemaBuilder.record("TopicCount")
                        .namespace("io.paperstream.avro")
                        .fields()
                        .requiredString("topic")
                        .endRecord());

        assertThatThrownBy(() -> new KafkaAvroSerializer<TopicCount>(registry)
                        .serialize("topics.counts", SampleRecords.topicCount()))
                .isExactlyInstanceOf(SerializationException.class)
                .hasMessageStartingWith("Cannot serialize Avro value for topic 'topics.counts': registering schema "
                        + "io.paperstream.avro.TopicCount under subject 'topics.counts-value' failed: Schema being registered is "
                        + "incompatible with an earlier schema for subject \"topics.counts-value\"")
                .hasMessageContaining("primaryCount")
                .hasMessageEndingWith("(error code 409, HTTP 409)");
    }

    @Test
    void anUnavailableRegistryIsOneSentenceWithinTheSerializationError() {
        int port = FakeRegistryServer.closedPort();
        KafkaAvroSerializer<PaperAbstract> serializer = new KafkaAvroSerializer<>();
        serializer.configure(Map.of("schema.registry.url", "http://127.0.0.1:" + port + "/apis/ccompat/v7"), false);

        assertThatThrownBy(() -> serializer.serialize(TOPIC, paper))
                .isExactlyInstanceOf(SerializationException.class)
                .hasMessage(
                        "Cannot serialize Avro value for topic 'papers.raw': registering schema io.paperstream.avro.PaperAbstract "
                                + "under subject 'papers.raw-value' failed: Schema registry at http://127.0.0.1:" + port
                                + "/apis/ccompat/v7 is unavailable: connection refused.");
    }

    @Test
    void aRecordThatDoesNotMatchItsSchemaNamesTheField() {
        PaperAbstract untitled = PaperAbstract.newBuilder(paper).build();
        untitled.setTitle(null);
        KafkaAvroSerializer<PaperAbstract> serializer = new KafkaAvroSerializer<>(registry);
        int id = schemaId(serializer.serialize(TOPIC, paper));

        assertThatThrownBy(() -> serializer.serialize(TOPIC, untitled))
                .isExactlyInstanceOf(SerializationException.class)
                .hasMessageStartingWith("Cannot serialize Avro value for topic 'papers.raw' (schema id " + id
                        + "): the io.paperstream.avro.PaperAbstract does not encode: ")
                .hasMessageContaining("title");
    }

    @Test
    void eachRecordIsWrittenWholeAfterOneThatFailedHalfWay() throws IOException {
        KafkaAvroSerializer<PaperAbstract> serializer = new KafkaAvroSerializer<>(registry);
        int id = schemaId(serializer.serialize(TOPIC, paper));
        // the id is encoded before the missing title fails the record
        PaperAbstract untitled = PaperAbstract.newBuilder(paper).build();
        untitled.setTitle(null);

        for (CorpusPapers.Paper source : CorpusPapers.load()) {
            PaperAbstract next = SampleRecords.paperAbstract(source);
            assertThatThrownBy(() -> serializer.serialize(TOPIC, untitled))
                    .isExactlyInstanceOf(SerializationException.class);
            assertThat(serializer.serialize(TOPIC, next)).isEqualTo(writtenAlone(id, next));
        }
    }

    /** The wire format of {@code record}, written with a stream and encoder of its own. */
    private static byte[] writtenAlone(int schemaId, PaperAbstract record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(schemaId).array());
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        new SpecificDatumWriter<>(PaperAbstract.class).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    @Test
    void mockUrlsShareOneRegistryPerScope() {
        Map<String, String> config = Map.of("schema.registry.url", "mock://" + SCOPE);
        KafkaAvroSerializer<PaperAbstract> serializer = new KafkaAvroSerializer<>();
        serializer.configure(config, false);
        KafkaAvroDeserializer<PaperAbstract> deserializer = new KafkaAvroDeserializer<>();
        deserializer.configure(
                Map.of(
                        "schema.registry.url",
                        "mock://" + SCOPE,
                        AvroSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE_CONFIG,
                        PaperAbstract.class.getName()),
                false);

        byte[] bytes = serializer.serialize(TOPIC, paper);

        assertThat(MockSchemaRegistry.getClientForScope(SCOPE).getAllSubjects()).containsExactly(SUBJECT);
        assertThat(deserializer.deserialize(TOPIC, bytes)).isEqualTo(paper);
    }

    @Test
    void configurationErrorsNameTheKey() {
        assertThatThrownBy(() -> new KafkaAvroSerializer<PaperAbstract>().configure(Map.of(), false))
                .isExactlyInstanceOf(ConfigException.class)
                .hasMessage("Missing required configuration \"schema.registry.url\" which has no default value.");
        assertThatThrownBy(() -> new KafkaAvroSerializer<PaperAbstract>(
                        registry,
                        Map.of(
                                AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY,
                                "io.confluent.kafka.serializers.subject.RecordNameStrategy")))
                .isExactlyInstanceOf(ConfigException.class)
                .hasMessageContaining("value.subject.name.strategy")
                .hasMessageContaining("only TopicNameStrategy");
        assertThatThrownBy(() -> new KafkaAvroDeserializer<PaperAbstract>(
                        registry, Map.of(AvroSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE_CONFIG, String.class.getName())))
                .isExactlyInstanceOf(ConfigException.class)
                .hasMessageContaining("specific.avro.value.type");
        assertThatThrownBy(() -> new KafkaAvroSerializer<PaperAbstract>().serialize(TOPIC, paper))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessageContaining("configure");
    }
}
