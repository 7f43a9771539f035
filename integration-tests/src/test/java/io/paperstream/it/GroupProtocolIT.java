package io.paperstream.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paperstream.stack.LoopbackPorts;
import io.paperstream.streams.ClusterNotReadyException;
import io.paperstream.streams.GroupProtocol;
import io.paperstream.streams.StoreNames;
import io.paperstream.streams.StreamsSettings;
import io.paperstream.waits.Waits;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.StreamsGroupDescription;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application on the streams rebalance protocol ({@code group.protocol=streams}, KIP-1071) of the real broker,
 * beside the classic one: the group changes protocol with its committed offsets once its instances are stopped (the
 * application waits for the stopped classic member to time out), and a failed stream thread's tasks move to its
 * replacement at once, where the classic protocol leaves them with the failed member for its session timeout (45 s).
 * Counts stay exact throughout.
 */
@RealKafkaStack
class GroupProtocolIT {

    private static final int PAPERS = 400;
    private static final Duration PROCESSING_TIMEOUT = Duration.ofSeconds(180);
    /** Well below the 45 s session timeout a failed member holds its tasks for under the classic protocol. */
    private static final Duration TAKE_OVER = Duration.ofSeconds(20);

    private static final Logger LOG = LoggerFactory.getLogger(GroupProtocolIT.class);
    /**
     * The streams protocol, with a standby replica, a session timeout and a heartbeat interval the brokers keep as the
     * group's configs.
     */
    private static final Map<String, String> STREAMS_WITH_GROUP_CONFIGS = Map.of(
            "group.protocol",
            "streams",
            StreamsSettings.NUM_STANDBY_REPLICAS.name(),
            "1",
            "session.timeout.ms",
            "8000",
            "heartbeat.interval.ms",
            "2000");

    private final StackEndpoints stack;
    private Admin admin;

    GroupProtocolIT(StackEndpoints stack) {
        this.stack = stack;
    }

