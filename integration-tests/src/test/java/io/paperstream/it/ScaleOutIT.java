package io.paperstream.it;

import static io.paperstream.waits.Waits.await;

import io.paperstream.it.StreamsAppProcess.TaskAssignment;
import io.paperstream.streams.StreamsSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scaling out and in under exactly-once, each instance of the streams application its own OS process: one instance
 * starts the run, two more join in the middle of it (tasks and their state move to them), one leaves gracefully,
 * and one is killed with SIGKILL — with {@code num.standby.replicas=1} its tasks resume on the remaining instance,
 * which kept standby copies of their state. The final counts are exact all the same.
 *
 * <p>The input topic has four partitions, so the instances read them at different paces; a partition whose task
 * stops for longer than {@code paperstream.window.source-idle} during the fault no longer holds windows open, so the
 * grace ({@link PaperReplay#GRACE_OVER_SPAN}) covers the whole replay and none is late. The closers at the end close
 * every window.
 */
@RealKafkaStack
class ScaleOutIT {

    private static final Logger LOG = LoggerFactory.getLogger(ScaleOutIT.class);
    private static final int PAPERS = 24_000;
    private static final int QUARTER = PAPERS / 4;
    private static final int PARTITIONS = 4;
    private static final Set<Integer> ALL_PARTITIONS = Set.of(0, 1, 2, 3);
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration POLL = Duration.ofMillis(200);

    /**
     * On either rebalance protocol: under {@code streams} the brokers assign the tasks and their standbys, and the
     * application carries the short session timeout and the standby replica to the group's configs.
     */
    @ParameterizedTest(name = "group.protocol={0}")
    @ValueSource(strings = {"classic", "streams"})
    void countsStayExactWhileInstancesJoinLeaveAndCrash(String protocol, StackEndpoints stack) {
        PipelineTopics topics = PipelineTopics.unique("it-scale-out-" + protocol);
        TestTopics.create(stack.bootstrapServers(), topics.raw(), PARTITIONS);
        PaperReplay replay = PaperReplay.generate(topics.prefix(), PAPERS, 20_250_303L);
        try (ReplayRun run = new ReplayRun(stack, topics, replay, PaperReplay.GRACE_OVER_SPAN)) {
            try (Scenario scenario = new Scenario(
                    run, topics.applicationId(), replay, protocol, ItDirectories.fresh("scale-out-" + protocol))) {
                scenario.oneInstanceRunsEveryTask();
                scenario.twoMoreJoinAndTakeTasksWithTheirState();
                scenario.oneLeavesGracefullyAndTheOthersTakeItsTasks();
                scenario.oneIsKilledAndItsTasksResumeFromStandbys();
                scenario.closeEveryWindow();
            }

            // every paper counted once, whichever instance processed it
            run.assertCountsExact();
        }
    }

    /**
     * The instances of one run, scale-a, scale-b and scale-c, each step started, stopped or killed as the test
     * says, the replay sent a quarter per step; closing stops every instance still alive.
     */
    private static final class Scenario implements AutoCloseable {

        private final ReplayRun run;
        private final String applicationId;
        private final PaperReplay replay;
        private final Path directory;
        private final Path settingsFile;
        private final StreamsGroupProgress progress;
        private final List<StreamsAppProcess> started = new ArrayList<>();
        private StreamsAppProcess a;
        private StreamsAppProcess b;
        private StreamsAppProcess c;

        Scenario(ReplayRun run, String applicationId, PaperReplay replay, String protocol, Path directory) {
            this.run = run;
            this.applicationId = applicationId;
            this.replay = replay;
            this.directory = directory;
            Map<String, String> settings = run.settings(PARTITIONS);
            settings.put(StreamsSettings.GROUP_PROTOCOL.name(), protocol);
            settings.put(StreamsSettings.NUM_STANDBY_REPLICAS.name(), "1");
            // every instance counts as caught up, so tasks move to a new instance at once (restoring their state
            // there) rather than after warm-up and a probing rebalance minutes later
            settings.put(StreamsConfig.ACCEPTABLE_RECOVERY_LAG_CONFIG, Long.toString(Long.MAX_VALUE));
            this.settingsFile = StreamsAppProcess.writeSettings(directory, "streams.properties", settings);
            this.progress = run.progress();
        }

        /** Step 1: one instance runs every task. */
        void oneInstanceRunsEveryTask() {
            a = start("scale-a");
            a.awaitRunning(STEP_TIMEOUT);
            run.send(replay.slice(0, QUARTER));
            progress.awaitCommittedInput(
                    committed -> committed >= QUARTER / 2, "half of the first quarter", STEP_TIMEOUT, List.of(a));
            progress.awaitInputPartitions(
                    byInstance -> byInstance.equals(Map.of("scale-a", ALL_PARTITIONS)),
                    "scale-a alone holding every input partition",
                    STEP_TIMEOUT,
                    List.of(a));
        }

        /** Step 2: two more instances join mid-run; tasks and their state move to them. */
        void twoMoreJoinAndTakeTasksWithTheirState() {
            Set<String> tasksBeforeScaleOut = a.assignment().orElseThrow().active();
            b = start("scale-b");
            c = start("scale-c");
            List<StreamsAppProcess> three = List.of(a, b, c);
            Map<String, Set<Integer>> spread = progress.awaitInputPartitions(
                    byInstance -> byInstance.size() == 3
                            && byInstance.values().stream().noneMatch(Set::isEmpty)
                            && union(byInstance.values()).equals(ALL_PARTITIONS),
                    "each of three instances holding input partitions, together all of them",
                    STEP_TIMEOUT,
                    three);
            LOG.info("input partitions after scaling out: {}", spread);
            for (StreamsAppProcess joined : List.of(b, c)) {
                awaitStep(
                        joined + " running tasks of scale-a, their stores on its disk",
                        () -> tookOverWithState(joined, a, tasksBeforeScaleOut, applicationId));
                LOG.info(
                        "{} runs {} with their state",
                        joined,
                        joined.assignment().orElseThrow().active());
            }
            run.send(replay.slice(QUARTER, 2 * QUARTER));
            progress.awaitCommittedInput(
                    committed -> committed >= 3 * QUARTER / 2, "half of the second quarter", STEP_TIMEOUT, three);
        }

        /** Step 3: one instance leaves gracefully; the two others take its tasks. */
        void oneLeavesGracefullyAndTheOthersTakeItsTasks() {
            b.stop(Duration.ofSeconds(30));
            List<StreamsAppProcess> two = List.of(a, c);
            Map<String, Set<Integer>> afterLeave = progress.awaitInputPartitions(
                    byInstance -> byInstance.keySet().equals(Set.of("scale-a", "scale-c"))
                            && union(byInstance.values()).equals(ALL_PARTITIONS)
                            && byInstance.values().stream().noneMatch(Set::isEmpty),
                    "scale-a and scale-c holding every input partition",
                    STEP_TIMEOUT,
                    two);
            LOG.info("input partitions after scale-b left: {}", afterLeave);
            run.send(replay.slice(2 * QUARTER, 3 * QUARTER));
            progress.awaitCommittedInput(
                    committed -> committed >= 5 * QUARTER / 2, "half of the third quarter", STEP_TIMEOUT, two);
        }

        /**
         * Step 4: with one standby per task, scale-a keeps a copy of the state of every task of scale-c; killed,
         * scale-c's tasks resume on scale-a.
         */
        void oneIsKilledAndItsTasksResumeFromStandbys() {
            awaitStep(
                    "scale-a holding standbys of every active task of scale-c",
                    () -> c.assignment().isPresent()
                            && a.assignment().isPresent()
                            && !c.assignment().get().active().isEmpty()
                            && a.assignment()
                                    .get()
                                    .standby()
                                    .containsAll(c.assignment().get().active()));
            Set<String> killedTasks = c.assignment().orElseThrow().active();
            LOG.info(
                    "killing {}, active {}; scale-a has active {}, standby {}",
                    c,
                    killedTasks,
                    a.assignment().orElseThrow().active(),
                    a.assignment().orElseThrow().standby());
            c.kill();
            progress.awaitInputPartitions(
                    byInstance -> byInstance.equals(Map.of("scale-a", ALL_PARTITIONS)),
                    "scale-a alone holding every input partition",
                    STEP_TIMEOUT,
                    List.of(a));
            awaitStep(
                    "scale-a running the tasks of scale-c",
                    () -> a.assignment().orElseThrow().active().containsAll(killedTasks));
            LOG.info(
                    "scale-a took over {}: now active {}",
                    killedTasks,
                    a.assignment().orElseThrow().active());
            run.send(replay.slice(3 * QUARTER, PAPERS));
        }

        /** Step 5: every paper processed, then the closers close every window. */
        void closeEveryWindow() {
            run.closeWindows(List.of(a), STEP_TIMEOUT);
        }

        @Override
        public void close() {
            for (StreamsAppProcess instance : started) {
                if (instance.isAlive()) {
                    instance.stop(Duration.ofSeconds(30));
                }
            }
        }

        private StreamsAppProcess start(String name) {
            StreamsAppProcess instance = StreamsAppProcess.start(name, settingsFile, directory);
            started.add(instance);
            return instance;
        }
    }

    private static Set<Integer> union(Collection<Set<Integer>> sets) {
        Set<Integer> union = new HashSet<>();
        sets.forEach(union::addAll);
        return union;
    }

    /**
     * True when {@code joined} runs active tasks, all of them tasks {@code from} ran before and runs no longer, and
     * keeps their state stores in its own state directory.
     */
    private static boolean tookOverWithState(
            StreamsAppProcess joined, StreamsAppProcess from, Set<String> fromTasks, String applicationId) {
        Set<String> tasks = joined.assignment().map(TaskAssignment::active).orElse(Set.of());
        Set<String> stillOnFrom = from.assignment().map(TaskAssignment::active).orElse(Set.of());
        return !tasks.isEmpty()
                && fromTasks.containsAll(tasks)
                && Collections.disjoint(tasks, stillOnFrom)
                && tasks.stream().allMatch(task -> hasStores(joined.taskStateDirectory(applicationId, task)));
    }

    /** A task directory holds one directory per persistent store (or "rocksdb" with the key-value stores). */
    private static boolean hasStores(Path taskDirectory) {
        if (!Files.isDirectory(taskDirectory)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(taskDirectory)) {
            return entries.anyMatch(Files::isDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until {@code condition} holds; fails when {@link #STEP_TIMEOUT} passes first. */
    private static void awaitStep(String awaited, Callable<Boolean> condition) {
        await(awaited).atMost(STEP_TIMEOUT).pollInterval(POLL).until(condition);
    }
}
