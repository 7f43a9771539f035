package io.paperstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.stack.KafkaCluster;
import io.paperstream.streams.StreamsSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A broker fault in the middle of a run: on the three-node cluster (every topic replicated three times, min.insync
 * 2), the broker that coordinates the streams application's consumer group is stopped while papers are being
 * produced and streamed, and brought back. The producer (idempotent) writes every paper exactly once, the
 * application goes on without the broker, and the final counts are exact: nothing lost, nothing duplicated.
 *
 * <p>The input topic has four partitions, so the application reads them at different paces; a partition whose task
 * stops for longer than {@code paperstream.window.source-idle} during the fault no longer holds windows open, so the
 * grace ({@link PaperReplay#GRACE_OVER_SPAN}) covers the whole replay and none is late. The closers at the end close
 * every window.
 */
@RealKafkaCluster
@RealKafkaStack
class BrokerFaultIT {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerFaultIT.class);
    private static final int PAPERS = 10_000;
    private static final int PARTITIONS = 4;
    private static final int REPLICATION = 3;
    /** Produced before the fault; the rest is produced in slices while the broker is down and after. */
    private static final int BEFORE_FAULT = PAPERS / 4;

    private static final int SLICE = 1_000;
    private static final Duration SLICE_PAUSE = Duration.ofSeconds(1);
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(120);

    /**
     * On either rebalance protocol: under {@code streams} the stopped broker also held the group's assignment, which
     * the brokers compute, so the group moves to a new coordinator with its members' tasks and epochs.
     */
    @ParameterizedTest(name = "group.protocol={0}")
    @ValueSource(strings = {"classic", "streams"})
    void stoppingTheGroupCoordinatorMidRunLosesAndDuplicatesNothing(
            String protocol, KafkaCluster cluster, StackEndpoints stack) throws Exception {
        // Step 1: the input topic on the cluster, the registry of the shared stack
        StackEndpoints endpoints = new StackEndpoints(cluster.bootstrapServers(), stack.registryUrl());
        PipelineTopics topics = PipelineTopics.unique("it-broker-fault-" + protocol);
        TestTopics.create(endpoints.bootstrapServers(), topics.raw(), PARTITIONS);
        PaperReplay replay = PaperReplay.generate(topics.prefix(), PAPERS, 20_250_302L);
        Path directory = ItDirectories.fresh("broker-fault-" + protocol);
        try (ReplayRun run = new ReplayRun(endpoints, topics, replay, PaperReplay.GRACE_OVER_SPAN)) {
            Map<String, String> settings = run.settings(PARTITIONS);
            settings.put(StreamsSettings.KAFKA_TOPIC_REPLICATION.name(), Integer.toString(REPLICATION));
            settings.put(StreamsSettings.GROUP_PROTOCOL.name(), protocol);
            StreamsAppProcess app = StreamsAppProcess.start(
                    "fault", StreamsAppProcess.writeSettings(directory, "streams.properties", settings), directory);
            try {
                // Step 2: producing and streaming, then the fault
                app.awaitRunning(STEP_TIMEOUT);
                run.send(replay.slice(0, BEFORE_FAULT));
                run.progress()
                        .awaitCommittedInput(
                                c -> c >= PAPERS / 10, "a tenth of the papers", STEP_TIMEOUT, List.of(app));
                CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> sendInSlices(run, replay));
                int coordinator = run.progress().coordinator();
                cluster.stopNode(coordinator);
                long committedWhenStopped =
                        run.progress().awaitCommittedInput(c -> true, "anything", STEP_TIMEOUT, List.of(app));
                LOG.info(
                        "stopped node {}, the group coordinator, with {} papers committed",
                        coordinator,
                        committedWhenStopped);
                long progressed = run.progress()
                        .awaitCommittedInput(
                                c -> c >= committedWhenStopped + PAPERS / 10,
                                "10 % more without node " + coordinator,
                                STEP_TIMEOUT,
                                List.of(app));
                LOG.info("{} papers committed without node {}", progressed, coordinator);
                cluster.startNode(coordinator);
                cluster.awaitInSync(STEP_TIMEOUT);
                producing.get(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);

                // Step 3: all papers processed, then the closers close every window
                run.closeWindows(List.of(app), STEP_TIMEOUT);
            } finally {
                if (app.isAlive()) {
                    app.stop(Duration.ofSeconds(30));
                }
            }

            // Step 4: every paper in the input once, counted once
            assertThat(run.inputRecords())
                    .as("records in the input topic: one per paper sent")
                    .isEqualTo(PAPERS + Corpus.PAPERS);
            run.assertCountsExact();
        }
    }

    /** The papers after the first ones, a slice at a time, so that producing goes on while the broker is down. */
    private static void sendInSlices(ReplayRun run, PaperReplay replay) {
        for (int from = BEFORE_FAULT; from < PAPERS; from += SLICE) {
            run.send(replay.slice(from, Math.min(PAPERS, from + SLICE)));
            StreamsAppProcess.sleep(SLICE_PAUSE);
        }
    }
}
