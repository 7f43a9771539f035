package io.paperstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.avro.PaperAbstract;
import io.paperstream.avro.TopicCount;
import io.paperstream.registry.InMemorySchemaRegistryClient;
import io.paperstream.serde.AvroSerdeConfig;
import io.paperstream.serde.KafkaAvroDeserializer;
import io.paperstream.serde.KafkaAvroSerializer;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * What the Avro deserializer ({@link KafkaAvroDeserializer}) must do with any payload, checked by the seeded fuzz
 * ({@link DeserializerFuzzIT}) and by the coverage-guided one ({@link CoverageGuidedFuzzIT}) alike, and what it
 * decodes against: the in-memory registry holding our schemas — registered by our serializer writing real events of
 * the corpus ({@code PaperAbstract}, {@code ClassifiedPaper}, {@code TopicCount}) — plus a record no class exists for
 * and a plain string schema, so that payloads also name schemas that cannot be read; and three deserializers: into
 * the class the writer schema names, into {@code PaperAbstract} whatever was written, and into {@code GenericRecord}.
 * The registry is filled in the same order in every JVM, so a schema has the same id in each.
 *
 * <p>The property: a payload decodes to a record (equal to the event when the bytes are the event's), null decodes
 * to null, and everything else is a {@link SerializationException} naming the topic — never another exception.
 */
final class DeserializerProperty {

    /** The topic every payload is decoded for. */
    static final String TOPIC = "fuzz-topic";

    private static final Instant INGESTED = Instant.parse("2025-03-14T09:00:00Z");

    /** An event and its bytes on the wire. */
    record WireEvent(IndexedRecord record, byte[] bytes) {}

    /** The deserializers under test. */
    enum Reader {
        WRITER_NAMED_CLASS,
        PAPER_ABSTRACT,
        GENERIC
    }

    private static final InMemorySchemaRegistryClient REGISTRY = new InMemorySchemaRegistryClient();
    private static final List<WireEvent> EVENTS = serializeCorpus();
    private static final Map<ByteBuffer, IndexedRecord> EVENTS_BY_BYTES = EVENTS.stream()
            .collect(Collectors.toUnmodifiableMap(
                    event -> ByteBuffer.wrap(event.bytes()), WireEvent::record, (same, other) -> same));
    /** Ids of schemas that cannot be read into a generated class: a record of an unknown name, a plain string. */
    private static final List<Integer> UNREADABLE_IDS = List.of(
            REGISTRY.register(
                    "foreign-value",
                    SchemaBuilder.record("Foreign")
                            .namespace("com.example")
                            .fields()
                            .requiredString("name")
                            .endRecord()),
            REGISTRY.register("string-value", Schema.create(Schema.Type.STRING)));

    private static final Map<Reader, KafkaAvroDeserializer<?>> DESERIALIZERS = deserializers();

    private DeserializerProperty() {}

    /** The corpus's events of three types as our serializer wrote them. */
    static List<WireEvent> events() {
        return EVENTS;
    }

    /** The registered ids of the schemas no generated class reads. */
    static List<Integer> unreadableIds() {
        return UNREADABLE_IDS;
    }

    /**
     * Checks how {@code bytes} (null for a tombstone) decode with {@code reader}, throwing on a violation; returns the
     * outcome: decoded, null or SerializationException.
     */
    static String outcomeOf(Reader reader, byte[] bytes) {
        Object value;
        try {
            value = DESERIALIZERS.get(reader).deserialize(TOPIC, bytes);
        } catch (SerializationException e) {
            assertThat(e.getMessage()).contains("'" + TOPIC + "'");
            return "SerializationException";
        }
        if (bytes == null) {
            assertThat(value).isNull();
            return "null";
        }
        assertThat(value).isInstanceOf(IndexedRecord.class);
        IndexedRecord original = EVENTS_BY_BYTES.get(ByteBuffer.wrap(bytes));
        if (original != null && original.getClass() == value.getClass()) {
            assertThat(value).as("the event's own bytes decode to the event").isEqualTo(original);
        }
        return "decoded";
    }

    /** The corpus's events of three types, written by our serializer (which registers their schemas). */
    private static List<WireEvent> serializeCorpus() {
        KafkaAvroSerializer<IndexedRecord> serializer = new KafkaAvroSerializer<>(REGISTRY);
        List<IndexedRecord> records = new ArrayList<>(CorpusEvents.papers(INGESTED));
        List<ClassifiedPaper> classified = CorpusEvents.classified(INGESTED);
        records.addAll(classified);
        IntStream.range(0, classified.size())
                .filter(i -> i % 10 == 0)
                .mapToObj(i -> TopicCount.newBuilder()
                        .setTopic(classified.get(i).getPrimaryTopic())
                        .setPrimaryCount(i)
                        .setAnyCount(Long.MAX_VALUE - i)
                        .build())
                .forEach(records::add);
        // a topic per record type: TopicNameStrategy gives each its own subject
        return records.stream()
                .map(record -> new WireEvent(
                        record,
                        serializer.serialize(TOPIC + "-" + record.getSchema().getName(), record)))
                .toList();
    }

    private static Map<Reader, KafkaAvroDeserializer<?>> deserializers() {
        Map<Reader, KafkaAvroDeserializer<?>> deserializers = new EnumMap<>(Reader.class);
        deserializers.put(
                Reader.WRITER_NAMED_CLASS,
                new KafkaAvroDeserializer<>(REGISTRY, Map.of(AvroSerdeConfig.SPECIFIC_AVRO_READER_CONFIG, true)));
        deserializers.put(Reader.PAPER_ABSTRACT, new KafkaAvroDeserializer<>(REGISTRY, PaperAbstract.class));
        deserializers.put(Reader.GENERIC, new KafkaAvroDeserializer<>(REGISTRY));
        return deserializers;
    }
}
