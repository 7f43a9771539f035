package io.paperstream.it;

import static io.paperstream.waits.Waits.await;

import io.paperstream.app.PaperstreamApp;
import io.paperstream.avro.PaperAbstract;
import io.paperstream.avro.PaperEngagement;
import io.paperstream.settings.Setting;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Instances of the real streams application ({@link PaperstreamApp}) in this JVM that form one application on
 * the shared stack: the same application id and topics of their own ({@link PipelineTopics}), each with its
 * own state directory and its HTTP server on a free loopback port (its {@code application.server}).
 */
final class ServingInstances implements AutoCloseable {

    static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    /** How long the instances must stay ready to count as ready. */
    private static final Duration STABLE = Duration.ofSeconds(3);

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final StackEndpoints stack;
    private final PipelineTopics topics;
    private final Map<String, String> overrides;
    private final List<PaperstreamApp> apps = new ArrayList<>();
    private final StreamsGroupProgress progress;

    private ServingInstances(StackEndpoints stack, PipelineTopics topics, Map<String, String> overrides) {
        this.stack = stack;
        this.topics = topics;
        this.overrides = overrides;
        this.progress = new StreamsGroupProgress(stack.bootstrapServers(), topics.applicationId(), topics.raw());
    }

    /** No instance yet; topics and application id named after {@code name}. */
    static ServingInstances of(StackEndpoints stack, String name, Map<String, String> overrides) {
        return new ServingInstances(stack, PipelineTopics.unique(name), Map.copyOf(overrides));
    }

    /** Starts one more instance and returns it without waiting: it is starting, not running yet. */
    PaperstreamApp start() {
        PaperstreamApp app = new PaperstreamApp(
                topics.appSettings(stack, "streams-state/" + topics.prefix() + "-" + apps.size(), overrides));
        apps.add(app);
        return start(app, apps.size());
    }

    /**
     * Closes {@code app} (a clean shutdown) and starts it again on its settings and state directory, as a restarted
     * process would; returns the new instance without waiting.
     */
    PaperstreamApp restart(PaperstreamApp app) {
        int at = apps.indexOf(app);
        if (at < 0) {
            throw new IllegalArgumentException("not an instance of " + topics.applicationId());
        }
        app.close();
        PaperstreamApp again = new PaperstreamApp(app.settings());
        apps.set(at, again);
        return start(again, at + 1);
    }

    private PaperstreamApp start(PaperstreamApp app, int number) {
        try {
            app.start();
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("instance " + number + " of " + topics.applicationId() + " did not start", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while an instance started", e);
        }
        return app;
    }

    /**
     * Waits until every instance has answered {@code /ready} with 200 for {@link #STABLE} without a break: all run,
     * with every store restored. Moving tasks to a new instance takes two rebalances in a row (cooperative
     * rebalancing revokes them first), and the instances are ready for a moment between the two.
     */
    void awaitReady(ApiClient client) {
        try {
            await("every instance ready for " + STABLE.toSeconds() + " s")
                    .atMost(START_TIMEOUT)
                    .during(STABLE)
                    .pollInterval(POLL)
                    .until(() -> apps.stream()
                            .allMatch(app ->
                                    client.get(baseUri(app).resolve("/ready")).status() == 200));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    "not every instance is ready " + START_TIMEOUT.toSeconds() + " s after it started: "
                            + apps.stream()
                                    .map(app -> baseUri(app) + " " + app.state())
                                    .toList(),
                    e);
        }
    }

    /** Sends {@code papers} to the input topic and waits until the application has processed them. */
    void sendAndAwait(List<PaperAbstract> papers, Duration timeout) {
        try (ReplayProducer producer = new ReplayProducer(stack, topics.raw())) {
            producer.sendAll(papers);
        }
        progress.awaitDrained(timeout, List.of());
    }

    /**
     * Waits until the trend stage has published the digests of the windows the scenario's closers close, then for
     * {@link TrendScenario#SOURCE_IDLE} and a punctuation more: the count tasks that a closer reached from one
     * partition only close their windows once the other partition has been quiet that long (those no closer reached
     * keep their windows open, as they would with Kafka Streams' stream time).
     */
    void awaitClosed(Duration timeout) {
        await(topics.applicationId() + " to publish the digests of days 0 to " + TrendScenario.BURST_DAY)
                .atMost(timeout)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> records(topics.digests()), published -> published >= TrendScenario.CLOSED_DAYS);
        StreamsAppProcess.sleep(TrendScenario.SOURCE_IDLE.plusSeconds(2));
    }

    private int records(String topic) {
        return TestTopics.readAll(stack.bootstrapServers(), topic, READ_TIMEOUT).size();
    }

    /** Sends engagement {@code observations} to the engagement topic without waiting for the application. */
    void sendObservations(List<PaperEngagement> observations) {
        try (ReplayProducer producer = new ReplayProducer(stack, topics.engagement())) {
            producer.sendObservations(observations);
        }
    }

    /** A Hugging Face observation of {@code paperId}'s cumulative upvotes at {@code observedAt}. */
    static PaperEngagement upvotes(String paperId, Instant observedAt, long upvotes) {
        return PaperEngagement.newBuilder()
                .setPaperId(paperId)
                .setSource("hf-daily")
                .setObservedAt(observedAt)
                .setUpvotes(upvotes)
                .build();
    }

    /** Sends {@code papers} to the input topic without waiting for the application. */
    void send(List<PaperAbstract> papers) {
        try (ReplayProducer producer = new ReplayProducer(stack, topics.raw())) {
            producer.sendAll(papers);
        }
    }

    /** Where {@code app}'s HTTP server listens. */
    static URI baseUri(PaperstreamApp app) {
        InetSocketAddress address = app.httpAddress();
        return URI.create("http://" + address.getHostString() + ":" + address.getPort() + "/");
    }

    String topic(Setting<String> topic) {
        return topics.settings().get(topic.name());
    }

    String inputTopic() {
        return topics.raw();
    }

    String applicationId() {
        return topics.applicationId();
    }

    @Override
    public void close() {
        try {
            apps.forEach(PaperstreamApp::close);
        } finally {
            progress.close();
        }
    }
}
