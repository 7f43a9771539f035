package io.paperstream.app;

import io.paperstream.classify.Taxonomy;
import io.paperstream.serving.LiveEvent;
import io.paperstream.serving.ServingLayer;
import io.paperstream.settings.Setting;
import io.paperstream.settings.ValueType;
import io.paperstream.streams.BrokerTimestampLimit;
import io.paperstream.streams.DeadLetters;
import io.paperstream.streams.GroupProtocol;
import io.paperstream.streams.PipelineObserver;
import io.paperstream.streams.PipelineTopology;
import io.paperstream.streams.SourceWatermarks;
import io.paperstream.streams.StreamsSettings;
import io.paperstream.streams.TopicProvisioner;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running instance of the streams application: creates the topics, starts Kafka Streams with
 * an uncaught-exception handler that replaces a failed stream thread (a bounded number of times) and, unless {@code paperstream.http.enabled} is off,
 * the {@link ServingLayer} (API, dashboard, metrics, health) on {@code paperstream.http.port}; and
 * closes both gracefully.
 */
public final class PaperstreamApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PaperstreamApp.class);
    private static final Duration TOPIC_CREATION_TIMEOUT = Duration.ofSeconds(30);

    private final StreamsSettings settings;
    /** Stream-thread failures tolerated within {@link #THREAD_FAILURE_PERIOD} before the application shuts down. */
    private static final int THREAD_FAILURES_TOLERATED = 10;

    private static final Duration THREAD_FAILURE_PERIOD = Duration.ofMinutes(10);

    private final CountDownLatch stopped = new CountDownLatch(1);
    /** Completed by the state listener: true on reaching RUNNING, false when the application stops first. */
    private final CompletableFuture<Boolean> running = new CompletableFuture<>();

    private KafkaStreams streams;
    private ThreadReplacements threadReplacements;
    private ServingLayer serving;

    public PaperstreamApp(StreamsSettings settings) {
        this.settings = settings;
    }

    /** The settings this application runs with. */
    public StreamsSettings settings() {
        return settings;
    }

    /**
     * Starts the HTTP server, loads the taxonomy, creates the missing topics (unless {@link
     * StreamsSettings#KAFKA_TOPIC_CREATE} is off) and checks them, reads the brokers' timestamp limits, builds the
     * topology, then starts the application; returns once it is starting, not once it is running.
     *
     * @throws TimeoutException when Kafka does not answer while the topics are checked
     * @throws io.paperstream.serving.HttpBindException when the HTTP server cannot listen on its port
     */
    public synchronized void start() throws InterruptedException, ExecutionException, TimeoutException {
        if (streams != null || serving != null) {
            throw new IllegalStateException("already started");
        }
        // before Kafka Streams: the port it listens on is this instance's application.server
        serving = settings.get(StreamsSettings.HTTP_ENABLED) ? ServingLayer.start(settings) : null;
        PipelineObserver observer = serving == null ? PipelineObserver.NONE : serving.observer();
        Consumer<LiveEvent> events = serving == null ? event -> {} : serving.events();
        Taxonomy taxonomy = PipelineTopology.taxonomy(settings);
        // after what only needs this machine (the HTTP port, the taxonomy): those fail at once, Kafka may take a while
        KafkaAtStart kafka = prepareTopics();
        StreamsSettings effective = withinTimestampLimits(kafka.timestampLimits());
        // the API alone searches: without it, no index costs CPU and disk
        Topology topology = PaperstreamTopology.build(
                effective,
                taxonomy,
                observer,
                events,
                Optional.ofNullable(serving).map(ServingLayer::search));
        LOG.info("topology:\n{}", topology.describe());
        Properties properties = effective.kafkaStreamsProperties();
        properties.put(DeadLetters.OBSERVER_CONFIG, observer);
        properties.put(SourceWatermarks.PARTITIONS_CONFIG, kafka.rawPartitions());
        if (serving != null) {
            properties.put(StreamsConfig.APPLICATION_SERVER_CONFIG, serving.applicationServer());
        }
        streams = new KafkaStreams(topology, properties);
        threadReplacements =
                new ThreadReplacements(THREAD_FAILURES_TOLERATED, THREAD_FAILURE_PERIOD, Clock.systemUTC());
        streams.setUncaughtExceptionHandler(threadReplacements);
        streams.setStateListener((now, before) -> {
            LOG.info("state {} -> {}", before, now);
            if (now == KafkaStreams.State.RUNNING) {
                running.complete(true);
            }
            if (now == KafkaStreams.State.ERROR
                    || now == KafkaStreams.State.NOT_RUNNING
                    || now == KafkaStreams.State.PENDING_ERROR
                    || now == KafkaStreams.State.PENDING_SHUTDOWN) {
                running.complete(false);
            }
            if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
                stopped.countDown();
            }
        });
        if (serving != null) {
            serving.attach(streams, topology.describe());
            LOG.info("serving the API, the dashboard and metrics at http://{}/", serving.applicationServer());
        }
        streams.start();
    }

    /** What the application learns of Kafka as it starts: the partitions of papers.raw, the brokers' timestamp limits. */
    private record KafkaAtStart(int rawPartitions, BrokerTimestampLimit.Limits timestampLimits) {}

    /**
     * The settings to run with: these, with {@link StreamsSettings#EVENT_TIME_MAX_AHEAD} and {@link
     * StreamsSettings#EVENT_TIME_MAX_BEHIND} brought within the brokers' limits where they are beyond, so that no record
     * the pipeline makes is one the brokers refuse.
     */
    private StreamsSettings withinTimestampLimits(BrokerTimestampLimit.Limits limits) {
        StreamsSettings effective = within(settings, StreamsSettings.EVENT_TIME_MAX_AHEAD, limits.ahead(), "ahead of");
        return within(effective, StreamsSettings.EVENT_TIME_MAX_BEHIND, limits.behind(), "behind");
    }

    private static StreamsSettings within(
            StreamsSettings settings, Setting<Duration> setting, Optional<BrokerTimestampLimit> limit, String where) {
        Duration configured = settings.get(setting);
        if (limit.isEmpty() || (configured != null && limit.get().usable().compareTo(configured) >= 0)) {
            return settings;
        }
        Duration lowered = limit.get().usable();
        LOG.warn(
                "{} is {}, but {} takes records timestamped at most {} {} the broker's clock ({}): the pipeline takes"
                        + " event times up to {} {} it, and a paper or an observation beyond that goes to the"
                        + " dead-letter topic",
                setting.name(),
                configured == null ? "unset" : ValueType.DURATION.format(configured),
                limit.get().topic(),
                ValueType.DURATION.format(limit.get().limit()),
                where,
                limit.get().config(),
                ValueType.DURATION.format(lowered),
                where);
        return settings.with(setting, lowered);
    }

    /**
     * Creates the missing topics (unless {@link StreamsSettings#KAFKA_TOPIC_CREATE} is off), checks that the papers and
     * their engagement are co-partitioned, makes the group ready for its rebalance protocol ({@link GroupProtocol}) and
     * reads the brokers' limits on the timestamps the pipeline writes.
     */
    private KafkaAtStart prepareTopics() throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, Object> config = new HashMap<>();
        settings.kafkaPassThrough().forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k)) {
                config.put(k, v);
            }
        });
        String servers = settings.get(StreamsSettings.BOOTSTRAP_SERVERS);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        try (Admin admin = Admin.create(config)) {
            if (settings.get(StreamsSettings.KAFKA_TOPIC_CREATE)) {
                TopicProvisioner.createMissing(admin, settings, TOPIC_CREATION_TIMEOUT.toMillis());
            }
            int rawPartitions =
                    TopicProvisioner.requireCopartitioned(admin, settings, TOPIC_CREATION_TIMEOUT.toMillis());
            GroupProtocol.prepare(admin, settings, TOPIC_CREATION_TIMEOUT.toMillis());
            return new KafkaAtStart(
                    rawPartitions, BrokerTimestampLimit.read(admin, settings, TOPIC_CREATION_TIMEOUT.toMillis()));
        } catch (TimeoutException e) {
            throw new TimeoutException("Kafka at " + servers + " did not answer within " + TOPIC_CREATION_TIMEOUT);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw new TimeoutException("Kafka at " + servers + " did not answer: "
                        + e.getCause().getMessage());
            }
            throw e;
        }
    }

    /** The current state, or {@code null} before {@link #start()}. */
    public synchronized KafkaStreams.State state() {
        return streams == null ? null : streams.state();
    }

    /** The running Kafka Streams instance (for interactive queries), or {@code null} before {@link #start()}. */
    public synchronized KafkaStreams streams() {
        return streams;
    }

    /**
     * Where the HTTP server listens (the actual port when {@code paperstream.http.port} is 0), or
     * {@code null} before {@link #start()} or when HTTP is off.
     */
    public synchronized InetSocketAddress httpAddress() {
        return serving == null ? null : serving.address();
    }

    /** Waits until the application reached RUNNING; false when it did not within {@code timeout}. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        try {
            return running.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("the state listener never fails a future", e);
        }
    }

    /**
     * Why the application shut down by itself, when the broker refused it a permission it needs (an ACL missing): one
     * sentence naming it. Empty otherwise.
     */
    public synchronized Optional<String> refusedPermission() {
        return threadReplacements == null ? Optional.empty() : threadReplacements.fatal();
    }

    /** Blocks until the application stops; true when it stopped cleanly, false after an error. */
    public boolean awaitStop() throws InterruptedException {
        stopped.await();
        return state() != KafkaStreams.State.ERROR;
    }

    /**
     * Closes the application gracefully, waiting at most {@link StreamsSettings#SHUTDOWN_TIMEOUT};
     * the HTTP server stops first, so no query reaches stores that are closing.
     */
    @Override
    public synchronized void close() {
        if (serving != null) {
            serving.close();
        }
        if (streams != null) {
            Duration timeout = settings.get(StreamsSettings.SHUTDOWN_TIMEOUT);
            if (!streams.close(timeout)) {
                LOG.warn("streams did not close within {}", timeout);
            }
        }
        running.complete(false);
        stopped.countDown();
    }
}
