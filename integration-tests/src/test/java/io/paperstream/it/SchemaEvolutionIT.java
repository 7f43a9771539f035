package io.paperstream.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.avro.PaperAbstract;
import io.paperstream.avro.TopicCount;
import io.paperstream.classify.PaperClassifier;
import io.paperstream.producer.PaperEvents;
import io.paperstream.producer.ProduceCommand;
import io.paperstream.producer.source.PaperRecord;
import io.paperstream.registry.CompatibilityLevel;
import io.paperstream.registry.HttpSchemaRegistryClient;
import io.paperstream.registry.IncompatibleSchemaException;
import io.paperstream.registry.SchemaRegistryClient;
import io.paperstream.serde.AvroSerdeConfig;
import io.paperstream.serde.JavaStringProperty;
import io.paperstream.serde.KafkaAvroSerializer;
import io.paperstream.streams.StreamsSettings;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Schema evolution on the real registry (Apicurio, Confluent API, subject compatibility BACKWARD as Confluent's
 * default) and the real broker: a version 2 of {@code PaperAbstract} with a new optional field is accepted, and
 * the streams application, built against version 1 and already running, processes the events written with it
 * (counted, classified, every version 1 field intact); a change that old data cannot be read with is refused, and
 * the registry's error names the field.
 */
@RealKafkaStack
class SchemaEvolutionIT {

