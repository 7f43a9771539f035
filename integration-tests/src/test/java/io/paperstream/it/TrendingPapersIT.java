package io.paperstream.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.paperstream.app.PaperstreamApp;
import io.paperstream.avro.PaperAbstract;
import io.paperstream.avro.PaperEngagement;
import io.paperstream.avro.TrendingPaper;
import io.paperstream.avro.TrendingPapers;
import io.paperstream.producer.ProduceCommand;
import io.paperstream.serving.ApiModel.TrendingPaperView;
import io.paperstream.serving.ApiModel.TrendingPapersView;
import io.paperstream.streams.StreamsSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Trending papers on the real broker and registry: generated replays of the corpus with engagement series, whose
 * ground truth says which papers rise fast, go through the real producer and the real streams application; the
 * papers the last ranking of papers.trending puts on top are those the replay made rise. Precision@10 over several
 * seeds is printed and held to a floor.
 */
@RealKafkaStack
class TrendingPapersIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Long> SEEDS = List.of(1L, 2L, 3L);
    private static final int DAYS = 4;
    private static final int PAPERS_PER_DAY = 60;
    private static final String RISING_SHARE = "0.1";
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(3);
    /** Each seed's precision@10 at least, and their mean. */
    private static final double FLOOR_EACH = 0.7;

    private static final double FLOOR_MEAN = 0.8;

    private final StackEndpoints stack;

    TrendingPapersIT(StackEndpoints stack) {
        this.stack = stack;
    }

    @Test
    void theLastRankingPutsThePapersTheReplayMadeRiseOnTop() throws IOException {
        List<Double> precisions = new ArrayList<>();
        for (long seed : SEEDS) {
            precisions.add(precisionAt10(seed));
        }
        double mean =
                precisions.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        System.out.printf(Locale.ROOT, "trending papers: precision@10 per seed %s, mean %.2f%n", precisions, mean);
        assertThat(precisions).allSatisfy(p -> assertThat(p).isGreaterThanOrEqualTo(FLOOR_EACH));
        assertThat(mean).isGreaterThanOrEqualTo(FLOOR_MEAN);
    }

    @Test
    void theApplicationRefusesAnEngagementTopicPartitionedUnlikeThePapers() {
        PipelineTopics topics = PipelineTopics.unique("it-copartition");
        StreamsSettings settings = topics.appSettings(
                stack, "streams-state/" + topics.prefix(), Map.of(StreamsSettings.KAFKA_TOPIC_PARTITIONS.name(), "2"));
        TestTopics.create(stack.bootstrapServers(), topics.engagement(), 1);

        try (PaperstreamApp app = new PaperstreamApp(settings)) {
            assertThatThrownBy(app::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(topics.engagement() + " has 1 partitions and " + topics.raw() + " 2")
                    .hasMessageContaining("recreate " + topics.engagement() + " with 2 partitions");
            assertThat(app.state()).isNull();
        }
    }

    private double precisionAt10(long seed) throws IOException {
        try (StreamsAppRun app = StreamsAppRun.start(stack, "it-trending-" + seed, Map.of())) {
            // Step 1: the real producer replays the corpus with engagement series, and writes who rises
            String engagement = app.topic(StreamsSettings.KAFKA_TOPIC_ENGAGEMENT);
            Path truthFile = ItDirectories.fresh("trending-" + seed).resolve("engagement-truth.json");
            ProduceCommandRun.Outcome run = ProduceCommandRun.inProcess(List.of(
                    "--bootstrap-servers",
                    stack.bootstrapServers(),
                    "--schema-registry-url",
                    stack.registryUrl(),
                    "--topic",
                    app.topic(StreamsSettings.KAFKA_TOPIC_RAW_PAPERS),
                    "--engagement-topic",
                    engagement,
                    "--generate",
                    "--days",
                    Integer.toString(DAYS),
                    "--papers-per-day",
                    Integer.toString(PAPERS_PER_DAY),
                    "--seed",
                    Long.toString(seed),
                    "--start",
                    "2026-04-01",
                    "--engagement",
                    "--rising-share",
                    RISING_SHARE,
                    "--engagement-truth",
                    truthFile.toString(),
                    Corpus.path().toString()));
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ProduceCommand.EXIT_OK);

            // Step 2: the application reads both inputs to their ends
            app.awaitCaughtUp(DRAIN_TIMEOUT);
            try (StreamsGroupProgress engagementProgress = new StreamsGroupProgress(
                    stack.bootstrapServers(), app.settings().get(StreamsSettings.APPLICATION_ID), engagement)) {
                engagementProgress.awaitDrained(DRAIN_TIMEOUT, List.of());
            }

            // Step 3: the last ranking against the ground truth
            JsonNode truth = JSON.readTree(truthFile.toFile());
            Instant end = Instant.parse(truth.get("end").asText());
            List<AvroTopic.Keyed<PaperEngagement>> observations =
                    AvroTopic.read(stack, engagement, PaperEngagement.class);
            // the ranking is made at the stage's stream time: the latest event time of either input, which is
            // the replay's closing paper (end of the last day plus grace) when it came before the last change
            Instant lastEvent = Stream.concat(
                            observations.stream().map(o -> o.value().getObservedAt()),
                            AvroTopic.read(
                                            stack,
                                            app.topic(StreamsSettings.KAFKA_TOPIC_RAW_PAPERS),
                                            PaperAbstract.class)
                                    .stream()
                                    .map(p -> p.value().getPublishedAt()))
                    .max(Instant::compareTo)
                    .orElseThrow();
            Set<String> shouldTrend = new HashSet<>();
            for (JsonNode paper : truth.get("risingPapers")) {
                // a rising paper trends at the end when it gained within the last day
                if (Instant.parse(paper.get("gainsUntil").asText()).isAfter(end.minus(Duration.ofDays(1)))) {
                    shouldTrend.add(paper.get("id").asText());
                }
            }
            List<AvroTopic.Keyed<TrendingPapers>> rankings =
                    AvroTopic.read(stack, app.topic(StreamsSettings.KAFKA_TOPIC_TRENDING), TrendingPapers.class);
            TrendingPapers last = rankings.get(rankings.size() - 1).value();
            // written when the order last changed, which need not be at the last event
            assertThat(last.getComputedAt()).isBetween(end.minus(Duration.ofDays(1)), lastEvent);
            assertThat(last.getPapers()).hasSize(30);
            List<String> top10 = last.getPapers().stream()
                    .limit(10)
                    .map(TrendingPaper::getPaperId)
                    .toList();
            long hits = top10.stream().filter(shouldTrend::contains).count();
            System.out.printf(
                    Locale.ROOT,
                    "trending papers, seed %d: %d rankings written, %d observations, %d papers should trend, "
                            + "%d of the top 10 do%n",
                    seed,
                    rankings.size(),
                    observations.size(),
                    shouldTrend.size(),
                    hits);
            assertThat(shouldTrend).as("enough rising papers to fill a top 10").hasSizeGreaterThanOrEqualTo(10);
            assertServedAsWritten(app, last);
            return hits / 10.0;
        }
    }

    /** GET /api/papers/trending answers the last ranking written, and with topic= that topic's papers of it. */
    private static void assertServedAsWritten(StreamsAppRun app, TrendingPapers last) {
        ApiClient api = new ApiClient();
        TrendingPapersView all = api.getJson(app.baseUri().resolve("api/papers/trending"), TrendingPapersView.class);
        assertThat(all.computedAt()).isEqualTo(last.getComputedAt());
        assertThat(all.papers())
                .extracting(TrendingPaperView::id)
                .containsExactlyElementsOf(
                        last.getPapers().stream().map(TrendingPaper::getPaperId).toList());
        String topic = last.getPapers().get(0).getPrimaryTopic();
        TrendingPapersView ofTopic =
                api.getJson(app.baseUri().resolve("api/papers/trending?topic=" + topic), TrendingPapersView.class);
        assertThat(ofTopic.papers())
                .isNotEmpty()
                .allSatisfy(paper -> assertThat(paper.topic()).isEqualTo(topic));
        assertThat(ofTopic.papers().get(0).rank()).isEqualTo(1);
        assertThat(api.get(app.baseUri().resolve("api/papers/trending?topic=astrology"))
                        .status())
                .isEqualTo(400);
    }
}
