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
 * How far from the broker's clock a record's timestamp may be on a topic the pipeline writes: ahead ({@code
 * message.timestamp.after.max.ms}) or behind ({@code message.timestamp.before.max.ms}), from the broker's {@code
 * log.message.timestamp.*} unless the topic sets its own; the least over those topics, and the topic that has it. The
 * pipeline's records carry their paper's event time, and a record the broker refuses fails its stream thread again and
 * again, so the event times the pipeline takes ({@link StreamsSettings#EVENT_TIME_MAX_AHEAD}, {@link
 * StreamsSettings#EVENT_TIME_MAX_BEHIND}) must stay within it.
 *
 * @param topic the topic with the least limit
 * @param config the topic config that sets it
 * @param limit the limit
 */
public record BrokerTimestampLimit(String topic, String config, Duration limit) {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerTimestampLimit.class);
    private static final String CREATE_TIME = "CreateTime";

    /** The least limits of the topics the pipeline writes, each empty where no topic has one. */
    public record Limits(Optional<BrokerTimestampLimit> ahead, Optional<BrokerTimestampLimit> behind) {}

    /**
     * The most the pipeline may take under this limit: eleven twelfths of it (55m under Kafka's default hour ahead),
     * the rest left for the difference between this instance's clock and the brokers' and for the time a record takes
     * through the pipeline.
     */
    public Duration usable() {
        return limit.multipliedBy(11).dividedBy(12);
    }

    /**
     * The limits of the topics the pipeline writes (those it only reads are written by others), read through {@code
     * admin}; each empty when no topic has one (every topic that keeps the producer's timestamps takes any), and both
     * when no topic's configuration could be read: a topic not created yet, a principal without DescribeConfigs, a
     * broker older than Kafka 3.6.
     */
    public static Limits read(Admin admin, StreamsSettings settings, long timeoutMs)
            throws InterruptedException, TimeoutException {
        List<ConfigResource> written = new ArrayList<>();
        for (String topic : settings.topics()) {
            if (!topic.equals(KafkaTopics.RAW_PAPERS.name(settings))
                    && !topic.equals(KafkaTopics.ENGAGEMENT.name(settings))) {
                written.add(new ConfigResource(ConfigResource.Type.TOPIC, topic));
            }
        }
        Optional<BrokerTimestampLimit> ahead = Optional.empty();
        Optional<BrokerTimestampLimit> behind = Optional.empty();
        List<String> unread = new ArrayList<>();
        for (Map.Entry<ConfigResource, KafkaFuture<Config>> described :
                admin.describeConfigs(written).values().entrySet()) {
            String topic = described.getKey().name();
            Config config;
            try {
                config = described.getValue().get(timeoutMs, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof AuthorizationException
                        || e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException(
                            "the configuration of " + topic + " could not be read", e.getCause());
                }
                unread.add(topic + " (" + e.getCause().getMessage() + ")");
                continue;
            }
            ahead = least(ahead, limitOf(topic, config, TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG));
            behind = least(behind, limitOf(topic, config, TopicConfig.MESSAGE_TIMESTAMP_BEFORE_MAX_MS_CONFIG));
        }
        if (!unread.isEmpty()) {
            LOG.info(
                    "the timestamp limits ({}, {}) of {} could not be read; the pipeline takes event times up to {} ahead",
                    TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG,
                    TopicConfig.MESSAGE_TIMESTAMP_BEFORE_MAX_MS_CONFIG,
                    unread,
                    ValueType.DURATION.format(settings.get(StreamsSettings.EVENT_TIME_MAX_AHEAD)));
        }
        return new Limits(ahead, behind);
    }

    private static Optional<BrokerTimestampLimit> least(
            Optional<BrokerTimestampLimit> least, Optional<BrokerTimestampLimit> limit) {
        return limit.isPresent()
                        && (least.isEmpty()
                                || limit.get().limit().compareTo(least.get().limit()) < 0)
                ? limit
                : least;
    }

    private static Optional<BrokerTimestampLimit> limitOf(String topic, Config config, String key) {
        ConfigEntry type = config.get(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG);
        ConfigEntry max = config.get(key);
        // with LogAppendTime the broker stamps records itself; a broker before Kafka 3.6 has no such limit
        if (max == null || max.value() == null || (type != null && !CREATE_TIME.equals(type.value()))) {
            return Optional.empty();
        }
        long millis = Long.parseLong(max.value());
        return millis == Long.MAX_VALUE
                ? Optional.empty()
                : Optional.of(new BrokerTimestampLimit(topic, key, Duration.ofMillis(millis)));
    }
}
