package io.paperstream.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.paperstream.avro.PaperAbstract;
import io.paperstream.avro.PaperEngagement;
import io.paperstream.avro.TopicWindowCount;
import io.paperstream.classify.TrendingCorpus;
import io.paperstream.registry.SchemaRegistryException;
import io.paperstream.registry.SchemaRegistryServerException;
import io.paperstream.registry.SchemaRegistryUnavailableException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** papers.dlq: bad input goes there with the reason, and the pipeline carries on. */
class DeadLetterTest {

    private static final Instant PUBLISHED = Instant.parse("2026-03-16T09:00:00Z");

    @Test
    void undeserializableRecordGoesToTheDeadLetterTopicAndTheNextPaperIsCounted() {
        // TopologyTestDriver clears its MockProducer after every input, uncommitted transactional sends included;
        // with exactly-once the dead letter of a record that leaves nothing to commit would vanish in the driver
        // (not in Kafka, where the next commit includes it; the integration tests check that)
        try (PipelineDriver pipeline = PipelineDriver.full(Map.of("processing.guarantee", "at_least_once"))) {
            // Step 1: bytes that are not Confluent-framed Avro, then a good paper
            byte[] garbage = "{\"title\": \"not avro\"}".getBytes(StandardCharsets.UTF_8);
            TestInputTopic<String, byte[]> rawBytes =
                    pipeline.driver.createInputTopic("papers.raw", new StringSerializer(), new ByteArraySerializer());
            rawBytes.pipeInput("broken-1", garbage);
            pipeline.pipeRaw(TestPapers.paperAbstract("2410.17215", TestPapers.CORPUS.get(0), PUBLISHED));

            // Step 2: the dead letter keeps the original bytes and says where and why
            List<TestRecord<byte[], byte[]>> dead = pipeline.deadLetters().readRecordsToList();
            assertThat(dead).singleElement().satisfies(record -> {
                assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("broken-1");
                assertThat(record.value()).isEqualTo(garbage);
                Headers headers = record.headers();
                assertThat(header(headers, DeadLetters.STAGE_HEADER)).isEqualTo(DeadLetters.DESERIALIZE_STAGE);
                assertThat(header(headers, DeadLetters.EXCEPTION_HEADER)).endsWith("Exception");
                assertThat(header(headers, DeadLetters.MESSAGE_HEADER)).isNotBlank();
                assertThat(header(headers, DeadLetters.TOPIC_HEADER)).isEqualTo("papers.raw");
                assertThat(header(headers, DeadLetters.PARTITION_HEADER)).isEqualTo("0");
                assertThat(header(headers, DeadLetters.OFFSET_HEADER)).isEqualTo("0");
            });
            // Step 3: the application kept going
            assertThat(pipeline.classified().readKeyValuesToMap()).containsOnlyKeys("2410.17215");
            assertThat(pipeline.counts().readValuesToList())
                    .isNotEmpty()
                    .allSatisfy(c -> assertThat(c.getAnyCount()).isEqualTo(1));
        }
    }

    @Test
    void recordAProcessorFailsOnGoesToTheDeadLetterTopicWithItsStage() {
        try (PipelineDriver pipeline = PipelineDriver.full(Map.of())) {
            // keyed by something else than its paper id: the dedupe store would be partitioned wrongly
            PaperAbstract misKeyed = TestPapers.paperAbstract("2410.17215", TestPapers.CORPUS.get(0), PUBLISHED);
            pipeline.rawInput().pipeInput(new TestRecord<>("some-other-key", misKeyed, PUBLISHED));
            pipeline.pipeRaw(TestPapers.paperAbstract("2406.02061", TestPapers.CORPUS.get(2), PUBLISHED));

            List<TestRecord<byte[], byte[]>> dead = pipeline.deadLetters().readRecordsToList();
            assertThat(dead).singleElement().satisfies(record -> {
                assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("some-other-key");
                PaperAbstract original = pipeline.serdes
                        .value(PaperAbstract.class)
                        .deserializer()
                        .deserialize("papers.raw", record.value());
                assertThat(original).isEqualTo(misKeyed);
                assertThat(header(record.headers(), DeadLetters.STAGE_HEADER)).isEqualTo(EnrichTopology.ENRICH);
                assertThat(header(record.headers(), DeadLetters.EXCEPTION_HEADER))
                        .isEqualTo(IllegalArgumentException.class.getName());
                assertThat(header(record.headers(), DeadLetters.MESSAGE_HEADER))
                        .contains("some-other-key")
                        .contains("2410.17215");
                assertThat(header(record.headers(), DeadLetters.OFFSET_HEADER)).isEqualTo("0");
            });
            assertThat(pipeline.classified().readKeyValuesToMap()).containsOnlyKeys("2406.02061");
        }
    }

