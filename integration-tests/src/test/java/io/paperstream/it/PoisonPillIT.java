package io.paperstream.it;

import static io.paperstream.it.TestTopics.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.avro.PaperAbstract;
import io.paperstream.avro.TopicCount;
import io.paperstream.classify.Classification;
import io.paperstream.classify.PaperClassifier;
import io.paperstream.registry.HttpSchemaRegistryClient;
import io.paperstream.registry.SchemaNotFoundException;
import io.paperstream.registry.SchemaRegistryClient;
import io.paperstream.serde.KafkaAvroSerializer;
import io.paperstream.streams.DeadLetters;
import io.paperstream.streams.StreamsSettings;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Poison pills on real parts: 10,000 corrupt records of four kinds, interleaved with good papers and written
 * byte for byte to the raw topic (four partitions) of the running streams application. Every corrupt record lands
 * in the dead-letter topic with its original key and value and headers that say which stage failed, why, and
 * exactly where the record was (topic, partition, offset); every good paper is counted exactly once; the
 * application stays RUNNING with the same stream threads throughout.
 *
 * <p>Only all-time counts are checked: with four partitions a fast replay leaves partitions apart in event time,
 * so window results depend on timing (see {@link PipelineEndToEndIT}); the window grace is set longer than the
 * good papers' span so that none is dropped as late either.
 */
@RealKafkaStack
class PoisonPillIT {

