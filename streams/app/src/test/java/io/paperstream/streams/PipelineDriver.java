package io.paperstream.streams;

import io.paperstream.app.PaperstreamTopology;
import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.avro.DailyDigest;
import io.paperstream.avro.EnrichedPaper;
import io.paperstream.avro.KeywordTrend;
import io.paperstream.avro.PaperAbstract;
import io.paperstream.avro.PaperEngagement;
import io.paperstream.avro.TopicCount;
import io.paperstream.avro.TopicTrend;
import io.paperstream.avro.TopicWindowCount;
import io.paperstream.avro.TrendingPapers;
import io.paperstream.classify.PaperClassifier;
import io.paperstream.classify.Taxonomy;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.test.TestRecord;

/**
 * A {@link TopologyTestDriver} around the application's stages, with Avro serdes over an
 * in-memory registry ({@code mock://}) and state under {@code target/}. Every driver has its own
 * registry scope, application id and state directory.
 */
public final class PipelineDriver implements AutoCloseable {

    /** Input topic of {@link #fromEnriched}: stands for the output of the enrich stage. */
    static final String ENRICHED_INPUT = "test.enriched-input";

    static final Taxonomy TAXONOMY = Taxonomy.loadDefault();

    final StreamsSettings settings;
    final PaperstreamSerdes serdes;
    final Topology topology;
    final TopologyTestDriver driver;

    private PipelineDriver(StreamsSettings settings, PaperstreamSerdes serdes, StreamsBuilder builder) {
        this.settings = settings;
        this.serdes = serdes;
        Properties properties = settings.kafkaStreamsProperties();
        // building with the properties checks that every internal topic and store is named
        this.topology = builder.build(properties);
        this.driver = new TopologyTestDriver(topology, properties);
    }

