package io.paperstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.avro.PaperAbstract;
import io.paperstream.producer.ProduceCommand;
import io.paperstream.producer.source.Origin;
import io.paperstream.producer.source.PaperReader;
import io.paperstream.producer.source.PaperReaders;
import io.paperstream.producer.source.PaperRecord;
import io.paperstream.producer.source.ReadResult;
import io.paperstream.producer.source.ReaderOptions;
import io.paperstream.registry.HttpSchemaRegistryClient;
import io.paperstream.registry.SchemaRegistryClient;
import io.paperstream.registry.SchemaRegistryClientConfig;
import io.paperstream.serde.AvroSerdeConfig;
import io.paperstream.serde.JavaStringProperty;
import io.paperstream.serde.KafkaAvroDeserializer;
import io.paperstream.stack.LoopbackPorts;
import io.paperstream.stack.StackTopics;
import io.paperstream.text.TextNormalizer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The real {@code produce} command sends the shared corpus to the real broker, and a consumer reads it back
 * through the real registry: 116 {@code PaperAbstract} events keyed by paper id, in the Confluent wire format,
 * equal to what the trending-page parser reads. And when the broker or the registry cannot be reached, the
 * command says so in one sentence with exit code 3.
 */
@RealKafkaStack
class ProducerEndToEndIT {

    private static final int CORPUS_PAPERS = 116;
    /** The corpus's date line says "Mar 14" without a year. */
    private static final int YEAR = 2025;

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(90);

    private final StackEndpoints stack;
    private final SchemaRegistryClient registry;

    ProducerEndToEndIT(StackEndpoints stack) {
        this.stack = stack;
        this.registry = new HttpSchemaRegistryClient(stack.registryUrl());
    }

    @Test
    void producesTheCorpusAndAConsumerReadsBack116EventsThroughTheRegistry() throws IOException {
        String topic = TestTopics.unique("it-papers-raw");
        TestTopics.create(stack.bootstrapServers(), topic, StackTopics.DEFAULT_PARTITIONS);
        Map<String, PaperRecord> parsed = parseCorpus();

        Instant before = Instant.now();
        ProduceCommandRun.Outcome run = ProduceCommandRun.inProcess(produceArguments(topic));
        Instant after = Instant.now();

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ProduceCommand.EXIT_OK);
        assertThat(run.errLines()).last().asString().startsWith("produce: read 116, sent 116, skipped 0, failed 0");
        List<ConsumerRecord<byte[], byte[]>> records =
                TestTopics.readAll(stack.bootstrapServers(), topic, READ_TIMEOUT);
        assertThat(records).hasSize(CORPUS_PAPERS);

        int schemaId = registry.getLatestSchemaMetadata(topic + "-value").id();
        assertThat(registry.getSchemaById(schemaId))
                .isEqualTo(JavaStringProperty.removeFrom(PaperAbstract.getClassSchema()));
        assertThat(records).allSatisfy(record -> {
            ByteBuffer value = ByteBuffer.wrap(record.value());
            assertThat(value.get()).as("magic byte").isZero();
            assertThat(value.getInt()).as("schema id").isEqualTo(schemaId);
        });

