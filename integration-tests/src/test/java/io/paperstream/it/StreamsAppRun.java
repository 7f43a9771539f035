package io.paperstream.it;

import io.paperstream.app.PaperstreamApp;
import io.paperstream.settings.Setting;
import io.paperstream.streams.StreamsSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;

/**
 * The real paperstream streams application ({@link PaperstreamApp}) running in this JVM against the shared
 * stack, with an application id and every {@code paperstream.topic.*} topic of its own ({@link PipelineTopics}),
 * so that tests do not see each other's records. The application creates its topics itself, the raw topic
 * included, with {@code paperstream.topic.partitions} partitions.
 */
final class StreamsAppRun implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final StreamsSettings settings;
    private final PaperstreamApp app;
    private final StreamsGroupProgress progress;

    private StreamsAppRun(StreamsSettings settings, PaperstreamApp app, StreamsGroupProgress progress) {
        this.settings = settings;
        this.app = app;
        this.progress = progress;
    }

    /**
     * Starts the application on topics named after {@code name} (plus a random suffix) and waits until it is
     * RUNNING.
     *
     * @param overrides settings on top of the run's own (partitions, window grace, ...)
     */
    static StreamsAppRun start(StackEndpoints stack, String name, Map<String, String> overrides) {
        return start(stack, PipelineTopics.unique(name), overrides);
    }

    /** Starts the application on {@code topics} and waits until it is RUNNING. */
    static StreamsAppRun start(StackEndpoints stack, PipelineTopics topics, Map<String, String> overrides) {
        StreamsSettings settings = topics.appSettings(stack, "streams-state/" + topics.prefix(), overrides);

        PaperstreamApp app = new PaperstreamApp(settings);
        StreamsAppRun run = new StreamsAppRun(
                settings,
                app,
                new StreamsGroupProgress(stack.bootstrapServers(), topics.applicationId(), topics.raw()));
        try {
            app.start();
            if (!app.awaitRunning(START_TIMEOUT)) {
                throw new AssertionError("the streams application " + topics.applicationId() + " is " + app.state()
                        + ", not RUNNING, " + START_TIMEOUT.toSeconds() + " s after it started");
            }
            return run;
        } catch (ExecutionException | TimeoutException e) {
            run.close();
            throw new AssertionError("the streams application " + topics.applicationId() + " did not start", e);
        } catch (InterruptedException e) {
            run.close();
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while the streams application started", e);
        } catch (RuntimeException | AssertionError e) {
            run.close();
            throw e;
        }
    }

    StreamsSettings settings() {
        return settings;
    }

    /** The name this run gave the topic {@code topic} names. */
    String topic(Setting<String> topic) {
        return settings.get(topic);
    }

    /** Where the application's serving API listens. */
    URI baseUri() {
        return ServingInstances.baseUri(app);
    }

    /** The state of the Kafka Streams instance. */
    KafkaStreams.State state() {
        return app.state();
    }

    /** The names of the application's stream threads now: a thread replaced after a crash has a new name. */
    Set<String> streamThreads() {
        return app.streams().metadataForLocalThreads().stream()
                .map(ThreadMetadata::threadName)
                .collect(Collectors.toSet());
    }

    /** The live stream threads by name, with how many active tasks each holds. */
    Map<String, Integer> activeTasksByThread() {
        return app.streams().metadataForLocalThreads().stream()
                .collect(Collectors.toMap(
                        ThreadMetadata::threadName,
                        thread -> thread.activeTasks().size()));
    }

    /**
     * Waits until the application has processed every record written to its raw topic so far, and all it wrote
     * in consequence: under exactly-once its output is then committed and readable.
     */
    void awaitCaughtUp(Duration timeout) {
        progress.awaitDrained(timeout, List.of());
    }

    /** Closes the application gracefully. */
    @Override
    public void close() {
        try {
            app.close();
        } finally {
            progress.close();
        }
    }
}
