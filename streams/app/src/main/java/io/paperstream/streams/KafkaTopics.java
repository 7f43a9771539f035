package io.paperstream.streams;

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

/**
 * The Kafka topics the pipeline reads and writes, one typed handle each. The dead-letter Kafka topic
 * ({@link StreamsSettings#KAFKA_TOPIC_DEAD_LETTERS}) has none: it holds the failed records' bytes as
 * they came, whatever their type.
 */
public final class KafkaTopics {

    /** The input: a paper's abstract per paper id. */
    public static final KafkaTopic<PaperAbstract> RAW_PAPERS =
            new KafkaTopic<>(StreamsSettings.KAFKA_TOPIC_RAW_PAPERS, PaperAbstract.class);

    public static final KafkaTopic<EnrichedPaper> ENRICHED_PAPERS =
            new KafkaTopic<>(StreamsSettings.KAFKA_TOPIC_ENRICHED_PAPERS, EnrichedPaper.class);
    public static final KafkaTopic<ClassifiedPaper> CLASSIFIED_PAPERS =
            new KafkaTopic<>(StreamsSettings.KAFKA_TOPIC_CLASSIFIED_PAPERS, ClassifiedPaper.class);
    /** All-time counts per research topic. */
    public static final KafkaTopic<TopicCount> TOPIC_COUNTS =
            new KafkaTopic<>(StreamsSettings.KAFKA_TOPIC_TOPIC_COUNTS, TopicCount.class);
    /** The final count of each research topic in each closed window. */
    public static final KafkaTopic<TopicWindowCount> WINDOW_COUNTS =
            new KafkaTopic<>(StreamsSettings.KAFKA_TOPIC_WINDOW_COUNTS, TopicWindowCount.class);
    /** Every update of an open window's counts, when early updates are on. */
    public static final KafkaTopic<TopicWindowCount> WINDOW_COUNT_UPDATES =
            new KafkaTopic<>(StreamsSettings.KAFKA_TOPIC_WINDOW_COUNT_UPDATES, TopicWindowCount.class);
    /** The rising research topics of each closed window. */
    public static final KafkaTopic<TopicTrend> TOPIC_TRENDS =
            new KafkaTopic<>(StreamsSettings.KAFKA_TOPIC_TOPIC_TRENDS, TopicTrend.class);
    /** The rising keyphrases of each closed window. */
    public static final KafkaTopic<KeywordTrend> KEYWORD_TRENDS =
            new KafkaTopic<>(StreamsSettings.KAFKA_TOPIC_KEYWORD_TRENDS, KeywordTrend.class);
    /** The digest of each closed window, per ISO day. */
    public static final KafkaTopic<DailyDigest> DIGESTS =
            new KafkaTopic<>(StreamsSettings.KAFKA_TOPIC_DIGESTS, DailyDigest.class);

    /** The second input: engagement observations of papers, per paper id. */
    public static final KafkaTopic<PaperEngagement> ENGAGEMENT =
            new KafkaTopic<>(StreamsSettings.KAFKA_TOPIC_ENGAGEMENT, PaperEngagement.class);

    /** The papers gaining engagement fastest, whenever their ranking changes. */
    public static final KafkaTopic<TrendingPapers> TRENDING =
            new KafkaTopic<>(StreamsSettings.KAFKA_TOPIC_TRENDING, TrendingPapers.class);

    private KafkaTopics() {}
}