    /**
     * Test settings: defaults, a fresh registry scope, application id and state directory, a source idle time of
     * 1 ms, then {@code overrides}. The driver's topics have one partition, so one source, and each pipe moves the
     * driver's clock by a flush interval: windows close at the latest time piped, as soon as the next pipe.
     */
    public static StreamsSettings settings(Map<String, String> overrides) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> values = new HashMap<>(Map.of(
                StreamsSettings.APPLICATION_ID.name(),
                "paperstream-test-" + id,
                StreamsSettings.SCHEMA_REGISTRY_URL.name(),
                "mock://paperstream-test-" + id,
                StreamsSettings.WINDOW_SOURCE_IDLE.name(),
                "1ms",
                StreamsConfig.STATE_DIR_CONFIG,
                Path.of("target", "streams-state", id).toAbsolutePath().toString()));
        values.putAll(overrides);
        return StreamsSettings.of(values);
    }

    /** Classify, count and trend stages fed with enriched papers from {@link #ENRICHED_INPUT}. */
    static PipelineDriver fromEnriched(Map<String, String> overrides) {
        StreamsSettings settings = settings(overrides);
        PaperstreamSerdes serdes = PaperstreamSerdes.from(settings);
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, EnrichedPaper> enriched =
                builder.stream(ENRICHED_INPUT, KafkaTopics.ENRICHED_PAPERS.consumed(serdes, "test-enriched-source"));
        KStream<String, PaperRevision<ClassifiedPaper>> revisions =
                new ClassifyTopology(serdes, new PaperClassifier(TAXONOMY)).build(builder, settings, enriched);
        new CountTopology(serdes).build(builder, settings, revisions);
        new TrendingTopology(serdes).build(builder, settings, revisions);
        new TrendTopology(serdes, topic -> TAXONOMY.topic(topic).name()).build(builder, settings, revisions);
        return new PipelineDriver(settings, serdes, builder);
    }

    /** The whole application, fed from papers.raw. */
    static PipelineDriver full(Map<String, String> overrides) {
        StreamsSettings settings = settings(overrides);
        PaperstreamSerdes serdes = PaperstreamSerdes.from(settings);
        StreamsBuilder builder = new StreamsBuilder();
        PaperstreamTopology.build(builder, settings, serdes, TAXONOMY);
        return new PipelineDriver(settings, serdes, builder);
    }

    TestInputTopic<String, PaperAbstract> rawInput() {
        return input(KafkaTopics.RAW_PAPERS.name(settings), KafkaTopics.RAW_PAPERS);
    }

    /** Pipes a raw paper keyed by its id; Kafka's record time is the ingestion time. */
    void pipeRaw(PaperAbstract paper) {
        rawInput().pipeInput(new TestRecord<>(paper.getId(), paper, paper.getIngestedAt()));
        flushCounts();
    }

    /** Pipes an engagement observation keyed by its paper id. */
    void pipeEngagement(PaperEngagement observation) {
        input(KafkaTopics.ENGAGEMENT.name(settings), KafkaTopics.ENGAGEMENT)
                .pipeInput(new TestRecord<>(observation.getPaperId(), observation, observation.getObservedAt()));
    }

    TestOutputTopic<String, TrendingPapers> trending() {
        return output(KafkaTopics.TRENDING);
    }

    TestOutputTopic<String, EnrichedPaper> enriched() {
        return output(KafkaTopics.ENRICHED_PAPERS);
    }

    /** Dead letters are the original bytes. */
    TestOutputTopic<byte[], byte[]> deadLetters() {
        return driver.createOutputTopic(
                settings.get(StreamsSettings.KAFKA_TOPIC_DEAD_LETTERS),
                Serdes.ByteArray().deserializer(),
                Serdes.ByteArray().deserializer());
    }

    TestInputTopic<String, EnrichedPaper> enrichedInput() {
        return input(ENRICHED_INPUT, KafkaTopics.ENRICHED_PAPERS);
    }

    /** Input to the Kafka topic {@code name}, with the types of {@code types}. */
    private <T extends SpecificRecord> TestInputTopic<String, T> input(String name, KafkaTopic<T> types) {
        return driver.createInputTopic(
                name, types.keySerde().serializer(), types.valueSerde(serdes).serializer());
    }

    /** Pipes an enriched paper keyed by its id, at its publication time, and lets the count stage see it. */
    void pipe(EnrichedPaper paper) {
        pipeUnflushed(paper);
        flushCounts();
    }

    /** Pipes an enriched paper; its count changes wait in the classify stage's buffer for the next flush. */
    void pipeUnflushed(EnrichedPaper paper) {
        enrichedInput()
                .pipeInput(new TestRecord<>(
                        paper.getPaper().getId(), paper, paper.getPaper().getPublishedAt()));
    }

    /** Moves wall-clock time by one flush interval: the buffered count changes go to the count stage. */
    void flushCounts() {
        driver.advanceWallClockTime(settings.get(StreamsSettings.COUNTS_FLUSH_INTERVAL));
    }

    <T extends SpecificRecord> TestOutputTopic<String, T> output(KafkaTopic<T> topic) {
        return driver.createOutputTopic(
                topic.name(settings),
                topic.keySerde().deserializer(),
                topic.valueSerde(serdes).deserializer());
    }

    TestOutputTopic<String, ClassifiedPaper> classified() {
        return output(KafkaTopics.CLASSIFIED_PAPERS);
    }

    TestOutputTopic<String, TopicCount> counts() {
        return output(KafkaTopics.TOPIC_COUNTS);
    }

    TestOutputTopic<String, TopicWindowCount> windowed() {
        return output(KafkaTopics.WINDOW_COUNTS);
    }

    TestOutputTopic<String, TopicWindowCount> windowedUpdates() {
        return output(KafkaTopics.WINDOW_COUNT_UPDATES);
    }

    TestOutputTopic<String, TopicTrend> topicTrends() {
        return output(KafkaTopics.TOPIC_TRENDS);
    }

    TestOutputTopic<String, KeywordTrend> keywordTrends() {
        return output(KafkaTopics.KEYWORD_TRENDS);
    }

    TestOutputTopic<String, DailyDigest> digests() {
        return output(KafkaTopics.DIGESTS);
    }

    /** Reads every record currently in {@code topic}. */
    static <V> List<TestRecord<String, V>> drain(TestOutputTopic<String, V> topic) {
        return topic.readRecordsToList();
    }

    @Override
    public void close() {
        driver.close();
    }
}