    @BeforeEach
    void admin() {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()));
    }

    @AfterEach
    void closeAdmin() {
        admin.close();
    }

    @Test
    void theGroupChangesProtocolWithItsCommittedOffsetsOnceItsInstancesStopped() throws Exception {
        PipelineTopics topics = PipelineTopics.unique("it-group-protocol");
        PaperReplay replay = PaperReplay.generate(topics.prefix(), PAPERS, 20261207L);
        try (ReplayRun run = new ReplayRun(stack, topics, replay, StreamsSettings.WINDOW_GRACE.defaultValue())) {
            // a classic member stays in the group after its instance stopped, until its session times out (6 s)
            try (StreamsAppRun classic = StreamsAppRun.start(
                    stack, topics, Map.of("session.timeout.ms", "6000", "heartbeat.interval.ms", "1500"))) {
                run.send(replay.slice(0, PAPERS / 2));
                classic.awaitCaughtUp(PROCESSING_TIMEOUT);
                assertThat(group(topics).type()).contains(GroupType.CLASSIC);
            }
            // started at once: the application waits for that member before Kafka Streams joins
            try (StreamsAppRun streams = StreamsAppRun.start(stack, topics, STREAMS_WITH_GROUP_CONFIGS)) {
                assertThat(group(topics).type()).contains(GroupType.STREAMS);
                assertThat(streamsGroup(topics).members()).hasSize(1);
                assertThat(config(ConfigResource.Type.GROUP, topics.applicationId(), "streams.num.standby.replicas"))
                        .isEqualTo("1");
                assertThat(config(ConfigResource.Type.GROUP, topics.applicationId(), "streams.session.timeout.ms"))
                        .isEqualTo("8000");
                assertThat(config(ConfigResource.Type.GROUP, topics.applicationId(), "streams.heartbeat.interval.ms"))
                        .isEqualTo("2000");
                run.send(replay.slice(PAPERS / 2, 3 * PAPERS / 4));
                streams.awaitCaughtUp(PROCESSING_TIMEOUT);
            }
            // a streams member leaves as its instance stops: back to classic without a wait
            try (StreamsAppRun classic = StreamsAppRun.start(stack, topics, Map.of())) {
                assertThat(group(topics).type()).contains(GroupType.CLASSIC);
                run.send(replay.slice(3 * PAPERS / 4, PAPERS));
                run.closeWindows(List.of(), PROCESSING_TIMEOUT);
                run.assertCountsExact();
            }
        }
    }

    @Test
    void aFailedStreamThreadsTasksMoveToItsReplacementAtOnce() throws Exception {
        PipelineTopics topics = PipelineTopics.unique("it-group-protocol-replaced");
        PaperReplay replay = PaperReplay.generate(topics.prefix(), PAPERS, 20261208L);
        int port = LoopbackPorts.freePorts(1)[0];
        Map<String, String> settings = Map.of(
                "group.protocol", "streams", StreamsSettings.SCHEMA_REGISTRY_URL.name(), "http://127.0.0.1:" + port);
        try (ReplayRun run = new ReplayRun(stack, topics, replay, StreamsSettings.WINDOW_GRACE.defaultValue());
                StreamsAppRun app = StreamsAppRun.start(stack, topics, settings)) {
            Set<String> first = app.streamThreads();
            // the registry the application knows does not answer: the stream thread that reads a paper fails
            run.send(replay.events());
            Waits.await("the stream thread " + first + " to fail and be replaced")
                    .atMost(PROCESSING_TIMEOUT)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> Collections.disjoint(app.streamThreads(), first));
            long replaced = System.nanoTime();
            try (RegistryForwarder forwarder = RegistryForwarder.start(port, stack.registryUrl())) {
                Map<String, Integer> tasks = Waits.await("the replacement thread to hold the failed one's tasks")
                        .atMost(TAKE_OVER)
                        .pollInterval(Duration.ofMillis(100))
                        .until(
                                app::activeTasksByThread,
                                byThread -> byThread.values().stream().anyMatch(count -> count > 0));
                LOG.info(
                        "the replacement {} held its tasks {} ms after the failed thread {} was gone",
                        tasks,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - replaced),
                        first);
                assertThat(tasks.keySet()).doesNotContainAnyElementsOf(first);
                run.closeWindows(List.of(), PROCESSING_TIMEOUT);
                run.assertCountsExact();
                assertThat(forwarder.forwarded())
                        .as("requests forwarded to the registry")
                        .isPositive();
                assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);
            }
            // the brokers created the internal topics from the topology: the windowed changelog keeps old windows
            String changelog = topics.applicationId() + "-" + StoreNames.TOPIC_WINDOW_COUNTS + "-changelog";
            assertThat(config(ConfigResource.Type.TOPIC, changelog, TopicConfig.RETENTION_MS_CONFIG))
                    .isEqualTo("-1");
        }
    }

    @Test
    void aSessionTimeoutTheBrokersRefuseStopsTheStartWithTheirReason() {
        PipelineTopics topics = PipelineTopics.unique("it-group-protocol-refused");
        // below the brokers' group.streams.min.session.timeout.ms (6 s on the test stack, 45 s by default)
        Map<String, String> settings = Map.of("group.protocol", "streams", "session.timeout.ms", "3000");
        assertThatThrownBy(() -> StreamsAppRun.start(stack, topics, settings))
                .isInstanceOf(ClusterNotReadyException.class)
                .hasMessageStartingWith("the brokers keep a streams group's session timeout, heartbeat interval and"
                        + " standby replicas as its configs, and refused streams.session.timeout.ms=3000 (from"
                        + " session.timeout.ms) on the group " + topics.applicationId() + ": ")
                // the brokers' own reason
                .hasMessageContaining("streams.session.timeout.ms must be in the range 6000 to 60000 inclusive.");
    }

    private GroupListing group(PipelineTopics topics) throws Exception {
        return GroupProtocol.describe(admin, topics.applicationId(), 30_000).orElseThrow();
    }

    private StreamsGroupDescription streamsGroup(PipelineTopics topics) throws Exception {
        return admin.describeStreamsGroups(List.of(topics.applicationId()))
                .describedGroups()
                .get(topics.applicationId())
                .get(30, TimeUnit.SECONDS);
    }

    private String config(ConfigResource.Type type, String name, String key) throws Exception {
        ConfigResource resource = new ConfigResource(type, name);
        Config config = admin.describeConfigs(List.of(resource))
                .all()
                .get(30, TimeUnit.SECONDS)
                .get(resource);
        return config.get(key).value();
    }
}
