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
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Fuzzes the Avro deserializer ({@link KafkaAvroDeserializer}) with damaged Confluent wire-format payloads: real
 * events of the corpus ({@code PaperAbstract}, {@code ClassifiedPaper}, {@code TopicCount}) as our serializer writes
 * them, then with bits flipped, bytes overwritten, inserted and deleted, cut short, another magic byte, another or
 * unknown schema id, the header of one event on the body of another (valid Avro of the wrong schema), or plain
 * random bytes. 30,000 payloads, each decoded by one of three deserializers: into the class the writer schema
 * names, into {@code PaperAbstract} whatever was written, and into {@code GenericRecord}.
 *
 * <p>A unit-level fuzz of the decoder, so the registry is the in-memory one, holding our schemas plus a record no
 * class exists for and a plain string schema, so that random ids also land on schemas that cannot be read. The
 * property: a payload decodes to a record (equal to the event when the bytes are the event's), null decodes to
 * null, and everything else is a {@link SerializationException} naming the topic — never another exception.
 */
class DeserializerFuzzIT {

    private static final String TOPIC = "fuzz-topic";
    private static final int PAYLOAD_TRIES = 30_000;
    private static final TryCounter TRIES = new TryCounter();
    private static final Instant INGESTED = Instant.parse("2025-03-14T09:00:00Z");

    /** An event and its bytes on the wire. */
    private record WireEvent(IndexedRecord record, byte[] bytes) {
    }

    /**
     * One payload to decode.
     *
     * @param recipe how it was made, for the failure report
     * @param bytes the payload, or null for a tombstone
     * @param original the event whose exact bytes these are, or null
     */
    record Payload(String recipe, byte[] bytes, IndexedRecord original) {
        @Override
        public String toString() {
            return "Payload[" + recipe + ", bytes=" + (bytes == null ? "null" : ByteMutations.show(bytes)) + "]";
        }
    }

    /** The deserializers under test. */
    enum Reader { WRITER_NAMED_CLASS, PAPER_ABSTRACT, GENERIC }

    private static final InMemorySchemaRegistryClient REGISTRY = new InMemorySchemaRegistryClient();
    private static final List<WireEvent> EVENTS = serializeCorpus();
    /** Ids of schemas that cannot be read into a generated class: a record of an unknown name, a plain string. */
    private static final List<Integer> UNREADABLE_IDS = List.of(
            REGISTRY.register("foreign-value", SchemaBuilder.record("Foreign").namespace("com.example").fields()
                    .requiredString("name").endRecord()),
            REGISTRY.register("string-value", Schema.create(Schema.Type.STRING)));
    private static final Map<Reader, KafkaAvroDeserializer<?>> DESERIALIZERS = deserializers();

    @Property(tries = PAYLOAD_TRIES)
    void decodesToARecordOrThrowsSerializationException(@ForAll("payloads") Payload payload, @ForAll Reader reader) {
        TRIES.count("payloads");
        Object value;
        try {
            value = DESERIALIZERS.get(reader).deserialize(TOPIC, payload.bytes());
        } catch (SerializationException e) {
            assertThat(e.getMessage()).contains("'" + TOPIC + "'");
            outcome("SerializationException");
            return;
        }
        if (payload.bytes() == null) {
            assertThat(value).isNull();
            outcome("null");
            return;
        }
        assertThat(value).isInstanceOf(IndexedRecord.class);
        boolean sameClass = payload.original() != null && payload.original().getClass() == value.getClass();
        if (sameClass) {
            assertThat(value).as("the event's own bytes decode to the event").isEqualTo(payload.original());
        }
        outcome("decoded");
    }

    @AfterContainer
    static void everyTryRanThroughTheAssertions() {
        TRIES.assertRan(Map.of("payloads", PAYLOAD_TRIES));
    }

    @Provide
    Arbitrary<Payload> payloads() {
        Arbitrary<Integer> event = Arbitraries.integers().between(0, EVENTS.size() - 1);
        Arbitrary<Payload> damaged = Combinators.combine(event, headerEdit(), ByteMutations.mutations(4))
                .as((index, header, edits) -> {
                    WireEvent wire = EVENTS.get(index);
                    byte[] bytes = ByteMutations.apply(header.applyTo(wire.bytes()), edits);
                    return new Payload("event " + index + " " + header + " " + edits, bytes,
                            Arrays.equals(bytes, wire.bytes()) ? wire.record() : null);
                });
        Arbitrary<Payload> spliced = Combinators.combine(event, event).as((headerOf, bodyOf) -> {
            byte[] header = Arrays.copyOf(EVENTS.get(headerOf).bytes(), 5);
            byte[] body = EVENTS.get(bodyOf).bytes();
            byte[] bytes = Arrays.copyOf(header, body.length);
            System.arraycopy(body, 5, bytes, 5, body.length - 5);
            return new Payload("header of event " + headerOf + " on the body of event " + bodyOf, bytes,
                    Arrays.equals(bytes, EVENTS.get(bodyOf).bytes()) ? EVENTS.get(bodyOf).record() : null);
        });
        Arbitrary<Payload> noise = Arbitraries.frequencyOf(
                Tuple.of(1, ByteMutations.noise(64)),
                Tuple.of(2, Combinators.combine(schemaIds(), ByteMutations.noise(256)).as((id, body) ->
                        ByteBuffer.allocate(5 + body.length).put((byte) 0).putInt(id).put(body).array())))
                .map(bytes -> new Payload("random bytes", bytes, null));
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(new Payload("tombstone", null, null))),
                Tuple.of(12, damaged),
                Tuple.of(3, spliced),
                Tuple.of(3, noise));
    }

    /** Another magic byte or schema id in the 5-byte header, or neither. */
    private record HeaderEdit(Byte magic, Integer schemaId) {

        byte[] applyTo(byte[] payload) {
            ByteBuffer edited = ByteBuffer.wrap(payload.clone());
            if (magic != null) {
                edited.put(0, magic);
            }
            if (schemaId != null) {
                edited.putInt(1, schemaId);
            }
            return edited.array();
        }

        @Override
        public String toString() {
            return (magic == null ? "" : "magic " + magic) + (schemaId == null ? "" : " schema id " + schemaId);
        }
    }

    private static Arbitrary<HeaderEdit> headerEdit() {
        Arbitrary<Byte> magic = Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.<Byte>just(null)),
                Tuple.of(1, Arbitraries.bytes()));
        Arbitrary<Integer> schemaId = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.<Integer>just(null)),
                Tuple.of(2, schemaIds()));
        return Combinators.combine(magic, schemaId).as(HeaderEdit::new);
    }

    /** Registered ids (readable or not), their neighbours, and any int. */
    private static Arbitrary<Integer> schemaIds() {
        int highest = Math.max(UNREADABLE_IDS.get(0), UNREADABLE_IDS.get(1));
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(1, highest)),
                Tuple.of(1, Arbitraries.of(0, -1, highest + 1, Integer.MAX_VALUE, Integer.MIN_VALUE)),
                Tuple.of(1, Arbitraries.integers()));
    }

    private static void outcome(String outcome) {
        Statistics.label("outcome").collect(outcome);
        Statistics.label("outcome").coverage(coverage -> {
            coverage.check("decoded").percentage(p -> p > 5);
            coverage.check("SerializationException").percentage(p -> p > 30);
        });
    }

    /** The corpus's events of three types, written by our serializer (which registers their schemas). */
    private static List<WireEvent> serializeCorpus() {
        KafkaAvroSerializer<IndexedRecord> serializer = new KafkaAvroSerializer<>(REGISTRY);
        List<IndexedRecord> records = new ArrayList<>(CorpusEvents.papers(INGESTED));
        List<ClassifiedPaper> classified = CorpusEvents.classified(INGESTED);
        records.addAll(classified);
        IntStream.range(0, classified.size()).filter(i -> i % 10 == 0).mapToObj(i -> TopicCount.newBuilder()
                        .setTopic(classified.get(i).getPrimaryTopic()).setPrimaryCount(i)
                        .setAnyCount(Long.MAX_VALUE - i).build())
                .forEach(records::add);
        // a topic per record type: TopicNameStrategy gives each its own subject
        return records.stream().map(record -> new WireEvent(record,
                serializer.serialize(TOPIC + "-" + record.getSchema().getName(), record))).toList();
    }

    private static Map<Reader, KafkaAvroDeserializer<?>> deserializers() {
        Map<Reader, KafkaAvroDeserializer<?>> deserializers = new EnumMap<>(Reader.class);
        deserializers.put(Reader.WRITER_NAMED_CLASS, new KafkaAvroDeserializer<>(REGISTRY,
                Map.of(AvroSerdeConfig.SPECIFIC_AVRO_READER_CONFIG, true)));
        deserializers.put(Reader.PAPER_ABSTRACT, new KafkaAvroDeserializer<>(REGISTRY, PaperAbstract.class));
        deserializers.put(Reader.GENERIC, new KafkaAvroDeserializer<>(REGISTRY));
        return deserializers;
    }
}