    @Test
    void aPaperLargerThanTheLimitGoesToTheDeadLetterTopicWithItsSize() {
        try (PipelineDriver pipeline = PipelineDriver.full(
                Map.of("processing.guarantee", "at_least_once", StreamsSettings.PAPER_MAX_BYTES.name(), "8192"))) {
            // Step 1: a corpus paper whose abstract repeats until it is over 8 KB, with characters of two, three and
            // four bytes in UTF-8; then a corpus paper as it is
            TrendingCorpus.Paper source = TestPapers.CORPUS.get(0);
            String abstractText = (source.abstractText() + " Schrödinger ∑ 𝔼 ").repeat(5);
            PaperAbstract large = PaperAbstract.newBuilder(TestPapers.paperAbstract("2410.17215", source, PUBLISHED))
                    .setAbstract$(abstractText)
                    .build();
            pipeline.pipeRaw(large);
            pipeline.pipeRaw(TestPapers.paperAbstract("2406.02061", TestPapers.CORPUS.get(2), PUBLISHED));

            // Step 2: its dead letter gives its size in bytes, counted as UTF-8, and the limit
            int bytes = (large.getId() + large.getTitle() + abstractText + large.getSource())
                    .getBytes(StandardCharsets.UTF_8)
                    .length;
            assertThat(bytes).isGreaterThan(8192);
            assertThat(pipeline.deadLetters().readRecordsToList())
                    .singleElement()
                    .satisfies(record -> {
                        assertThat(header(record.headers(), DeadLetters.STAGE_HEADER))
                                .isEqualTo(EnrichTopology.ENRICH);
                        assertThat(header(record.headers(), DeadLetters.MESSAGE_HEADER))
                                .isEqualTo("the paper's text is " + bytes + " bytes (UTF-8), more than the 8192 of"
                                        + " paperstream.paper.max-bytes: the records made from it would not fit the producer's"
                                        + " max.request.size");
                    });
            assertThat(pipeline.classified().readKeyValuesToMap()).containsOnlyKeys("2406.02061");
        }
    }

    @Test
    void aDeadLetterTooLargeToSendLosesItsStackTraceThenItsValue() {
        DeadLetters.Stamping stamping = DeadLetters.Stamping.of(Map.of("producer.max.request.size", "20000"));
        assertThat(stamping.maxBytes()).isEqualTo(20_000);
        assertThat(DeadLetters.Stamping.of(Map.of()).maxBytes())
                .as("Kafka's default")
                .isEqualTo(1_048_576);

        List<ProducerRecord<byte[], byte[]>> stamped = stamping.stamp(
                List.of(deadLetter(1_000), deadLetter(15_000), deadLetter(19_950)), EnrichTopology.ENRICH);

        // small: as it was, stack trace included
        assertThat(stamped.get(0).value()).hasSize(1_000);
        assertThat(stamped.get(0).headers().lastHeader(DeadLetters.STACKTRACE_HEADER))
                .isNotNull();
        // fits without its 5,000-byte stack trace: the value stays
        assertThat(stamped.get(1).value()).hasSize(15_000);
        assertThat(stamped.get(1).headers().lastHeader(DeadLetters.STACKTRACE_HEADER))
                .isNull();
        assertThat(stamped.get(1).headers().lastHeader(DeadLetters.VALUE_OMITTED_HEADER))
                .isNull();
        // does not fit even so: the value goes, and a header says why and where the original is
        assertThat(stamped.get(2).value()).isNull();
        assertThat(stamped.get(2).key()).isEqualTo("k".getBytes(StandardCharsets.UTF_8));
        assertThat(header(stamped.get(2).headers(), DeadLetters.VALUE_OMITTED_HEADER))
                .isEqualTo("its 19950 bytes do not fit a dead letter (max.request.size 20000); the original stays at"
                        + " the topic, partition and offset of its headers");
        assertThat(header(stamped.get(2).headers(), DeadLetters.OFFSET_HEADER)).isEqualTo("7");
        assertThat(stamped)
                .allSatisfy(r -> assertThat(r.timestamp()).isNull())
                .allSatisfy(r -> assertThat(header(r.headers(), DeadLetters.STAGE_HEADER))
                        .isEqualTo(EnrichTopology.ENRICH));
    }

