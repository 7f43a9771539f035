package io.paperstream.streams;

import io.paperstream.settings.ValueType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far ahead of the broker's clock a record's timestamp may be on a topic the pipeline writes
 * ({@code message.timestamp.after.max.ms}, from the broker's {@code log.message.timestamp.after.max.ms} unless the
 * topic sets its own): the least over those topics, and the topic that has it. The pipeline's records carry their
 * paper's event time, and a record the broker refuses fails its stream thread again and again, so the event times the
 * pipeline takes ({@link StreamsSettings#EVENT_TIME_MAX_AHEAD}) must stay below it.
 *
 * @param topic the topic with the least limit
 * @param afterMax its limit
 */
public record BrokerTimestampLimit(String topic, Duration afterMax) {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerTimestampLimit.class);
    private static final String CREATE_TIME = "CreateTime";

    /**
     * The most the pipeline may take ahead under this limit: eleven twelfths of it (55m under Kafka's default hour),
     * the rest left for the difference between this instance's clock and the brokers'.
     */
    public Duration maxAhead() {
        return afterMax.multipliedBy(11).dividedBy(12);
    }

    /**
     * The limit of the topics the pipeline writes (those it only reads are written by others), read through {@code
     * admin}; empty when none has one (every topic that keeps the producer's timestamps takes any), and when no
     * topic's configuration could be read: a topic not created yet, a principal without DescribeConfigs, a broker
     * older than Kafka 3.6.
     */
    public static Optional<BrokerTimestampLimit> read(Admin admin, StreamsSettings settings, long timeoutMs)
            throws InterruptedException, TimeoutException {
        List<ConfigResource> written = new ArrayList<>();
        for (String topic : settings.topics()) {
            if (!topic.equals(KafkaTopics.RAW_PAPERS.name(settings))
                    && !topic.equals(KafkaTopics.ENGAGEMENT.name(settings))) {
                written.add(new ConfigResource(ConfigResource.Type.TOPIC, topic));
            }
        }
        Optional<BrokerTimestampLimit> least = Optional.empty();
        List<String> unread = new ArrayList<>();
        for (Map.Entry<ConfigResource, KafkaFuture<Config>> described :
                admin.describeConfigs(written).values().entrySet()) {
            String topic = described.getKey().name();
            Optional<Duration> limit;
            try {
                limit = limitOf(described.getValue().get(timeoutMs, TimeUnit.MILLISECONDS));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof AuthorizationException
                        || e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException(
                            "the configuration of " + topic + " could not be read", e.getCause());
                }
                unread.add(topic + " (" + e.getCause().getMessage() + ")");
                continue;
            }
            if (limit.isPresent()
                    && (least.isEmpty() || limit.get().compareTo(least.get().afterMax()) < 0)) {
                least = Optional.of(new BrokerTimestampLimit(topic, limit.get()));
            }
        }
        if (!unread.isEmpty()) {
            LOG.info(
                    "the timestamp limit ({}) of {} could not be read; the pipeline takes event times up to {} ahead",
                    TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG,
                    unread,
                    ValueType.DURATION.format(settings.get(StreamsSettings.EVENT_TIME_MAX_AHEAD)));
        }
        return least;
    }

    private static Optional<Duration> limitOf(Config config) {
        ConfigEntry type = config.get(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG);
        ConfigEntry afterMax = config.get(TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG);
        // with LogAppendTime the broker stamps records itself; a broker before Kafka 3.6 has no such limit
        if (afterMax == null || afterMax.value() == null || (type != null && !CREATE_TIME.equals(type.value()))) {
            return Optional.empty();
        }
        long millis = Long.parseLong(afterMax.value());
        return millis == Long.MAX_VALUE ? Optional.empty() : Optional.of(Duration.ofMillis(millis));
    }
}
