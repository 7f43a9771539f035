package io.paperstream.bench;

import io.paperstream.stack.ChildJvm;
import io.paperstream.stack.HttpCheck;
import io.paperstream.stack.LoopbackPorts;
import io.paperstream.streams.GroupProtocol;
import io.paperstream.streams.StreamsSettings;
import io.paperstream.waits.Waits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.streams.StreamsConfig;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The instances of one Kafka Streams application under test, each a child JVM as a user runs it: the pipeline
 * ({@code paperstream stream}) or the {@link PassThroughApp}. Every instance has its own state directory and, when
 * serving, its own HTTP port on 127.0.0.1, so that readiness after a restore can be asked at {@code /ready}.
 */
final class StreamsProcesses implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final String mainClass;
    private final String applicationId;
    private final Map<String, String> settings;
    private final List<String> arguments;
    private final List<String> jvmOptions;
    private final Path directory;
    private final List<Integer> httpPorts = new ArrayList<>();
    private final List<ChildJvm> instances = new ArrayList<>();
    private long startedNanos;

    /**
     * @param mainClass the application's main class
     * @param arguments its arguments before the settings ({@code stream}; the pass-through's {@code --to TOPIC})
     * @param serving true for the pipeline, which then serves HTTP on a port of its own per instance
     * @param settings the application's settings ({@code --set} of each instance): topics, guarantee, threads
     */
    StreamsProcesses(
            String mainClass,
            List<String> arguments,
            boolean serving,
            Map<String, String> settings,
            int instanceCount,
            List<String> jvmOptions,
            Path directory) {
        this.mainClass = mainClass;
        this.applicationId = settings.get(StreamsSettings.APPLICATION_ID.name());
        this.settings = settings;
        this.arguments = arguments;
        this.jvmOptions = jvmOptions;
        this.directory = directory;
        for (int i = 0; i < instanceCount; i++) {
            httpPorts.add(serving ? LoopbackPorts.freePorts(1)[0] : -1);
        }
    }

    String applicationId() {
        return applicationId;
    }

    /** Whether the instances serve HTTP, over which {@link #restoreFromChangelogs} asks their readiness. */
    private boolean serving() {
        return httpPorts.get(0) > 0;
    }

    boolean exactlyOnce() {
        return StreamsConfig.EXACTLY_ONCE_V2.equals(settings.getOrDefault(
                StreamsSettings.PROCESSING_GUARANTEE.name(), StreamsSettings.PROCESSING_GUARANTEE.defaultValue()));
    }

    /** Starts every instance; the time of this call is where {@link #elapsedSeconds()} counts from. */
    void start() {
        startedNanos = System.nanoTime();
        for (int i = 0; i < httpPorts.size(); i++) {
            instances.add(ChildJvm.startMain(
                    applicationId + "-" + i,
                    mainClass,
                    instanceArguments(i),
                    jvmOptions,
                    directory,
                    directory.resolve(applicationId + "-" + i + ".log")));
        }
    }

    private List<String> instanceArguments(int instance) {
        Map<String, String> values = new LinkedHashMap<>(settings);
        values.put(StreamsConfig.STATE_DIR_CONFIG, stateDirectory(instance).toString());
        int port = httpPorts.get(instance);
        values.put(StreamsSettings.HTTP_ENABLED.name(), Boolean.toString(port > 0));
        if (port > 0) {
            values.put(StreamsSettings.HTTP_HOST.name(), "127.0.0.1");
            values.put(StreamsSettings.HTTP_PORT.name(), Integer.toString(port));
        }
        List<String> all = new ArrayList<>(arguments);
        values.forEach((key, value) -> {
            all.add("--set");
            all.add(key + "=" + value);
        });
        return all;
    }

    private Path stateDirectory(int instance) {
        return directory.resolve(applicationId + "-state-" + instance);
    }

    double elapsedSeconds() {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /** Fails with the instance's log tail when one of them has exited. */
    void requireAlive() {
        for (ChildJvm instance : instances) {
            if (!instance.isAlive()) {
                throw new BenchException(instance + " exited with code "
                        + instance.exitCode().orElse(-1) + "; " + instance.logTailMessage());
            }
        }
    }

    /** The state directories of every instance. */
    List<Path> stateDirectories() {
        List<Path> directories = new ArrayList<>();
        for (int i = 0; i < httpPorts.size(); i++) {
            directories.add(stateDirectory(i));
        }
        return directories;
    }

    /** The first instance's JVM, whose memory the bench reports. */
    ChildJvm first() {
        return instances.get(0);
    }

    /**
     * Whether {@link #restoreFromChangelogs} can tell when the instances are ready: over HTTP when they serve it, else
     * from their Kafka Streams clients' state over JMX, which needs the attach API of a JDK.
     */
    boolean readinessKnown() {
        return serving() || StreamsClientState.available();
    }

    /**
     * Stops every instance, deletes their state directories, starts them again and waits until each is ready (every
     * store restored from its changelog): it answers {@code /ready}, or without HTTP its Kafka Streams client is
     * RUNNING ({@link StreamsClientState}); returns the seconds from the start to ready. The stopped instances'
     * members are removed from the group first: Kafka Streams does not leave its group on close, and the new instances
     * would otherwise wait out the old members' session timeout, which is not restoring.
     */
    double restoreFromChangelogs(Admin admin, Duration timeout) throws Exception {
        if (!readinessKnown()) {
            throw new IllegalStateException(applicationId + " serves no HTTP and this JVM has no attach API for JMX");
        }
        stop();
        stateDirectories().forEach(StreamsProcesses::deleteTree);
        removeGroupMembers(admin, timeout);
        start();
        List<StreamsClientState> clients = new ArrayList<>();
        BooleanSupplier ready;
        if (serving()) {
            ready = () -> httpPorts.stream().allMatch(StreamsProcesses::ready);
        } else {
            instances.forEach(instance -> clients.add(new StreamsClientState(instance.pid())));
            ready = () -> clients.stream().allMatch(StreamsClientState::running);
        }
        try {
            Waits.await("every instance of " + applicationId + " ready after its state was wiped")
                    .atMost(timeout)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        requireAlive();
                        return ready.getAsBoolean();
                    });
        } catch (ConditionTimeoutException e) {
            throw new BenchException(applicationId + " was not ready within " + timeout.toSeconds()
                    + " s after its state was wiped; see " + first().logFile());
        } finally {
            clients.forEach(StreamsClientState::close);
        }
        return elapsedSeconds();
    }

    private void removeGroupMembers(Admin admin, Duration timeout) throws Exception {
        // a member of the streams protocol leaves the group as its instance stops; only classic members stay
        Optional<GroupListing> group = GroupProtocol.describe(admin, applicationId, timeout.toMillis());
        if (group.isPresent()
                && group.get().type().orElse(GroupType.UNKNOWN) == GroupType.CLASSIC
                && GroupProtocol.hasMembers(group.get())) {
            admin.removeMembersFromConsumerGroup(applicationId, new RemoveMembersFromConsumerGroupOptions())
                    .all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static boolean ready(int port) {
        return HttpCheck.answersOk(URI.create("http://127.0.0.1:" + port + "/ready"));
    }

    /** Stops every instance (SIGTERM, then a kill after the grace), so that the next step has the cores. */
    void stop() {
        instances.forEach(instance -> instance.stop(STOP_GRACE));
        instances.clear();
    }

    /** Stops every instance and deletes their state directories, of no use to a later run. */
    @Override
    public void close() {
        stop();
        stateDirectories().forEach(StreamsProcesses::deleteTree);
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