    private static final int POISON_PILLS = 10_000;
    private static final int GOOD_PAPERS = 2_000;
    private static final int PARTITIONS = 4;
    private static final long SEED = 20250314L;
    private static final Duration PROCESSING_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);
    /** Header the test puts on each corrupt record; Kafka's dead-letter records keep the original headers. */
    private static final String KIND_HEADER = "it.poison.kind";

    private static final Logger LOG = LoggerFactory.getLogger(PoisonPillIT.class);

    /** The kinds of corrupt records, each with what the dead letter's message must say about it. */
    private enum Poison {
        /** Random bytes of random length, 0 to 300: mostly no wire-format header at all. */
        RANDOM_BYTES,
        /** A valid PaperAbstract frame with a magic byte other than 0. */
        WRONG_MAGIC_BYTE,
        /** A valid PaperAbstract body behind a schema id the registry does not have. */
        UNKNOWN_SCHEMA_ID,
        /** Valid Avro of another record type: a TopicCount framed with its own registered schema id. */
        WRONG_SCHEMA
    }

    /** A record as written, with where the broker put it. */
    private record Written(Poison poison, byte[] key, byte[] value, int partition, long offset) {}

    private final StackEndpoints stack;
    private final SchemaRegistryClient registry;

    PoisonPillIT(StackEndpoints stack) {
        this.stack = stack;
        this.registry = new HttpSchemaRegistryClient(stack.registryUrl());
    }

    @Test
    void tenThousandPoisonPillsLandInTheDeadLetterTopicWithTheirOriginAndEveryGoodPaperCountsOnce()
            throws InterruptedException {
        // a grace longer than the good papers' span: partitions read at different speeds never leave a paper
        // behind a closed window (this test checks all-time counts only)
        Map<String, String> settings = Map.of(
                StreamsSettings.KAFKA_TOPIC_PARTITIONS.name(),
                Integer.toString(PARTITIONS),
                StreamsSettings.WINDOW_GRACE.name(),
                PaperReplay.DEFAULT_SPAN.plusDays(1).toDays() + "d");
        try (StreamsAppRun app = StreamsAppRun.start(stack, "it-poison", settings);
                StatePolling states = new StatePolling(app)) {
            Set<String> threadsAtStart = app.streamThreads();
            String raw = app.topic(StreamsSettings.KAFKA_TOPIC_RAW_PAPERS);

            // Step 1: good papers and corrupt records, shuffled together, written as raw bytes
            List<PaperAbstract> good = PaperReplay.generate(TestTopics.unique("it-poison-good"), GOOD_PAPERS, SEED)
                    .events();
            List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(GOOD_PAPERS + POISON_PILLS);
            KafkaAvroSerializer<PaperAbstract> papers = serializer();
            good.forEach(
                    paper -> records.add(new ProducerRecord<>(raw, utf8(paper.getId()), papers.serialize(raw, paper))));
            records.addAll(poisonPills(raw, app.topic(StreamsSettings.KAFKA_TOPIC_TOPIC_COUNTS), good.get(0)));
            Collections.shuffle(records, new Random(SEED));
            long writing = System.nanoTime();
            List<Written> written = writeRaw(records);
            long processing = System.nanoTime();

            // Step 2: the application works through all of it
            app.awaitCaughtUp(PROCESSING_TIMEOUT);
            LOG.info(
                    "wrote {} records ({} corrupt) in {} ms; the application had processed them {} ms later",
                    written.size(),
                    POISON_PILLS,
                    (processing - writing) / 1_000_000,
                    (System.nanoTime() - processing) / 1_000_000);

            // Step 3: every corrupt record is a dead letter, with its bytes and its origin
            Map<String, Written> poisonAt = written.stream()
                    .filter(record -> record.poison() != null)
                    .collect(Collectors.toMap(record -> record.partition() + "@" + record.offset(), record -> record));
            assertThat(poisonAt).hasSize(POISON_PILLS);
            List<ConsumerRecord<byte[], byte[]>> deadLetters = TestTopics.readAll(
                    stack.bootstrapServers(), app.topic(StreamsSettings.KAFKA_TOPIC_DEAD_LETTERS), PROCESSING_TIMEOUT);
            assertThat(deadLetters).as("dead letters").hasSize(POISON_PILLS);
            Map<Poison, Integer> perKind = new EnumMap<>(Poison.class);
            for (ConsumerRecord<byte[], byte[]> deadLetter : deadLetters) {
                String where = header(deadLetter, DeadLetters.PARTITION_HEADER) + "@"
                        + header(deadLetter, DeadLetters.OFFSET_HEADER);
                Written original = poisonAt.remove(where);
                assertThat(original)
                        .as(
                                "the corrupt record at partition@offset %s (a second dead letter, or none "
                                        + "was written there)",
                                where)
                        .isNotNull();
                assertDeadLetter(deadLetter, original, raw);
                perKind.merge(original.poison(), 1, Integer::sum);
            }
            assertThat(poisonAt).as("corrupt records without a dead letter").isEmpty();
            assertThat(perKind.values())
                    .as("dead letters per kind")
                    .containsOnly(POISON_PILLS / Poison.values().length);

            // Step 4: every good paper is classified and counted once
            PaperClassifier classifier = PaperClassifier.withDefaultTaxonomy();
            ExpectedCounts expected = new ExpectedCounts(
                    app.settings().get(StreamsSettings.WINDOW_SIZE),
                    app.settings().get(StreamsSettings.WINDOW_GRACE));
            Map<String, Classification> byText = new HashMap<>();
            for (PaperAbstract paper : good) {
                expected.paper(
                        paper.getId(),
                        byText.computeIfAbsent(
                                paper.getAbstract$(), text -> classifier.classify(paper.getTitle(), text)),
                        List.of(),
                        paper.getPublishedAt());
            }
            Map<String, TopicCount> counts = AvroTopic.latestByKey(
                    AvroTopic.read(stack, app.topic(StreamsSettings.KAFKA_TOPIC_TOPIC_COUNTS), TopicCount.class));
            assertThat(counts).as("topics.counts").isEqualTo(expected.allTime());
            List<AvroTopic.Keyed<ClassifiedPaper>> classified = AvroTopic.read(
                    stack, app.topic(StreamsSettings.KAFKA_TOPIC_CLASSIFIED_PAPERS), ClassifiedPaper.class);
            assertThat(classified)
                    .extracting(AvroTopic.Keyed::key)
                    .as("papers.classified")
                    .containsExactlyInAnyOrderElementsOf(
                            good.stream().map(PaperAbstract::getId).toList());

            // Step 5: it never stopped, and no stream thread died and was replaced
            assertThat(states.seen()).as("states since RUNNING").containsOnly(KafkaStreams.State.RUNNING);
            assertThat(app.streamThreads()).as("stream threads").isEqualTo(threadsAtStart);
        }
    }

    /** 2,500 records of each kind of {@link Poison}, in order of kind, each keyed {@code poison-<n>}. */
    private List<ProducerRecord<byte[], byte[]>> poisonPills(String raw, String countsTopic, PaperAbstract template) {
        Random random = new Random(SEED + 1);
        KafkaAvroSerializer<PaperAbstract> papers = serializer();
        KafkaAvroSerializer<TopicCount> counts = serializer();
        // registered under the counts topic's subject, as the application itself writes TopicCount
        byte[] topicCount = counts.serialize(
                countsTopic,
                TopicCount.newBuilder()
                        .setTopic("nlp")
                        .setPrimaryCount(3L)
                        .setAnyCount(5L)
                        .build());
        int[] unknownIds = unknownSchemaIds();
        List<ProducerRecord<byte[], byte[]>> pills = new ArrayList<>(POISON_PILLS);
        for (int n = 0; n < POISON_PILLS; n++) {
            Poison poison = Poison.values()[n * Poison.values().length / POISON_PILLS];
            String key = "poison-" + n;
            byte[] paper = papers.serialize(
                    raw, PaperAbstract.newBuilder(template).setId(key).build());
            byte[] value = switch (poison) {
                case RANDOM_BYTES -> randomBytes(random);
                case WRONG_MAGIC_BYTE -> withFirstByte(paper, (byte) (1 + random.nextInt(255)));
                case UNKNOWN_SCHEMA_ID ->
                    ByteBuffer.allocate(paper.length)
                            .put(paper)
                            .putInt(1, unknownIds[n % unknownIds.length])
                            .array();
                case WRONG_SCHEMA -> topicCount;
            };
            ProducerRecord<byte[], byte[]> pill = new ProducerRecord<>(raw, utf8(key), value);
            pill.headers().add(KIND_HEADER, utf8(poison.name()));
            pills.add(pill);
        }
        return pills;
    }

    /** Random bytes; when they happen to start like a frame (magic byte 0), with an id no registry hands out. */
    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(301)];
        random.nextBytes(bytes);
        if (bytes.length >= 5 && bytes[0] == 0) {
            bytes[1] = 0x7f;
        }
        return bytes;
    }

    private static byte[] withFirstByte(byte[] frame, byte first) {
        byte[] copy = frame.clone();
        copy[0] = first;
        return copy;
    }

    /** Schema ids far beyond what the test registry has handed out, checked to be unknown to it. */
    private int[] unknownSchemaIds() {
        int[] ids = {900_001, 900_002, 900_003, 900_004};
        for (int id : ids) {
            assertThatThrownBy(() -> registry.getSchemaById(id))
                    .as("schema id %d", id)
                    .isInstanceOf(SchemaNotFoundException.class);
        }
        return ids;
    }

    /** Writes {@code records} in order with a plain byte producer and returns where each went. */
    private List<Written> writeRaw(List<ProducerRecord<byte[], byte[]>> records) {
        Map<String, Object> config = stack.producerConfig();
        config.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sent =
                    records.stream().map(producer::send).toList();
            producer.flush();
            List<Written> written = new ArrayList<>(records.size());
            for (int i = 0; i < records.size(); i++) {
                ProducerRecord<byte[], byte[]> record = records.get(i);
                RecordMetadata metadata = sent.get(i).get(SEND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                Header kind = record.headers().lastHeader(KIND_HEADER);
                written.add(new Written(
                        kind == null ? null : Poison.valueOf(new String(kind.value(), StandardCharsets.UTF_8)),
                        record.key(),
                        record.value(),
                        metadata.partition(),
                        metadata.offset()));
            }
            return written;
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("the broker did not take a record", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while writing the raw topic", e);
        }
    }

    /**
     * The dead letter of {@code original}: its key and value byte for byte, its own headers kept, and Kafka's and
     * paperstream's headers saying the value could not be deserialized, with the deserializer's reason.
     */
    private static void assertDeadLetter(ConsumerRecord<byte[], byte[]> deadLetter, Written original, String raw) {
        String where = original.poison() + " at " + original.partition() + "@" + original.offset();
        assertThat(deadLetter.key()).as("key of %s", where).isEqualTo(original.key());
        assertThat(deadLetter.value()).as("value of %s", where).isEqualTo(original.value());
        assertThat(header(deadLetter, KIND_HEADER))
                .as("original header of %s", where)
                .isEqualTo(original.poison().name());
        assertThat(header(deadLetter, DeadLetters.STAGE_HEADER))
                .as("stage of %s", where)
                .isEqualTo(DeadLetters.DESERIALIZE_STAGE);
        assertThat(header(deadLetter, DeadLetters.TOPIC_HEADER))
                .as("topic of %s", where)
                .isEqualTo(raw);
        assertThat(header(deadLetter, DeadLetters.EXCEPTION_HEADER))
                .as("exception of %s", where)
                .isEqualTo(SerializationException.class.getName());
        String message = header(deadLetter, DeadLetters.MESSAGE_HEADER);
        assertThat(message)
                .as("message of %s", where)
                .startsWith("Cannot deserialize Avro value of topic '" + raw + "'");
        switch (original.poison()) {
            case RANDOM_BYTES ->
                assertThat(message)
                        .as("message of %s", where)
                        .containsAnyOf(
                                "shorter than the 5-byte wire-format header",
                                "unknown magic byte",
                                "unknown schema id");
            case WRONG_MAGIC_BYTE ->
                assertThat(message)
                        .as("message of %s", where)
                        .contains(String.format("unknown magic byte 0x%02x", original.value()[0] & 0xff));
            case UNKNOWN_SCHEMA_ID ->
                assertThat(message)
                        .as("message of %s", where)
                        .contains("unknown schema id "
                                + ByteBuffer.wrap(original.value(), 1, 4).getInt());
            case WRONG_SCHEMA ->
                assertThat(message)
                        .as("message of %s", where)
                        .contains("io.paperstream.avro.TopicCount cannot be read as io.paperstream.avro.PaperAbstract");
        }
    }

    private <T extends IndexedRecord> KafkaAvroSerializer<T> serializer() {
        return new KafkaAvroSerializer<>(registry);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
