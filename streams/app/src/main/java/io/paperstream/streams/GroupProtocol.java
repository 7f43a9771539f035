package io.paperstream.streams;

import io.paperstream.settings.ValueType;
import io.paperstream.waits.Waits;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.streams.StreamsConfig;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rebalance protocol of the application's group ({@link StreamsSettings#GROUP_PROTOCOL}), made ready before Kafka
 * Streams starts. With {@code streams} (KIP-1071), a stopped instance or a failed stream thread leaves the group at
 * once and its tasks move within a heartbeat, instead of after the member's session timeout as with {@code classic};
 * it needs brokers that run it, and a group that no instance of the other protocol still holds. Kafka Streams alone
 * would meet either case with a failing stream thread, replaced ten times in a second until the application shuts
 * down: here the first stops the start with what to do, and the second is waited out, since the members of an
 * instance that just stopped time out by themselves.
 */
public final class GroupProtocol {

    /** The feature brokers finalize at level 1 or above when they run the streams rebalance protocol. */
    static final String STREAMS_FEATURE = "streams.version";

    /**
     * The Kafka Streams settings the brokers keep as group configs under the streams protocol (where Kafka Streams
     * ignores them), each with the group config it sets.
     */
    static final Map<String, String> GROUP_CONFIGS = Map.of(
            ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "streams.session.timeout.ms",
            ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "streams.heartbeat.interval.ms",
            StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "streams.num.standby.replicas");

    private static final Logger LOG = LoggerFactory.getLogger(GroupProtocol.class);
    private static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(45);
    private static final Duration MARGIN = Duration.ofSeconds(15);
    private static final Duration POLL = Duration.ofSeconds(1);

    private GroupProtocol() {}

    /**
     * Makes the group ready for the configured protocol: with {@code streams}, checks that the brokers run it and sets
     * the group's configs from the settings of {@link #GROUP_CONFIGS} that are set; with either, waits until no member
     * of the other protocol holds the group, at most the session timeout plus 15 s.
     *
     * @throws ClusterNotReadyException when the brokers do not run the streams protocol, refuse the group's configs, or
     *     the group is still held by the other protocol's members at the end of the wait
     */
    public static void prepare(Admin admin, StreamsSettings settings, long timeoutMs)
            throws InterruptedException, ExecutionException, TimeoutException {
        GroupType wanted = typeOf(settings.get(StreamsSettings.GROUP_PROTOCOL));
        String group = settings.get(StreamsSettings.APPLICATION_ID);
        if (wanted == GroupType.STREAMS) {
            requireStreamsFeature(admin, timeoutMs);
        }
        awaitNotHeldByOther(admin, group, wanted, waitLimit(settings), timeoutMs);
        if (wanted == GroupType.STREAMS) {
            setGroupConfigs(admin, group, groupConfigs(settings), timeoutMs);
        }
    }

    /** The group type the protocol named by {@code protocol} ({@code classic} or {@code streams}) makes. */
    static GroupType typeOf(String protocol) {
        return GroupType.parse(protocol.toLowerCase(Locale.ROOT));
    }

    /** The group {@code groupId} as the brokers list it, when it exists and this principal may describe it. */
    public static Optional<GroupListing> describe(Admin admin, String groupId, long timeoutMs)
            throws InterruptedException, ExecutionException, TimeoutException {
        Collection<GroupListing> groups = admin.listGroups().all().get(timeoutMs, TimeUnit.MILLISECONDS);
        return groups.stream()
                .filter(listing -> listing.groupId().equals(groupId))
                .findFirst();
    }

    /**
     * Whether {@code listing} is a group of another type than {@code wanted} that still has members. Brokers that do
     * not tell a group's type (older ones) know classic groups only.
     */
    static boolean heldByOther(GroupListing listing, GroupType wanted) {
        GroupType type = listing.type().orElse(GroupType.UNKNOWN);
        return type != GroupType.UNKNOWN && type != wanted && hasMembers(listing);
    }

    /** Whether the group {@code listing} describes still has members: it is neither empty nor dead. */
    public static boolean hasMembers(GroupListing listing) {
        GroupState state = listing.groupState().orElse(GroupState.UNKNOWN);
        return state != GroupState.EMPTY && state != GroupState.DEAD;
    }

    /**
     * The group configs of a streams group that the settings set, by name: those of {@link #GROUP_CONFIGS} whose
     * setting is set (for the main consumer, where the setting is a consumer's).
     */
    public static Map<String, String> groupConfigs(StreamsSettings settings) {
        Map<String, String> configs = new TreeMap<>();
        GROUP_CONFIGS.forEach((setting, groupConfig) ->
                valueSet(settings, setting).ifPresent(value -> configs.put(groupConfig, value)));
        return configs;
    }

    /** The value of a setting of {@link #GROUP_CONFIGS}, when the user set it. */
    private static Optional<String> valueSet(StreamsSettings settings, String setting) {
        return setting.equals(StreamsSettings.NUM_STANDBY_REPLICAS.name())
                ? Optional.ofNullable(settings.get(StreamsSettings.NUM_STANDBY_REPLICAS))
                        .map(String::valueOf)
                : mainConsumerSetting(settings, setting);
    }

    /**
     * The value of the consumer setting {@code key} for Kafka Streams' main consumer, when the user set it: {@code
     * main.consumer.}{@code key} before {@code consumer.}{@code key} before {@code key}, as Kafka Streams reads them.
     */
    static Optional<String> mainConsumerSetting(StreamsSettings settings, String key) {
        Map<String, String> kafka = settings.kafkaPassThrough();
        return Stream.of(StreamsConfig.mainConsumerPrefix(key), StreamsConfig.consumerPrefix(key), key)
                .map(kafka::get)
                .filter(Objects::nonNull)
                .map(String::strip)
                .findFirst();
    }

