package io.paperstream.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paperstream.avro.PaperAbstract;
import io.paperstream.registry.InMemorySchemaRegistryClient;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** Data written with other versions of PaperAbstract decodes into the current class by Avro schema resolution. */
class SchemaEvolutionTest {

    private static final String TOPIC = "papers.raw";
    private static final String SUBJECT = "papers.raw-value";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final SpecificAvroSerde<PaperAbstract> serde = new SpecificAvroSerde<>(registry, PaperAbstract.class);
    private final PaperAbstract current = SampleRecords.paperAbstract(CorpusPapers.first());

    /** The .avsc of PaperAbstract without the named fields, plus the given extra fields. */
    private static Schema paperAbstractVariant(Set<String> withoutFields, String... extraFields) throws IOException {
        ObjectNode schema = (ObjectNode) JSON.readTree(
                AvscFiles.namedTypes().get("io.paperstream.avro.PaperAbstract").toString());
        ArrayNode fields = (ArrayNode) schema.get("fields");
        for (int i = fields.size() - 1; i >= 0; i--) {
            if (withoutFields.contains(fields.get(i).get("name").asText())) {
                fields.remove(i);
            }
        }
        for (String extra : extraFields) {
            fields.add(JSON.readTree(extra));
        }
        return new Schema.Parser().parse(schema.toString());
    }

    /** The current sample as a generic record of {@code schema}: the fields both have, copied. */
    private GenericRecord asVariant(Schema schema) {
        GenericRecord record = new GenericData.Record(schema);
        for (Schema.Field field : schema.getFields()) {
            Schema.Field currentField = PaperAbstract.getClassSchema().getField(field.name());
            if (currentField != null) {
                Object value = current.get(currentField.pos());
                record.put(field.name(), value instanceof Instant instant ? instant.toEpochMilli() : value);
            }
        }
        return record;
    }

    @Test
    void dataOfAnOlderWriterWithoutDefaultedFieldsGetsTheDefaults() throws IOException {
        Schema older = paperAbstractVariant(Set.of("links", "source", "sourceUri"));
        GenericRecord old = asVariant(older);
        old.put("title", "Old Writer Title");
        int olderId = registry.register(SUBJECT, older);

        PaperAbstract read = serde.deserializer().deserialize(TOPIC, GenericFrames.framed(olderId, older, old));

        assertThat(read.getLinks()).isEmpty();
        assertThat(read.getSource()).isEqualTo("unknown");
        assertThat(read.getSourceUri()).isNull();
        assertThat(read.getTitle()).isEqualTo("Old Writer Title");
        assertThat(read.getAbstract$()).isEqualTo(current.getAbstract$());
        assertThat(read.getPublishedAt()).isEqualTo(SampleRecords.PUBLISHED);
        assertThat(serde.serializer().serialize(TOPIC, current))
                .as("the current schema registers after the older one: a BACKWARD-compatible evolution")
                .isNotNull();
        assertThat(registry.getLatestSchemaMetadata(SUBJECT).version()).isEqualTo(2);
    }

    @Test
    void dataOfANewerWriterWithAnExtraFieldDropsIt() throws IOException {
        Schema newer = paperAbstractVariant(
                Set.of(),
                "{\"name\":\"language\",\"type\":\"string\",\"default\":\"en\",\"doc\":\"ISO 639-1 language of the abstract.\"}");
        GenericRecord record = asVariant(newer);
        record.put("language", "de");
        int newerId = registry.register(SUBJECT, newer);

        assertThat(serde.deserializer().deserialize(TOPIC, GenericFrames.framed(newerId, newer, record)))
                .isEqualTo(current);
    }

    @Test
    void aWriterWithoutAFieldTheReaderRequiresIsRefusedWithTheField() throws IOException {
        Schema withoutTitle = paperAbstractVariant(Set.of("title"));
        int id = registry.register("papers.untitled-value", withoutTitle);
        byte[] bytes = GenericFrames.framed(id, withoutTitle, asVariant(withoutTitle));

        assertThatThrownBy(() -> serde.deserializer().deserialize("papers.untitled", bytes))
                .isExactlyInstanceOf(SerializationException.class)
                .hasMessage("Cannot deserialize Avro value of topic 'papers.untitled' (schema id " + id
                        + "): the writer schema "
                        + "io.paperstream.avro.PaperAbstract cannot be read as io.paperstream.avro.PaperAbstract: "
                        + "READER_FIELD_MISSING_DEFAULT_VALUE at /fields/1: title");
    }

    @Test
    void useLatestVersionWritesInTheLatestSchemaEvenWhenItDiffers() throws IOException {
        Schema latest =
                paperAbstractVariant(Set.of("links"), "{\"name\":\"language\",\"type\":\"string\",\"default\":\"en\"}");
        int latestId = registry.register(SUBJECT, latest);
        KafkaAvroSerializer<PaperAbstract> serializer = new KafkaAvroSerializer<>(
                registry,
                Map.of(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false, AvroSerdeConfig.USE_LATEST_VERSION, true));
        KafkaAvroDeserializer<GenericRecord> generic = new KafkaAvroDeserializer<>(registry);

        byte[] bytes = serializer.serialize(TOPIC, current);
        GenericRecord written = generic.deserialize(TOPIC, bytes);

        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(latestId);
        assertThat(written.getSchema()).isEqualTo(latest);
        assertThat(written.get("language")).hasToString("en");
        assertThat(written.get("title")).hasToString(current.getTitle());
        assertThat(written.get("publishedAt")).isEqualTo(SampleRecords.PUBLISHED.toEpochMilli());
        assertThat(serde.deserializer().deserialize(TOPIC, bytes))
                .as("read back into the class: only the links the latest schema lacks are lost")
                .isEqualTo(PaperAbstract.newBuilder(current).setLinks(List.of()).build());
        assertThat(registry.getAllSubjects()).as("nothing was registered").containsExactly(SUBJECT);
        assertThat(registry.getLatestSchemaMetadata(SUBJECT).version()).isEqualTo(1);
    }
}