    @Test
    void aRecordTheRegistryCouldNotGiveTheSchemaOfFailsTheThreadInsteadOfBeingADeadLetter() {
        List<String> told = new ArrayList<>();
        DeadLetterDeserializationHandler handler = new DeadLetterDeserializationHandler();
        handler.configure(Map.of(
                StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG,
                "papers.dlq",
                DeadLetters.OBSERVER_CONFIG,
                new PipelineObserver() {
                    @Override
                    public void deadLettered(String stage) {
                        told.add(stage);
                    }
                }));
        ErrorHandlerContext context = new ErrorHandlerContext() {
            private final Headers headers = new RecordHeaders();

            @Override
            public String topic() {
                return "papers.raw";
            }

            @Override
            public int partition() {
                return 2;
            }

            @Override
            public long offset() {
                return 41;
            }

            @Override
            public Headers headers() {
                return headers;
            }

            @Override
            public String processorNodeId() {
                return EnrichTopology.SOURCE;
            }

            @Override
            public TaskId taskId() {
                return new TaskId(0, 2);
            }

            @Override
            public long timestamp() {
                return PUBLISHED.toEpochMilli();
            }

            @Override
            public byte[] sourceRawKey() {
                return "2410.17215".getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public byte[] sourceRawValue() {
                return new byte[] {0, 0, 0, 0, 7, 1};
            }
        };
        ConsumerRecord<byte[], byte[]> record =
                new ConsumerRecord<>("papers.raw", 2, 41, context.sourceRawKey(), context.sourceRawValue());

        // the registry did not answer, or failed internally: the thread fails, nothing is a dead letter
        for (SchemaRegistryException down : List.of(
                new SchemaRegistryUnavailableException("Schema registry at http://127.0.0.1:9 is unavailable", null),
                new SchemaRegistryServerException(50001, 500, "store error"))) {
            DeserializationExceptionHandler.Response response =
                    handler.handleError(context, record, new SerializationException("fetching failed", down));
            assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.FAIL);
            assertThat(response.deadLetterQueueRecords()).isEmpty();
        }
        assertThat(told).isEmpty();

        // a record that is bad itself is one
        DeserializationExceptionHandler.Response bad =
                handler.handleError(context, record, new SerializationException("unknown schema id 7"));
        assertThat(bad.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        assertThat(bad.deadLetterQueueRecords()).singleElement().satisfies(deadLetter -> {
            assertThat(deadLetter.value()).isEqualTo(record.value());
            assertThat(header(deadLetter.headers(), DeadLetters.STAGE_HEADER)).isEqualTo(DeadLetters.DESERIALIZE_STAGE);
        });
        assertThat(told).containsExactly(DeadLetters.DESERIALIZE_STAGE);
    }

    /** A dead letter as Kafka's handlers build it: a value of {@code valueBytes} and a 5,000-byte stack trace. */
    private static ProducerRecord<byte[], byte[]> deadLetter(int valueBytes) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(
                "papers.dlq",
                null,
                PUBLISHED.toEpochMilli(),
                "k".getBytes(StandardCharsets.UTF_8),
                new byte[valueBytes]);
        record.headers().add(DeadLetters.OFFSET_HEADER, "7".getBytes(StandardCharsets.UTF_8));
        record.headers().add(DeadLetters.STACKTRACE_HEADER, new byte[5_000]);
        return record;
    }

    @Test
    void aTombstoneGoesToTheDeadLetterTopicSayingSo() {
        try (PipelineDriver pipeline = PipelineDriver.full(Map.of("processing.guarantee", "at_least_once"))) {
            pipeline.rawInput().pipeInput(new TestRecord<>("2410.17215", null, PUBLISHED));
            pipeline.pipeRaw(TestPapers.paperAbstract("2406.02061", TestPapers.CORPUS.get(2), PUBLISHED));

            assertThat(pipeline.deadLetters().readRecordsToList())
                    .singleElement()
                    .satisfies(record -> {
                        assertThat(new String(record.key(), StandardCharsets.UTF_8))
                                .isEqualTo("2410.17215");
                        assertThat(record.value()).isNull();
                        assertThat(header(record.headers(), DeadLetters.STAGE_HEADER))
                                .isEqualTo(EnrichTopology.ENRICH);
                        assertThat(header(record.headers(), DeadLetters.MESSAGE_HEADER))
                                .isEqualTo(
                                        "the record has no value (a tombstone): the input takes one event per record and"
                                                + " deletes nothing");
                    });
            assertThat(pipeline.classified().readKeyValuesToMap()).containsOnlyKeys("2406.02061");
        }
    }