    private static final Duration PROCESSING_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);
    private static final Instant PUBLISHED = Instant.parse("2025-03-14T00:00:00Z");

    /** Version 1: the schema the application was built with, as registered (without Java string properties). */
    private static final Schema V1 = JavaStringProperty.removeFrom(PaperAbstract.getClassSchema());
    /** BACKWARD-compatible: a new optional field with a default, which a version 1 reader skips. */
    private static final Schema V2 = withField(
            V1,
            new Schema.Field(
                    "doi",
                    SchemaBuilder.unionOf().nullType().and().stringType().endUnion(),
                    "DOI of the paper, when it has one.",
                    Schema.Field.NULL_DEFAULT_VALUE));
    /** Not BACKWARD-compatible: a new required field, which data written before it does not have. */
    private static final Schema WITH_REQUIRED_VENUE = withField(
            V1, new Schema.Field("venue", Schema.create(Schema.Type.STRING), "Where the paper was published."));

    private final StackEndpoints stack;
    private final SchemaRegistryClient registry;

    SchemaEvolutionIT(StackEndpoints stack) {
        this.stack = stack;
        this.registry = new HttpSchemaRegistryClient(stack.registryUrl());
    }

    @Test
    void eventsOfABackwardCompatibleVersion2AreProcessedByTheRunningVersion1Application() {
        try (StreamsAppRun app = StreamsAppRun.start(stack, "it-evolution", Map.of())) {
            String raw = app.topic(StreamsSettings.KAFKA_TOPIC_RAW_PAPERS);
            String subject = raw + "-value";

            // Step 1: the corpus, written by the real producer with version 1 (which registers it)
            ProduceCommandRun.Outcome run = ProduceCommandRun.inProcess(
                    stack.produceArguments(raw, Corpus.YEAR, Corpus.path().toString()));
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ProduceCommand.EXIT_OK);
            int v1Id = registry.getLatestSchemaMetadata(subject).id();

            // Step 2: version 2 is registered under BACKWARD compatibility while the application runs
            assertThat(registry.setCompatibility(subject, CompatibilityLevel.BACKWARD))
                    .isEqualTo(CompatibilityLevel.BACKWARD);
            assertThat(registry.testCompatibility(subject, V2))
                    .as("version 2 is BACKWARD-compatible")
                    .isTrue();
            int v2Id = registry.register(subject, V2);
            assertThat(v2Id).isNotEqualTo(v1Id);
            assertThat(registry.getLatestSchemaMetadata(subject).version()).isEqualTo(2);

            // Step 3: the corpus's papers again under new ids, written with version 2 and a DOI each
            List<PaperAbstract> asVersion1 = new ArrayList<>();
            List<GenericRecord> events = new ArrayList<>();
            Instant ingested = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            List<PaperRecord> corpus = Corpus.papers();
            for (int i = 0; i < corpus.size(); i++) {
                PaperAbstract paper = PaperAbstract.newBuilder(PaperEvents.toEvent(corpus.get(i), PUBLISHED, ingested))
                        .setId("v2-" + corpus.get(i).id())
                        .build();
                asVersion1.add(paper);
                events.add(withExtraField(V2, paper, "doi", "10.48550/arXiv.2503." + String.format("%05d", i)));
            }
            sendVersion2(raw, events);

            // Step 4: the running application read every version 2 event as version 1 and counted it
            app.awaitCaughtUp(PROCESSING_TIMEOUT);
            List<ConsumerRecord<byte[], byte[]>> written =
                    TestTopics.readAll(stack.bootstrapServers(), raw, PROCESSING_TIMEOUT);
            Map<Integer, Long> eventsPerSchemaId = written.stream()
                    .collect(Collectors.groupingBy(
                            record -> ByteBuffer.wrap(record.value(), 1, 4).getInt(), Collectors.counting()));
            assertThat(eventsPerSchemaId)
                    .as("raw events per schema id")
                    .isEqualTo(Map.of(v1Id, (long) Corpus.PAPERS, v2Id, (long) Corpus.PAPERS));
            assertThat(TestTopics.readAll(
                            stack.bootstrapServers(),
                            app.topic(StreamsSettings.KAFKA_TOPIC_DEAD_LETTERS),
                            PROCESSING_TIMEOUT))
                    .as("dead letters")
                    .isEmpty();

            Map<String, ClassifiedPaper> classified = AvroTopic.latestByKey(AvroTopic.read(
                    stack, app.topic(StreamsSettings.KAFKA_TOPIC_CLASSIFIED_PAPERS), ClassifiedPaper.class));
            assertThat(classified).hasSize(2 * Corpus.PAPERS);
            PaperClassifier classifier = PaperClassifier.withDefaultTaxonomy();
            ExpectedCounts expected = new ExpectedCounts(
                    app.settings().get(StreamsSettings.WINDOW_SIZE),
                    app.settings().get(StreamsSettings.WINDOW_GRACE));
            for (PaperRecord paper : corpus) {
                expected.paper(
                        paper.id(),
                        classifier.classify(paper.title(), paper.abstractText()),
                        List.of(),
                        paper.sourceTime());
            }
            for (PaperAbstract paper : asVersion1) {
                ClassifiedPaper result = classified.get(paper.getId());
                assertThat(result).as("classified %s", paper.getId()).isNotNull();
                assertThat(result.getPaper().getPaper())
                        .as("the version 1 fields of %s", paper.getId())
                        .isEqualTo(paper);
                assertThat(result.getPrimaryTopic())
                        .isEqualTo(classifier
                                .classify(paper.getTitle(), paper.getAbstract$())
                                .primary());
                expected.paper(
                        paper.getId(),
                        classifier.classify(paper.getTitle(), paper.getAbstract$()),
                        List.of(),
                        paper.getPublishedAt());
            }
            Map<String, TopicCount> counts = AvroTopic.latestByKey(
                    AvroTopic.read(stack, app.topic(StreamsSettings.KAFKA_TOPIC_TOPIC_COUNTS), TopicCount.class));
            assertThat(counts).as("topics.counts").isEqualTo(expected.allTime());
        }
    }

    @Test
    void aChangeThatCannotReadOldDataIsRefusedWithTheFieldNamed() {
        String topic = TestTopics.unique("it-evolution-refused");
        String subject = topic + "-value";
        int v1Id = registry.register(subject, V1);
        registry.setCompatibility(subject, CompatibilityLevel.BACKWARD);

        assertThat(registry.testCompatibility(subject, WITH_REQUIRED_VENUE)).isFalse();
        assertThatThrownBy(() -> registry.register(subject, WITH_REQUIRED_VENUE))
                .isInstanceOfSatisfying(IncompatibleSchemaException.class, refused -> {
                    assertThat(refused.errorCode()).isEqualTo(409);
                    // Apicurio names the field and where it is: "venue at /fields/10"
                    assertThat(refused.serverMessage())
                            .contains("venue at /fields/" + V1.getFields().size());
                });
        // a producer that would write the new version gets the same reason
        KafkaAvroSerializer<GenericRecord> serializer = new KafkaAvroSerializer<>(registry);
        GenericRecord withVenue = withExtraField(
                WITH_REQUIRED_VENUE,
                PaperAbstract.newBuilder()
                        .setId("2503.00001")
                        .setTitle("A title")
                        .setAbstract$("An abstract.")
                        .setPublishedAt(PUBLISHED)
                        .setIngestedAt(PUBLISHED)
                        .build(),
                "venue",
                "ICLR 2025");
        assertThatThrownBy(() -> serializer.serialize(topic, withVenue))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(subject)
                .hasMessageContaining("venue");

        assertThat(registry.getLatestSchemaMetadata(subject).version())
                .as("versions of the subject")
                .isEqualTo(1);
        assertThat(registry.getLatestSchemaMetadata(subject).id()).isEqualTo(v1Id);
    }

    /** Writes version 2 events with our serializer, which finds version 2's id in the registry (no registering). */
    private void sendVersion2(String topic, List<GenericRecord> events) {
        KafkaAvroSerializer<GenericRecord> serializer =
                new KafkaAvroSerializer<>(registry, Map.of(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false));
        Map<String, Object> config = stack.producerConfig();
        try (KafkaProducer<String, GenericRecord> producer =
                new KafkaProducer<>(config, new StringSerializer(), serializer)) {
            List<Future<RecordMetadata>> sent = events.stream()
                    .map(event -> producer.send(
                            new ProducerRecord<>(topic, event.get("id").toString(), event)))
                    .toList();
            for (Future<RecordMetadata> acknowledgement : sent) {
                acknowledgement.get(SEND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("the broker did not take a version 2 event", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while writing version 2 events", e);
        }
    }

    /**
     * {@code paper} as a record of {@code schema}, a version with one field more: every version 1 field with its
     * value (times as epoch milliseconds, as generic records hold them), and {@code field} set to {@code value}.
     */
    private static GenericRecord withExtraField(Schema schema, PaperAbstract paper, String field, Object value) {
        GenericRecord record = new GenericData.Record(schema);
        for (Schema.Field versionOneField : V1.getFields()) {
            Object fieldValue = paper.get(versionOneField.pos());
            record.put(
                    versionOneField.name(),
                    fieldValue instanceof Instant instant ? instant.toEpochMilli() : fieldValue);
        }
        record.put(field, value);
        return record;
    }

    /** {@code schema} with {@code extra} appended to its fields. */
    private static Schema withField(Schema schema, Schema.Field extra) {
        List<Schema.Field> fields = schema.getFields().stream()
                .map(field -> new Schema.Field(field, field.schema()))
                .collect(Collectors.toCollection(ArrayList::new));
        fields.add(extra);
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }
}
