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
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the Avro deserializer ({@link KafkaAvroDeserializer}) with damaged Confluent wire-format payloads: real
 * events of the corpus ({@code PaperAbstract}, {@code ClassifiedPaper}, {@code TopicCount}) as our serializer writes
 * them, then with bits flipped, bytes overwritten, inserted and deleted, cut short, another magic byte, another or
 * unknown schema id, the header of one event on the body of another (valid Avro of the wrong schema), or plain
 * random bytes. 30,000 payloads by default, each decoded by one of three deserializers: into the class the writer
 * schema names, into {@code PaperAbstract} whatever was written, and into {@code GenericRecord}. The payloads are
 * seeded and reproducible by seed and input index ({@link FuzzRun}).
 *
 * <p>A unit-level fuzz of the decoder, so the registry is the in-memory one, holding our schemas plus a record no
 * class exists for and a plain string schema, so that random ids also land on schemas that cannot be read. The
 * property: a payload decodes to a record (equal to the event when the bytes are the event's), null decodes to
 * null, and everything else is a {@link SerializationException} naming the topic — never another exception.
 */
class DeserializerFuzzIT {

    private static final String TOPIC = "fuzz-topic";
    private static final int PAYLOAD_INPUTS = 30_000;
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

        /** This payload cut to the first half of its bytes; empty for a tombstone or when none are left. */
        Optional<Payload> firstHalf() {
            if (bytes == null || bytes.length == 0) {
                return Optional.empty();
            }
            return Optional.of(new Payload(recipe + ", first " + bytes.length / 2 + " bytes",
                    Arrays.copyOf(bytes, bytes.length / 2), null));
        }
    }

    /** The deserializers under test. */
    enum Reader { WRITER_NAMED_CLASS, PAPER_ABSTRACT, GENERIC }

    /** A payload and the deserializer that decodes it. */
    record Decoding(Payload payload, Reader reader) {

        Optional<Decoding> firstHalf() {
            return payload.firstHalf().map(half -> new Decoding(half, reader));
        }
    }

    private static final InMemorySchemaRegistryClient REGISTRY = new InMemorySchemaRegistryClient();
    private static final List<WireEvent> EVENTS = serializeCorpus();
    /** Ids of schemas that cannot be read into a generated class: a record of an unknown name, a plain string. */
    private static final List<Integer> UNREADABLE_IDS = List.of(
            REGISTRY.register("foreign-value", SchemaBuilder.record("Foreign").namespace("com.example").fields()
                    .requiredString("name").endRecord()),
            REGISTRY.register("string-value", Schema.create(Schema.Type.STRING)));
    private static final Map<Reader, KafkaAvroDeserializer<?>> DESERIALIZERS = deserializers();

    @Test
    void decodesToARecordOrThrowsSerializationException() {
        Generator<Payload> payloads = payloads();
        Generator<Reader> readers = Generator.oneOf(Reader.values());
        FuzzRun.Outcomes outcomes = FuzzRun.check("payloads", PAYLOAD_INPUTS,
                random -> new Decoding(payloads.apply(random), readers.apply(random)),
                DeserializerFuzzIT::outcomeOf, Decoding::firstHalf);
        assertThat(outcomes.inputs()).as("payloads decoded and checked").isEqualTo(FuzzRun.inputs(PAYLOAD_INPUTS));
        assertThat(outcomes.percentage("decoded"::equals)).as("share of payloads decoded: %s", outcomes)
                .isGreaterThan(5);
        assertThat(outcomes.percentage("SerializationException"::equals))
                .as("share of payloads refused: %s", outcomes).isGreaterThan(30);
    }

    /** Checks how the payload decodes; returns the outcome, for the statistics. */
    private static String outcomeOf(Decoding decoding) {
        Payload payload = decoding.payload();
        Object value;
        try {
            value = DESERIALIZERS.get(decoding.reader()).deserialize(TOPIC, payload.bytes());
        } catch (SerializationException e) {
            assertThat(e.getMessage()).contains("'" + TOPIC + "'");
            return "SerializationException";
        }
        if (payload.bytes() == null) {
            assertThat(value).isNull();
            return "null";
        }
        assertThat(value).isInstanceOf(IndexedRecord.class);
        boolean sameClass = payload.original() != null && payload.original().getClass() == value.getClass();
        if (sameClass) {
            assertThat(value).as("the event's own bytes decode to the event").isEqualTo(payload.original());
        }
        return "decoded";
    }

    private static Generator<Payload> payloads() {
        Generator<Integer> event = Generator.between(0, EVENTS.size() - 1);
        Generator<HeaderEdit> headerEdits = headerEdit();
        Generator<List<ByteMutations.Mutation>> mutations = ByteMutations.mutations(4);
        Generator<Payload> damaged = random -> {
            int index = event.apply(random);
            HeaderEdit header = headerEdits.apply(random);
            List<ByteMutations.Mutation> edits = mutations.apply(random);
            WireEvent wire = EVENTS.get(index);
            byte[] bytes = ByteMutations.apply(header.applyTo(wire.bytes()), edits);
            return new Payload("event " + index + " " + header + " " + edits, bytes,
                    Arrays.equals(bytes, wire.bytes()) ? wire.record() : null);
        };
        Generator<Payload> spliced = random -> {
            int headerOf = event.apply(random);
            int bodyOf = event.apply(random);
            byte[] header = Arrays.copyOf(EVENTS.get(headerOf).bytes(), 5);
            byte[] body = EVENTS.get(bodyOf).bytes();
            byte[] bytes = Arrays.copyOf(header, body.length);
            System.arraycopy(body, 5, bytes, 5, body.length - 5);
            return new Payload("header of event " + headerOf + " on the body of event " + bodyOf, bytes,
                    Arrays.equals(bytes, EVENTS.get(bodyOf).bytes()) ? EVENTS.get(bodyOf).record() : null);
        };
        Generator<Integer> schemaIds = schemaIds();
        Generator<byte[]> shortNoise = ByteMutations.noise(64);
        Generator<byte[]> body = ByteMutations.noise(256);
        Generator<Payload> noise = Generator.<byte[]>frequency(
                Generator.weight(1, shortNoise),
                Generator.weight(2, random -> {
                    int id = schemaIds.apply(random);
                    byte[] rest = body.apply(random);
                    return ByteBuffer.allocate(5 + rest.length).put((byte) 0).putInt(id).put(rest).array();
                }))
                .map(bytes -> new Payload("random bytes", bytes, null));
        return Generator.frequency(
                Generator.weight(1, Generator.constant(new Payload("tombstone", null, null))),
                Generator.weight(12, damaged),
                Generator.weight(3, spliced),
                Generator.weight(3, noise));
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

    private static Generator<HeaderEdit> headerEdit() {
        Generator<Byte> magic = Generator.frequency(Generator.weight(5, Generator.constant((Byte) null)),
                Generator.weight(1, Generator.anyByte()));
        Generator<Integer> schemaId = Generator.frequency(Generator.weight(3, Generator.constant((Integer) null)),
                Generator.weight(2, schemaIds()));
        return random -> new HeaderEdit(magic.apply(random), schemaId.apply(random));
    }

    /** Registered ids (readable or not), their neighbours, and any int. */
    private static Generator<Integer> schemaIds() {
        int highest = Math.max(UNREADABLE_IDS.get(0), UNREADABLE_IDS.get(1));
        return Generator.frequency(
                Generator.weight(4, Generator.between(1, highest)),
                Generator.weight(1, Generator.oneOf(0, -1, highest + 1, Integer.MAX_VALUE, Integer.MIN_VALUE)),
                Generator.weight(1, Generator.anyInt()));
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