    @Test
    void papersAndObservationsDatedTooFarAheadAreDeadLettersAndLeaveStreamTimeAndWindowsAlone() {
        try (PipelineDriver pipeline = PipelineDriver.full(Map.of("processing.guarantee", "at_least_once"))) {
            TestOutputTopic<String, TopicWindowCount> windowed = pipeline.windowed();
            // Step 1: a paper of 2026-03-16, one published two days after now, another paper of 2026-03-16 an hour
            // later, and an engagement observation made two days after now
            Instant ahead = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
            pipeline.pipeRaw(TestPapers.paperAbstract("2410.17215", TestPapers.CORPUS.get(0), PUBLISHED));
            PaperAbstract future = TestPapers.paperAbstract("2406.02061", TestPapers.CORPUS.get(2), ahead);
            pipeline.pipeRaw(future);
            pipeline.pipeRaw(TestPapers.paperAbstract(
                    "2404.19756", TestPapers.CORPUS.get(3), PUBLISHED.plus(Duration.ofHours(1))));
            pipeline.pipeEngagement(PaperEngagement.newBuilder()
                    .setPaperId("2410.17215")
                    .setSource("hf-daily")
                    .setObservedAt(ahead)
                    .setUpvotes(12L)
                    .setGithubStars(40L)
                    .build());

            // Step 2: both went to the dead-letter topic, with the stage, the time and the limit, and without a
            // time of their own (the producer gives them the time they are sent)
            List<TestRecord<byte[], byte[]>> dead = pipeline.deadLetters().readRecordsToList();
            assertThat(dead).hasSize(2);
            assertThat(header(dead.get(0).headers(), DeadLetters.STAGE_HEADER)).isEqualTo(EnrichTopology.ENRICH);
            assertThat(pipeline.serdes
                            .value(PaperAbstract.class)
                            .deserializer()
                            .deserialize("papers.raw", dead.get(0).value()))
                    .isEqualTo(future);
            assertThat(header(dead.get(0).headers(), DeadLetters.MESSAGE_HEADER))
                    .matches("published at " + ahead + ", (2d 0h 0m|1d 23h 59m) ahead of this instance's clock: more"
                            + " than the 55m of paperstream.event-time.max-ahead \\(the broker refuses .*");
            assertThat(header(dead.get(1).headers(), DeadLetters.STAGE_HEADER)).isEqualTo(TrendingTopology.OBSERVATION);
            assertThat(header(dead.get(1).headers(), DeadLetters.MESSAGE_HEADER))
                    .startsWith("observed at " + ahead + ", ");
            assertThat(header(dead.get(1).headers(), DeadLetters.TOPIC_HEADER)).isEqualTo("papers.engagement");
            assertThat(dead)
                    .allSatisfy(record -> assertThat(record.getRecordTime())
                            .as("a dead letter's own time")
                            .isNull());

            // Step 3: stream time did not jump two days ahead: 2026-03-16 is still open and counts both its papers
            // once a paper of 2026-03-18 closes it
            assertThat(pipeline.classified().readKeyValuesToMap()).containsOnlyKeys("2410.17215", "2404.19756");
            assertThat(windowed.readRecordsToList())
                    .as("windows closed before 2026-03-18")
                    .isEmpty();
            pipeline.pipeRaw(TestPapers.paperAbstract(
                    "2405.04517", TestPapers.CORPUS.get(4), PUBLISHED.plus(Duration.ofDays(2))));
            List<TopicWindowCount> closed = windowed.readValuesToList();
            assertThat(closed)
                    .isNotEmpty()
                    .allSatisfy(count ->
                            assertThat(count.getWindowStart()).isEqualTo(Instant.parse("2026-03-16T00:00:00Z")));
            assertThat(closed.stream()
                            .mapToLong(TopicWindowCount::getPrimaryCount)
                            .sum())
                    .as("primary counts of 2026-03-16: one per paper")
                    .isEqualTo(2);

            // Step 4: a paper published within the limit goes through at its own time
            Instant soon = Instant.now().plus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
            pipeline.pipeRaw(TestPapers.paperAbstract("2407.21783", TestPapers.CORPUS.get(5), soon));
            assertThat(pipeline.classified().readRecordsToList())
                    .extracting(TestRecord::key, TestRecord::getRecordTime)
                    .containsExactly(
                            tuple("2405.04517", PUBLISHED.plus(Duration.ofDays(2))), tuple("2407.21783", soon));
            assertThat(pipeline.deadLetters().readRecordsToList()).isEmpty();
        }
    }

    private static String header(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