    /** How long a member of a stopped instance may still hold the group: its session timeout, plus a margin. */
    static Duration waitLimit(StreamsSettings settings) {
        String configured = mainConsumerSetting(settings, ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG)
                .orElse(null);
        Duration session = DEFAULT_SESSION_TIMEOUT;
        try {
            session = configured == null ? session : Duration.ofMillis(Long.parseLong(configured));
        } catch (NumberFormatException e) {
            // Kafka Streams names the bad value as it reads its configuration, after this
            LOG.debug("{}={} is no number of milliseconds", ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, configured);
        }
        return (session.compareTo(DEFAULT_SESSION_TIMEOUT) > 0 ? session : DEFAULT_SESSION_TIMEOUT).plus(MARGIN);
    }

    private static void requireStreamsFeature(Admin admin, long timeoutMs)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, FinalizedVersionRange> finalized;
        try {
            finalized = admin.describeFeatures()
                    .featureMetadata()
                    .get(timeoutMs, TimeUnit.MILLISECONDS)
                    .finalizedFeatures();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AuthorizationException) {
                LOG.info(
                        "the brokers' features could not be read ({}); Kafka Streams will tell whether they run the"
                                + " streams rebalance protocol",
                        e.getCause().getMessage());
                return;
            }
            throw e;
        }
        FinalizedVersionRange streams = finalized.get(STREAMS_FEATURE);
        if (streams == null || streams.maxVersionLevel() < 1) {
            throw new ClusterNotReadyException(StreamsConfig.GROUP_PROTOCOL_CONFIG
                    + "=streams needs brokers that run the"
                    + " streams rebalance protocol (Apache Kafka 4.2 or later, with the feature " + STREAMS_FEATURE
                    + " at level 1 or above; these brokers finalize it at "
                    + (streams == null ? "no level" : "level " + streams.maxVersionLevel()) + "): upgrade the brokers"
                    + " and enable it (kafka-features.sh upgrade --feature " + STREAMS_FEATURE + "=1), or set "
                    + StreamsConfig.GROUP_PROTOCOL_CONFIG + "=classic");
        }
    }

    /**
     * Under the streams protocol the brokers keep the group's session timeout, heartbeat interval and standby replicas
     * (Kafka Streams ignores the settings), so the settings the user set are carried over to the group's configs. The
     * ones not set leave the group's configs as they are: the brokers' defaults, or what an operator set.
     */
    private static void setGroupConfigs(Admin admin, String group, Map<String, String> configs, long timeoutMs)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (configs.isEmpty()) {
            return;
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.GROUP, group);
        List<AlterConfigOp> set = configs.entrySet().stream()
                .map(config -> new AlterConfigOp(
                        new ConfigEntry(config.getKey(), config.getValue()), AlterConfigOp.OpType.SET))
                .toList();
        try {
            admin.incrementalAlterConfigs(Map.of(resource, set)).all().get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            String reason = e.getCause().getMessage().strip();
            throw new ClusterNotReadyException(
                    "the brokers keep a streams group's session timeout, heartbeat interval and standby replicas as"
                            + " its configs, and refused " + listed(configs) + " (from " + settingsOf(configs)
                            + ") on the group " + group + ": " + reason + (reason.endsWith(".") ? "" : ".")
                            + " Setting them needs AlterConfigs on the group and values within the brokers' bounds"
                            + " (group.streams.min.session.timeout.ms, 45 s by default;"
                            + " group.streams.min.heartbeat.interval.ms, 5 s; group.streams.max.standby.replicas, 2)",
                    e.getCause());
        }
        LOG.info("set on the streams group {}: {}", group, listed(configs));
    }

    private static String listed(Map<String, String> configs) {
        return configs.entrySet().stream()
                .map(config -> config.getKey() + "=" + config.getValue())
                .collect(Collectors.joining(", "));
    }

    /** The settings that set {@code configs}, named as the user names them. */
    private static String settingsOf(Map<String, String> configs) {
        return GROUP_CONFIGS.entrySet().stream()
                .filter(setting -> configs.containsKey(setting.getValue()))
                .map(Map.Entry::getKey)
                .sorted()
                .collect(Collectors.joining(", "));
    }

    private static void awaitNotHeldByOther(Admin admin, String group, GroupType wanted, Duration limit, long timeoutMs)
            throws InterruptedException, ExecutionException, TimeoutException {
        Optional<GroupListing> listing = describe(admin, group, timeoutMs);
        if (listing.isEmpty() || !heldByOther(listing.get(), wanted)) {
            return;
        }
        String held = "the group " + group + " is a "
                + listing.get().type().orElse(GroupType.UNKNOWN).toString().toLowerCase(Locale.ROOT)
                + " group with members, and " + StreamsConfig.GROUP_PROTOCOL_CONFIG + " is "
                + wanted.toString().toLowerCase(Locale.ROOT);
        LOG.warn(
                "{}: waiting up to {} for the members of stopped instances to time out",
                held,
                ValueType.DURATION.format(limit));
        try {
            Waits.await("the members of the other protocol to leave the group " + group)
                    .atMost(limit)
                    .pollInterval(POLL)
                    .until(() -> describe(admin, group, timeoutMs)
                            .filter(now -> heldByOther(now, wanted))
                            .isEmpty());
        } catch (ConditionTimeoutException e) {
            throw new ClusterNotReadyException(held + " after " + ValueType.DURATION.format(limit) + ": an instance"
                    + " still runs the other protocol. Stop every instance of " + group + " before the protocol"
                    + " changes; the group changes once it is empty, with its committed offsets");
        }
        LOG.info(
                "the group {} is free for the {} protocol",
                group,
                wanted.toString().toLowerCase(Locale.ROOT));
    }
}