        Map<String, PaperAbstract> events = decode(topic, records);
        assertThat(events.keySet()).containsExactlyInAnyOrderElementsOf(parsed.keySet());
        assertThat(events.values()).allSatisfy(event -> {
            PaperRecord paper = parsed.get(event.getId());
            assertThat(event.getTitle()).isEqualTo(paper.title());
            assertThat(event.getAbstract$()).isEqualTo(paper.abstractText());
            assertThat(event.getSource()).isEqualTo("trending-page");
            assertThat(event.getSourceUri()).isEqualTo(paper.location().uri());
            assertThat(event.getPublishedAt()).isEqualTo(paper.sourceTime());
            assertThat(event.getIngestedAt()).isBetween(before.minusMillis(1), after);
        });
        List<String> paragraphs = corpusParagraphs();
        // the source's text: the original where normalizing changed it, else the title or abstract itself
        assertThat(events.values())
                .as("titles byte-exact as in the file")
                .extracting(event -> event.getOriginalTitle() == null ? event.getTitle() : event.getOriginalTitle())
                .containsExactlyInAnyOrderElementsOf(everyOther(paragraphs, 0));
        assertThat(events.values())
                .as("abstracts byte-exact as in the file")
                .extracting(event ->
                        event.getOriginalAbstract() == null ? event.getAbstract$() : event.getOriginalAbstract())
                .containsExactlyInAnyOrderElementsOf(everyOther(paragraphs, 1));
        assertThat(events.values())
                .as("titles and abstracts as people read them")
                .allSatisfy(event -> {
                    assertThat(event.getTitle()).isEqualTo(TextNormalizer.normalize(event.getTitle()));
                    assertThat(event.getAbstract$()).isEqualTo(TextNormalizer.normalize(event.getAbstract$()));
                });
    }

    @Test
    void producingTheCorpusAgainAppendsTheSameEventsUnderTheSameSchemaId() throws IOException {
        String topic = TestTopics.unique("it-papers-again");
        TestTopics.create(stack.bootstrapServers(), topic, StackTopics.DEFAULT_PARTITIONS);

        ProduceCommandRun.Outcome first = ProduceCommandRun.inProcess(produceArguments(topic));
        ProduceCommandRun.Outcome second = ProduceCommandRun.inProcess(produceArguments(topic));

        assertThat(first.exitCode()).as(first.err()).isEqualTo(ProduceCommand.EXIT_OK);
        assertThat(second.exitCode()).as(second.err()).isEqualTo(ProduceCommand.EXIT_OK);
        List<ConsumerRecord<byte[], byte[]>> records =
                TestTopics.readAll(stack.bootstrapServers(), topic, READ_TIMEOUT);
        assertThat(records).hasSize(2 * CORPUS_PAPERS);
        assertThat(records)
                .extracting(record -> ByteBuffer.wrap(record.value(), 1, 4).getInt())
                .as("schema ids")
                .containsOnly(registry.getLatestSchemaMetadata(topic + "-value").id());
        assertThat(registry.getLatestSchemaMetadata(topic + "-value").version()).isEqualTo(1);
        Map<String, Long> copiesPerKey = records.stream()
                .collect(Collectors.groupingBy(
                        record -> new String(record.key(), StandardCharsets.UTF_8), Collectors.counting()));
        assertThat(copiesPerKey)
                .hasSize(CORPUS_PAPERS)
                .allSatisfy((key, copies) -> assertThat(copies).isEqualTo(2));
        assertThat(parseCorpus().keySet()).containsExactlyInAnyOrderElementsOf(copiesPerKey.keySet());
    }

    @Test
    void anUnreachableBrokerIsOneSentenceAndExitCode3() {
        String closedBroker = LoopbackPorts.HOST + ":" + LoopbackPorts.freePorts(1)[0];

        ProduceCommandRun.Outcome run = ProduceCommandRun.asProcess(
                List.of(
                        "--bootstrap-servers",
                        closedBroker,
                        "--schema-registry-url",
                        stack.registryUrl(),
                        corpus().toString()),
                PROCESS_TIMEOUT);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ProduceCommand.EXIT_UNAVAILABLE);
        assertThat(run.errLines())
                .singleElement()
                .asString()
                .startsWith("Kafka broker at " + closedBroker + " is not reachable");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void anUnreachableRegistryIsOneSentenceAndExitCode3() {
        String closedRegistry =
                "http://" + LoopbackPorts.HOST + ":" + LoopbackPorts.freePorts(1)[0] + "/apis/ccompat/v7";

        // the default topic, papers.raw, which the stack created
        ProduceCommandRun.Outcome run = ProduceCommandRun.asProcess(
                List.of(
                        "--bootstrap-servers",
                        stack.bootstrapServers(),
                        "--schema-registry-url",
                        closedRegistry,
                        corpus().toString()),
                PROCESS_TIMEOUT);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ProduceCommand.EXIT_UNAVAILABLE);
        assertThat(run.errLines())
                .singleElement()
                .asString()
                .startsWith("Schema registry at " + closedRegistry + " is not reachable");
        assertThat(run.out()).isEmpty();
    }

    private List<String> produceArguments(String topic) {
        return stack.produceArguments(topic, YEAR, corpus().toString());
    }

    /** The events, decoded as a consumer configured with Confluent's keys would, by paper id. */
    private Map<String, PaperAbstract> decode(String topic, List<ConsumerRecord<byte[], byte[]>> records) {
        try (KafkaAvroDeserializer<PaperAbstract> deserializer = new KafkaAvroDeserializer<>()) {
            deserializer.configure(
                    Map.of(
                            SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG,
                            stack.registryUrl(),
                            AvroSerdeConfig.SPECIFIC_AVRO_READER_CONFIG,
                            true),
                    false);
            Map<String, PaperAbstract> events = new LinkedHashMap<>();
            for (ConsumerRecord<byte[], byte[]> record : records) {
                PaperAbstract event = deserializer.deserialize(topic, record.value());
                assertThat(new String(record.key(), StandardCharsets.UTF_8))
                        .as("key")
                        .isEqualTo(event.getId());
                assertThat(events.put(event.getId(), event))
                        .as("a second event for " + event.getId())
                        .isNull();
            }
            return events;
        }
    }

    /** The papers of the corpus as the producer's parser reads them, by id, in input order. */
    private static Map<String, PaperRecord> parseCorpus() throws IOException {
        Path corpus = corpus();
        Map<String, PaperRecord> papers = new LinkedHashMap<>();
        try (PaperReader reader = PaperReaders.open(
                Optional.empty(),
                Files.newInputStream(corpus),
                Origin.file(corpus),
                new ReaderOptions(ReaderOptions.DEFAULT_MAX_LINE_BYTES, YEAR))) {
            for (Optional<ReadResult> item = reader.next(); item.isPresent(); item = reader.next()) {
                assertThat(item.get())
                        .as("every record of the corpus is a paper")
                        .isInstanceOf(PaperRecord.class);
                PaperRecord paper = (PaperRecord) item.get();
                papers.put(paper.id(), paper);
            }
        }
        assertThat(papers).hasSize(CORPUS_PAPERS);
        return papers;
    }

    /**
     * The corpus split the plainest way, independently of the parser: paragraphs between blank lines, without
     * the five of the page header; titles and abstracts alternate.
     */
    private static List<String> corpusParagraphs() throws IOException {
        List<String> paragraphs =
                List.of(Files.readString(corpus(), StandardCharsets.UTF_8).split("\n\n"));
        assertThat(paragraphs).hasSize(5 + 2 * CORPUS_PAPERS);
        return paragraphs.subList(5, paragraphs.size());
    }

    private static List<String> everyOther(List<String> items, int offset) {
        return IntStream.range(0, items.size())
                .filter(i -> i % 2 == offset)
                .mapToObj(items::get)
                .toList();
    }

    private static Path corpus() {
        String property = System.getProperty("paperstream.corpus");
        assertThat(property).as("system property paperstream.corpus").isNotBlank();
        return Path.of(property);
    }
}
