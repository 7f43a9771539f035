package io.paperstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.it.DeserializerProperty.Reader;
import io.paperstream.it.DeserializerProperty.WireEvent;
import io.paperstream.serde.KafkaAvroDeserializer;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the Avro deserializer ({@link KafkaAvroDeserializer}) with damaged Confluent wire-format payloads: real
 * events of the corpus ({@code PaperAbstract}, {@code ClassifiedPaper}, {@code TopicCount}) as our serializer writes
 * them, then with bits flipped, bytes overwritten, inserted and deleted, cut short, another magic byte, another or
 * unknown schema id, the header of one event on the body of another (valid Avro of the wrong schema), or plain
 * random bytes. 30,000 payloads by default, each decoded by one of the three deserializers of
 * {@link DeserializerProperty}. The payloads are seeded and reproducible by seed and input index ({@link FuzzRun}).
 *
 * <p>A unit-level fuzz of the decoder, so the registry is the in-memory one, holding our schemas plus two that no
 * generated class reads, so that random ids also land on schemas that cannot be read. The property
 * ({@link DeserializerProperty}): a payload decodes to a record (equal to the event when the bytes are the event's),
 * null decodes to null, and everything else is a {@code SerializationException} naming the topic — never another
 * exception.
 */
class DeserializerFuzzIT {

    private static final int PAYLOAD_INPUTS = 30_000;

    /**
     * One payload to decode.
     *
     * @param recipe how it was made, for the failure report
     * @param bytes the payload, or null for a tombstone
     */
    record Payload(String recipe, byte[] bytes) {
        @Override
        public String toString() {
            return "Payload[" + recipe + ", bytes=" + (bytes == null ? "null" : ByteMutations.show(bytes)) + "]";
        }

        /** This payload cut to the first half of its bytes; empty for a tombstone or when none are left. */
        Optional<Payload> firstHalf() {
            if (bytes == null || bytes.length == 0) {
                return Optional.empty();
            }
            return Optional.of(new Payload(
                    recipe + ", first " + bytes.length / 2 + " bytes", Arrays.copyOf(bytes, bytes.length / 2)));
        }
    }

    /** A payload and the deserializer that decodes it. */
    record Decoding(Payload payload, Reader reader) {

        Optional<Decoding> firstHalf() {
            return payload.firstHalf().map(half -> new Decoding(half, reader));
        }
    }

    private static final List<WireEvent> EVENTS = DeserializerProperty.events();

    @Test
    void decodesToARecordOrThrowsSerializationException() {
        Generator<Payload> payloads = payloads();
        Generator<Reader> readers = Generator.oneOf(Reader.values());
        FuzzRun.Outcomes outcomes = FuzzRun.check(
                "payloads",
                PAYLOAD_INPUTS,
                random -> new Decoding(payloads.apply(random), readers.apply(random)),
                decoding -> DeserializerProperty.outcomeOf(
                        decoding.reader(), decoding.payload().bytes()),
                Decoding::firstHalf);
        assertThat(outcomes.inputs()).as("payloads decoded and checked").isEqualTo(FuzzRun.inputs(PAYLOAD_INPUTS));
        assertThat(outcomes.percentage("decoded"::equals))
                .as("share of payloads decoded: %s", outcomes)
                .isGreaterThan(5);
        assertThat(outcomes.percentage("SerializationException"::equals))
                .as("share of payloads refused: %s", outcomes)
                .isGreaterThan(30);
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
            return new Payload("event " + index + " " + header + " " + edits, bytes);
        };
        Generator<Payload> spliced = random -> {
            int headerOf = event.apply(random);
            int bodyOf = event.apply(random);
            byte[] header = Arrays.copyOf(EVENTS.get(headerOf).bytes(), 5);
            byte[] body = EVENTS.get(bodyOf).bytes();
            byte[] bytes = Arrays.copyOf(header, body.length);
            System.arraycopy(body, 5, bytes, 5, body.length - 5);
            return new Payload("header of event " + headerOf + " on the body of event " + bodyOf, bytes);
        };
        Generator<Integer> schemaIds = schemaIds();
        Generator<byte[]> shortNoise = ByteMutations.noise(64);
        Generator<byte[]> body = ByteMutations.noise(256);
        Generator<Payload> noise = Generator.<byte[]>frequency(
                        Generator.weight(1, shortNoise), Generator.weight(2, random -> {
                            int id = schemaIds.apply(random);
                            byte[] rest = body.apply(random);
                            return ByteBuffer.allocate(5 + rest.length)
                                    .put((byte) 0)
                                    .putInt(id)
                                    .put(rest)
                                    .array();
                        }))
                .map(bytes -> new Payload("random bytes", bytes));
        return Generator.frequency(
                Generator.weight(1, Generator.constant(new Payload("tombstone", null))),
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
        Generator<Byte> magic = Generator.frequency(
                Generator.weight(5, Generator.constant((Byte) null)), Generator.weight(1, Generator.anyByte()));
        Generator<Integer> schemaId = Generator.frequency(
                Generator.weight(3, Generator.constant((Integer) null)), Generator.weight(2, schemaIds()));
        return random -> new HeaderEdit(magic.apply(random), schemaId.apply(random));
    }

    /** Registered ids (readable or not), their neighbours, and any int. */
    private static Generator<Integer> schemaIds() {
        List<Integer> unreadable = DeserializerProperty.unreadableIds();
        int highest = Math.max(unreadable.get(0), unreadable.get(1));
        return Generator.frequency(
                Generator.weight(4, Generator.between(1, highest)),
                Generator.weight(1, Generator.oneOf(0, -1, highest + 1, Integer.MAX_VALUE, Integer.MIN_VALUE)),
                Generator.weight(1, Generator.anyInt()));
    }
}
