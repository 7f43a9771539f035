package io.paperstream.serving;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.streams.PipelineObserver;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The metrics of one application instance, in a registry of its own that {@code /metrics} writes
 * in the Prometheus text format: Kafka Streams' own metrics (threads, tasks, processors, stores and
 * the embedded consumers, producers and admin client) through Micrometer's {@link KafkaStreamsMetrics},
 * the JVM's, and the pipeline's: papers classified per primary topic, classification time, dead
 * letters per stage, trend windows emitted, live-stream clients and how each partition's search index started.
 */
public final class ServingMetrics implements PipelineObserver, AutoCloseable {

    static final String PAPERS_CLASSIFIED = "paperstream.papers.classified";
    static final String CLASSIFICATION = "paperstream.classification";
    static final String DEAD_LETTERS = "paperstream.dlq.records";
    static final String TREND_WINDOWS = "paperstream.trend.windows.emitted";
    static final String LIVE_CLIENTS = "paperstream.live.clients";
    static final String LIVE_CLIENTS_DROPPED = "paperstream.live.clients.dropped";
    static final String SEARCH_INDEX_STARTS = "paperstream.search.index.starts";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer classification = Timer.builder(CLASSIFICATION)
            .description("Time to classify one new or revised paper")
            .register(registry);
    private final Counter trendWindows = Counter.builder(TREND_WINDOWS)
            .description("Closed windows whose trends and digest were emitted")
            .register(registry);
    private final Counter liveClientsDropped = Counter.builder(LIVE_CLIENTS_DROPPED)
            .description("Live-stream clients dropped because they read slower than events came")
            .register(registry);
    private final Map<PaperSearch.Start, Counter> searchIndexStarts = new EnumMap<>(PaperSearch.Start.class);
    private final Map<String, Counter> classifiedPerTopic = new ConcurrentHashMap<>();
    private final Map<String, Counter> deadLettersPerStage = new ConcurrentHashMap<>();
    private KafkaStreamsMetrics streamsMetrics;

    public ServingMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        for (PaperSearch.Start start : PaperSearch.Start.values()) {
            searchIndexStarts.put(
                    start,
                    Counter.builder(SEARCH_INDEX_STARTS)
                            .description("Partitions whose search index a task started with: kept from the last run,"
                                    + " or built from the store")
                            .tag("index", start.name().toLowerCase(Locale.ROOT))
                            .register(registry));
        }
    }

    /** Counts how a partition's search index started. */
    void searchIndexStarted(PaperSearch.Start start) {
        searchIndexStarts.get(start).increment();
    }

    /** Reports the number of live-stream clients {@code clients} gives. */
    void gaugeLiveClients(Supplier<Number> clients) {
        Gauge.builder(LIVE_CLIENTS, clients)
                .description("Live-stream clients connected")
                .register(registry);
    }

    /** Adds the metrics of {@code streams} (before or after it starts). */
    synchronized void bind(KafkaStreams streams) {
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
    }

    @Override
    public void classified(ClassifiedPaper paper, long nanos) {
        classification.record(nanos, TimeUnit.NANOSECONDS);
        classifiedPerTopic
                .computeIfAbsent(
                        paper.getPrimaryTopic(),
                        topic -> Counter.builder(PAPERS_CLASSIFIED)
                                .description("New or revised papers classified, by primary topic")
                                .tag("topic", topic)
                                .register(registry))
                .increment();
    }

    @Override
    public void deadLettered(String stage) {
        deadLettersPerStage
                .computeIfAbsent(
                        stage,
                        s -> Counter.builder(DEAD_LETTERS)
                                .description("Records sent to the dead-letter topic, by the stage that failed")
                                .tag("stage", s)
                                .register(registry))
                .increment();
    }

    /** Counts what the serving stage sees: a digest closes a trend window. */
    void observe(LiveEvent event) {
        if (LiveEvent.DIGEST.equals(event.type())) {
            trendWindows.increment();
        }
    }

    void liveClientDropped() {
        liveClientsDropped.increment();
    }

    /** Every metric in the Prometheus text format. */
    String scrape() {
        return registry.scrape();
    }

    @Override
    public synchronized void close() {
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
        registry.close();
    }
}
