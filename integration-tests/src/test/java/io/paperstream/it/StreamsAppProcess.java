package io.paperstream.it;

import static io.paperstream.waits.Waits.await;

import io.paperstream.app.StreamCommand;
import io.paperstream.stack.ChildJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One instance of the streams application ({@link StreamCommand}, {@code paperstream stream}) as its own OS process,
 * started from this JVM's classpath with a settings file, as a user runs it: {@link #kill()} is a real
 * {@code kill -9}, and {@link #restart()} starts the same instance again on the state it left behind.
 *
 * <p>The instance's files live in {@code <directory>/<name>/}: its {@code state.dir}, temporary files and
 * {@code streams.log}, appended across restarts (each start begins with a dated header line). Its Kafka clients'
 * {@code client.id} is its name, so that it can be told apart among the members of the consumer group, and it logs
 * every task assignment it receives.
 */
final class StreamsAppProcess {

    /**
     * The tasks an instance runs after a rebalance, as it logged them.
     *
     * @param active the ids of its active tasks ({@code <sub-topology>_<partition>})
     * @param standby the ids of its standby tasks
     */
    record TaskAssignment(Set<String> active, Set<String> standby) {}

    /** How an instance logs that it runs ({@code PaperstreamApp}'s state listener). */
    private static final String RUNNING_LOG = "-> RUNNING";
    /** How Kafka Streams' TaskManager logs every assignment, at info; the task lists are complete. */
    private static final Pattern ASSIGNMENT_LOG = Pattern.compile(
            "Handle new assignment with:\\s+" + "New active tasks: \\[([^\\]]*)]\\s+New standby tasks: \\[([^\\]]*)]");

    private static final Duration POLL = Duration.ofMillis(200);

    private final String name;
    private final Path settingsFile;
    private final Path directory;
    private ChildJvm child;
    private long logStart;

    private StreamsAppProcess(String name, Path settingsFile, Path directory) {
        this.name = name;
        this.settingsFile = settingsFile;
        this.directory = directory;
    }

    /**
     * Writes {@code settings} as a properties file {@code <directory>/<fileName>} for {@link #start} to share
     * between instances.
     */
    static Path writeSettings(Path directory, String fileName, Map<String, String> settings) {
        Properties properties = new Properties();
        properties.putAll(settings);
        Path file = directory.resolve(fileName);
        try {
            Files.createDirectories(directory);
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                properties.store(out, "streams application settings of an integration test");
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Starts instance {@code name} with the settings in {@code settingsFile}, its files under {@code directory}. */
    static StreamsAppProcess start(String name, Path settingsFile, Path directory) {
        StreamsAppProcess instance = new StreamsAppProcess(name, settingsFile, directory.resolve(name));
        instance.restart();
        return instance;
    }

    /** Starts the instance again, on the state directory its previous run left behind. */
    void restart() {
        if (child != null && child.isAlive()) {
            throw new IllegalStateException(this + " still runs");
        }
        Path temporary = directory.resolve("tmp");
        try {
            Files.createDirectories(temporary);
            logStart = Files.exists(logFile()) ? Files.size(logFile()) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> arguments = new ArrayList<>(List.of(
                "--config",
                settingsFile.toString(),
                "--set",
                "state.dir=" + directory.resolve("state"),
                "--set",
                "client.id=" + name));
        List<String> jvmOptions = List.of(
                "-Xmx768m",
                "-Djava.io.tmpdir=" + temporary,
                // the assignments of tasks and the restoration of their state, which the scale-out test follows
                "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.streams.processor.internals.TaskManager=info",
                "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.streams.processor.internals.StoreChangelogReader=info");
        child = ChildJvm.startMain(
                "streams-" + name, StreamCommand.class.getName(), arguments, jvmOptions, directory, logFile());
    }

    /** SIGKILL, as a crash: no shutdown hook runs, no transaction is completed, no state is flushed. */
    void kill() {
        child.kill();
        if (child.isAlive()) {
            throw new AssertionError(this + " survived SIGKILL");
        }
    }

    /** SIGTERM: the application closes gracefully and leaves the group; fails unless it ends within {@code grace}. */
    void stop(Duration grace) {
        if (!child.stop(grace)) {
            throw new AssertionError(
                    this + " did not stop within " + grace.toSeconds() + " s of SIGTERM; " + child.logTailMessage());
        }
    }

    /** Waits until the instance reports RUNNING since its last start; fails when it exits or {@code timeout} passes. */
    void awaitRunning(Duration timeout) {
        try {
            await(this + " to reach RUNNING")
                    .atMost(timeout)
                    .pollInterval(POLL)
                    .failFast(this::assertAlive)
                    .until(() -> logSinceStart().contains(RUNNING_LOG));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    this + " did not reach RUNNING within " + timeout.toSeconds() + " s; " + child.logTailMessage(), e);
        }
    }

    /** Fails with the end of its log when the process has exited. */
    void assertAlive() {
        if (!child.isAlive()) {
            throw new AssertionError(
                    this + " exited with code " + child.exitCode().orElseThrow() + "; " + child.logTailMessage());
        }
    }

    boolean isAlive() {
        return child.isAlive();
    }

    /** What the instance logged since it was last started. */
    String logSinceStart() {
        try {
            if (!Files.exists(logFile())) {
                return "";
            }
            byte[] log = Files.readAllBytes(logFile());
            return new String(
                    log,
                    (int) Math.min(logStart, log.length),
                    (int) Math.max(0, log.length - logStart),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + logFile(), e);
        }
    }

    /** Every assignment the instance received since it was last started, oldest first. */
    List<TaskAssignment> assignments() {
        List<TaskAssignment> assignments = new ArrayList<>();
        Matcher matcher = ASSIGNMENT_LOG.matcher(logSinceStart());
        while (matcher.find()) {
            assignments.add(new TaskAssignment(taskIds(matcher.group(1)), taskIds(matcher.group(2))));
        }
        return assignments;
    }

    /** The latest assignment since the instance was last started; none before it joined the group. */
    Optional<TaskAssignment> assignment() {
        List<TaskAssignment> assignments = assignments();
        return assignments.isEmpty() ? Optional.empty() : Optional.of(assignments.get(assignments.size() - 1));
    }

    /**
     * The directory in which this instance keeps the local state (RocksDB stores) of task {@code taskId} of
     * application {@code applicationId}: Kafka Streams' {@code <state.dir>/<application.id>/<task id>}.
     */
    Path taskStateDirectory(String applicationId, String taskId) {
        return directory.resolve("state").resolve(applicationId).resolve(taskId);
    }

    private static Set<String> taskIds(String list) {
        return Arrays.stream(list.split(","))
                .map(String::strip)
                .filter(id -> !id.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The instance's name, also the {@code client.id} of its Kafka clients. */
    String name() {
        return name;
    }

    Path logFile() {
        return directory.resolve("streams.log");
    }

    /** Sleeps for a polling interval; an interrupt fails the test. */
    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public String toString() {
        return "streams instance " + name + (child == null ? "" : " (pid " + child.pid() + ")");
    }
}
