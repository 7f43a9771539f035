package io.paperstream.demo;

import io.paperstream.avro.PaperAbstract;
import io.paperstream.producer.OfflinePipeline;
import io.paperstream.producer.PaperEvents;
import io.paperstream.producer.ProducerSettings;
import io.paperstream.producer.replay.BurstSpec;
import io.paperstream.producer.replay.Replay;
import io.paperstream.producer.replay.ReplayEvent;
import io.paperstream.producer.replay.ReplayGenerator;
import io.paperstream.producer.replay.ReplaySettings;
import io.paperstream.producer.source.BadRecord;
import io.paperstream.producer.source.Origin;
import io.paperstream.producer.source.PaperReader;
import io.paperstream.producer.source.PaperReaders;
import io.paperstream.producer.source.PaperRecord;
import io.paperstream.producer.source.ReadResult;
import io.paperstream.producer.source.ReaderOptions;
import io.paperstream.producer.source.SourceFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * What the demo sends: the producer's deterministic replay ({@link ReplayGenerator}) of the sample papers we
 * wrote, over {@value #DAYS} simulated days that end on the sample page's date, with a topic burst in the middle
 * and a keyphrase burst on the last day (so that the latest digest has something rising), and the generator's
 * closing event last, which closes the last day's window.
 */
public final class DemoReplay {

    /** The sample papers, in the trending-page format. */
    public static final String SAMPLE_PAPERS = "/samples/sample-papers.txt";
    /** Simulated days replayed: the first {@code paperstream.trends.min-baseline-windows} only build baselines. */
    public static final int DAYS = 14;
    /** Papers a day without bursts, about three per topic: enough for the trend scoring's minimum support. */
    public static final double PAPERS_PER_DAY = 40;
    /** The seed: every run replays the very same papers, so every run shows the same table. */
    public static final long SEED = 13;
    /** The first simulated day (UTC midnight, so days are the application's one-day windows). */
    public static final Instant FIRST_DAY = Instant.parse("2025-11-07T00:00:00Z");
    /**
     * The injected bursts, one day each: the detector flags the first day of a rise, and the baseline it then
     * learns from makes a second day of the same height no surprise.
     */
    public static final List<BurstSpec> BURSTS =
            List.of(BurstSpec.parse("topic:robotics-rl@6+1x6"), BurstSpec.parse("keyphrase:diffusion model@13+1x8"));

    /** The year of the sample page's date line ("Nov 20"); the replay sets its own times anyway. */
    private static final int SAMPLE_YEAR = 2025;

    private DemoReplay() {}

    /** The demo's replay for an application with this window grace: its days, bursts and closing event. */
    public static Replay plan(Duration windowGrace, Clock clock) {
        OfflinePipeline pipeline = OfflinePipeline.withDefaultTaxonomy();
        Instant now = clock.instant();
        ReplayGenerator generator = new ReplayGenerator(samplePapers(), paper -> pipeline.classify(paper, now, now));
        return generator.generate(new ReplaySettings(DAYS, PAPERS_PER_DAY, BURSTS, SEED, FIRST_DAY, windowGrace));
    }

    /**
     * Sends every event of {@code replay} in order to {@code topic}, the closing event last, and waits until the
     * broker has them all.
     *
     * @return the number of events sent
     * @throws KafkaException when the broker or the registry refused an event
     */
    public static long send(
            Replay replay, String bootstrapServers, String schemaRegistryUrl, String topic, Clock clock) {
        Map<String, Object> config = ProducerSettings.of(Map.of(
                        ProducerSettings.BOOTSTRAP_SERVERS.name(),
                        bootstrapServers,
                        ProducerSettings.SCHEMA_REGISTRY_URL.name(),
                        schemaRegistryUrl,
                        ProducerConfig.CLIENT_ID_CONFIG,
                        "paperstream-demo"))
                .kafkaProducerConfig();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long sent = 0;
        try (KafkaProducer<String, PaperAbstract> producer = new KafkaProducer<>(config)) {
            for (Iterator<ReplayEvent> events = replay.events(); events.hasNext() && failure.get() == null; sent++) {
                ReplayEvent event = events.next();
                PaperAbstract paper = PaperEvents.toEvent(
                        event.paper(), ReplayGenerator.SOURCE, event.publishedAt(), clock.instant());
                producer.send(new ProducerRecord<>(topic, paper.getId(), paper), (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                });
            }
            producer.flush();
        }
        Exception error = failure.get();
        if (error != null) {
            throw error instanceof KafkaException kafka ? kafka : new KafkaException(error.getMessage(), error);
        }
        return sent;
    }

    /** The sample papers; the file is ours, so a record it cannot read is a bug. */
    static List<PaperRecord> samplePapers() {
        List<PaperRecord> papers = new ArrayList<>();
        Origin origin = new Origin(
                "samples/sample-papers.txt", String.valueOf(DemoReplay.class.getResource(SAMPLE_PAPERS)), true);
        try (InputStream in = DemoReplay.class.getResourceAsStream(SAMPLE_PAPERS);
                PaperReader reader = PaperReaders.open(
                        Optional.of(SourceFormat.TRENDING_PAGE),
                        in,
                        origin,
                        new ReaderOptions(ReaderOptions.DEFAULT_MAX_LINE_BYTES, SAMPLE_YEAR))) {
            for (Optional<ReadResult> item = reader.next(); item.isPresent(); item = reader.next()) {
                if (item.get() instanceof BadRecord bad) {
                    throw new IllegalStateException("the shipped sample papers have a bad record: " + bad.message());
                }
                papers.add((PaperRecord) item.get());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shipped sample papers", e);
        }
        return papers;
    }
}
