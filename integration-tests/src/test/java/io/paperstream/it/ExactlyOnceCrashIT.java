package io.paperstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.streams.StreamsSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly-once through crashes, on the classic and on the streams rebalance protocol: the streams application runs as
 * its own OS process over a 100,000-paper replay and is killed with SIGKILL five times — at 10, 30, 50, 70 and 90 % of
 * the input committed — and restarted each time.
 * Afterwards {@code topics.counts} and {@code topics.windowed}, read committed, hold exactly the counts the
 * classifier gives for the papers sent: none lost, none counted twice, every window published once.
 *
 * <p>The input topic has one partition, so the application sees the papers in event-time order and every window
 * closes with the default grace (1 h) while the run goes on; the closers at the end close the last ones.
 */
@RealKafkaStack
class ExactlyOnceCrashIT {

    private static final Logger LOG = LoggerFactory.getLogger(ExactlyOnceCrashIT.class);
    private static final int PAPERS = 100_000;
    private static final int[] KILL_AT_PERCENT = {10, 30, 50, 70, 90};
    /** From one kill to the next committed progress: restart, rebalance, abort of the open transaction, restore. */
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(90);

    static Stream<String> protocols() {
        return SharedStack.Broker.configured() == SharedStack.Broker.LOCAL
                ? Stream.of("classic", "streams")
                : Stream.of("classic");
    }

    /**
     * On either rebalance protocol: under {@code streams} a killed instance's member times out by the group's session
     * timeout (the application sets the run's 6 s there), and its commits are fenced by the member epoch the brokers
     * keep. The pass with the broker in a container proves the container, on the default protocol alone.
     */
    @ParameterizedTest(name = "group.protocol={0}")
    @MethodSource("protocols")
    void countsAndWindowsAreExactAfterFiveKillsDuringA100kPaperRun(String protocol, StackEndpoints stack) {
        // Step 1: the input, sent before the application starts, so that progress is a share of a known total
        PipelineTopics topics = PipelineTopics.unique("it-crash-" + protocol);
        TestTopics.create(stack.bootstrapServers(), topics.raw(), 1);
        PaperReplay replay = PaperReplay.generate(topics.prefix(), PAPERS, 20_250_301L);
        Path directory = ItDirectories.fresh("exactly-once-crash-" + protocol);
        // one partition: the papers arrive in event-time order and the default grace loses none
        try (ReplayRun run = new ReplayRun(stack, topics, replay, StreamsSettings.WINDOW_GRACE.defaultValue())) {
            long started = System.nanoTime();
            run.send(replay.events());
            LOG.info("sent {} papers in {} ms", PAPERS, (System.nanoTime() - started) / 1_000_000);

            // Step 2: the application, killed with SIGKILL at five points of the run and restarted each time
            Map<String, String> values = run.settings(1);
            values.put(StreamsSettings.GROUP_PROTOCOL.name(), protocol);
            Path settings = StreamsAppProcess.writeSettings(directory, "streams.properties", values);
            StreamsAppProcess app = StreamsAppProcess.start("crash", settings, directory);
            List<Long> committedAtKill = new ArrayList<>();
            try {
                for (int percent : KILL_AT_PERCENT) {
                    long threshold = (long) PAPERS * percent / 100;
                    long committed = run.progress()
                            .awaitCommittedInput(
                                    c -> c >= threshold, "at least " + threshold, STEP_TIMEOUT, List.of(app));
                    app.kill();
                    committedAtKill.add(committed);
                    LOG.info(
                            "killed {} with {} of {} papers committed, {} ms into the run",
                            app,
                            committed,
                            PAPERS,
                            (System.nanoTime() - started) / 1_000_000);
                    app.restart();
                }
                // Step 3: all papers processed, then the closers close the last windows
                run.closeWindows(List.of(app), STEP_TIMEOUT);
                LOG.info(
                        "run complete {} ms after the first paper was sent", (System.nanoTime() - started) / 1_000_000);
            } finally {
                if (app.isAlive()) {
                    app.stop(Duration.ofSeconds(30));
                }
            }

            // Step 4: the output equals the classifier's counts of the papers sent, each counted once
            assertThat(committedAtKill)
                    .as("every kill interrupted the run")
                    .hasSize(KILL_AT_PERCENT.length)
                    .allSatisfy(committed -> assertThat(committed).isLessThan(PAPERS))
                    .isSorted();
            run.assertCountsExact();
        }
    }
}
