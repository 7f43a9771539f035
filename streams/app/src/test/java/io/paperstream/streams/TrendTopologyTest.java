package io.paperstream.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.paperstream.avro.DailyDigest;
import io.paperstream.avro.DigestEntry;
import io.paperstream.avro.DigestPaper;
import io.paperstream.avro.KeywordTrend;
import io.paperstream.avro.TopicTrend;
import io.paperstream.classify.Classification;
import io.paperstream.classify.PaperClassifier;
import io.paperstream.classify.TrendingCorpus;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** trends.topics, trends.keywords and digests.daily over simulated days of real papers. */
class TrendTopologyTest {

    private static final Instant DAY0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final int BACKGROUND_PER_DAY = 8;
    private static final int BURST = 6;

    private final PaperClassifier classifier = new PaperClassifier(PipelineDriver.TAXONOMY);
    private List<TrendingCorpus.Paper> background;
    private TrendingCorpus.Paper burstPaper;
    private String burstTopic;

    /** Background: the first papers of the corpus every day. Burst: a paper whose primary topic the background never has. */
    @BeforeEach
    void choosePapers() {
        background = TestPapers.CORPUS.subList(0, BACKGROUND_PER_DAY);
        Set<String> backgroundTopics = new HashSet<>();
        background.forEach(p -> backgroundTopics.addAll(classify(p).topicIds()));
        burstPaper = TestPapers.CORPUS.stream()
                .filter(p -> !backgroundTopics.contains(classify(p).primary()))
                .findFirst()
                .orElseThrow();
        burstTopic = classify(burstPaper).primary();
    }

    @Test
    void burstAfterTheWarmUpIsReportedWithItsCountBaselineScoreAndPapers() {
        try (PipelineDriver pipeline = PipelineDriver.fromEnriched(Map.of())) {
            for (int day = 0; day < 6; day++) {
                pipeBackground(pipeline, day);
            }
            pipeBackground(pipeline, 6);
            for (int i = 0; i < BURST; i++) {
                pipeline.pipe(
                        TestPapers.enriched("burst-" + i, burstPaper, at(6, 12 + i), List.of("mixture of experts")));
            }
            pipeBackground(pipeline, 7); // closes day 6

            List<TopicTrend> topics = pipeline.topicTrends().readValuesToList();
            List<KeywordTrend> keywords = pipeline.keywordTrends().readValuesToList();
            List<DailyDigest> digests = pipeline.digests().readValuesToList();

            // nothing rose on the steady days; on day 6 the burst topic and keyphrase did
            assertThat(topics).extracting(TopicTrend::getWindowStart).containsOnly(day(6));
            assertThat(topics)
                    .filteredOn(t -> t.getTopic().equals(burstTopic))
                    .singleElement()
                    .satisfies(t -> {
                        assertThat(t.getCount()).isEqualTo(BURST);
                        assertThat(t.getBaseline()).isZero();
                        assertThat(t.getScore()).isCloseTo(BURST, within(1e-9));
                        assertThat(t.getBaselineWindows()).isEqualTo(6);
                        assertThat(t.getWindowEnd()).isEqualTo(day(7));
                    });
            assertThat(topics)
                    .extracting(TopicTrend::getRank)
                    .containsExactlyElementsOf(
                            IntStream.rangeClosed(1, topics.size()).boxed().toList());
            assertThat(keywords).singleElement().satisfies(k -> {
                assertThat(k.getKeyphrase()).isEqualTo("mixture of experts");
                assertThat(k.getCount()).isEqualTo(BURST);
                assertThat(k.getRank()).isEqualTo(1);
                assertThat(k.getWindowStart()).isEqualTo(day(6));
            });

            // a digest per closed day, keyed by the ISO date; day 6 shows the burst with its papers
            assertThat(digests)
                    .extracting(DailyDigest::getDay)
                    .containsExactly(
                            "2026-03-01",
                            "2026-03-02",
                            "2026-03-03",
                            "2026-03-04",
                            "2026-03-05",
                            "2026-03-06",
                            "2026-03-07");
            DailyDigest day6 = digests.get(6);
            assertThat(day6.getPapersInWindow()).isEqualTo(BACKGROUND_PER_DAY + BURST);
            DigestEntry topicEntry = day6.getTopics().stream()
                    .filter(e -> e.getKey().equals(burstTopic))
                    .findFirst()
                    .orElseThrow();
            assertThat(topicEntry.getLabel())
                    .isEqualTo(PipelineDriver.TAXONOMY.topic(burstTopic).name());
            // the six copies share a title: the digest shows the paper once, under its first id
            assertThat(topicEntry.getPapers())
                    .extracting(DigestPaper::getId, DigestPaper::getTitle)
                    .containsExactly(Tuple.tuple("burst-0", burstPaper.title()));
            assertThat(day6.getKeyphrases()).singleElement().satisfies(e -> {
                assertThat(e.getKey()).isEqualTo("mixture of experts");
                assertThat(e.getCount()).isEqualTo(BURST);
                assertThat(e.getPapers()).extracting(DigestPaper::getId).containsExactly("burst-0");
            });
            assertThat(digests.subList(0, 6)).allSatisfy(d -> {
                assertThat(d.getTopics()).isEmpty();
                assertThat(d.getKeyphrases()).isEmpty();
                assertThat(d.getPapersInWindow()).isEqualTo(BACKGROUND_PER_DAY);
            });
        }
    }

    @Test
    void noTrendIsReportedBeforeThereIsABaseline() {
        try (PipelineDriver pipeline = PipelineDriver.fromEnriched(Map.of())) {
            pipeBackground(pipeline, 0);
            for (int i = 0; i < 20; i++) {
                pipeline.pipe(TestPapers.enriched("burst-" + i, burstPaper, at(1, 10), List.of("mixture of experts")));
            }
            pipeBackground(pipeline, 1);
            pipeBackground(pipeline, 2);
            pipeBackground(pipeline, 3); // closes day 2: the third window, built on 2 earlier ones

            assertThat(pipeline.digests().readValuesToList())
                    .hasSize(3)
                    .allSatisfy(d -> assertThat(d.getTopics()).isEmpty());
            assertThat(pipeline.topicTrends().isEmpty()).isTrue();
            assertThat(pipeline.keywordTrends().isEmpty()).isTrue();
        }
    }

    @Test
    void windowsWithoutAKeyphraseAndDaysWithoutAnyPaperCountAsZerosInItsBaseline() {
        // alpha 0.2 set explicitly: the expected weights below are 0.8^k
        try (PipelineDriver pipeline = PipelineDriver.fromEnriched(Map.of("paperstream.trends.alpha", "0.2"))) {
            long[] fading = {4, 4, 4, 0, 0, 0, 0, 0, 0, 8};
            for (int day = 0; day < fading.length; day++) {
                if (day == 5) {
                    continue; // no paper at all on day 5
                }
                pipeBackground(pipeline, day);
                for (int i = 0; i < fading[day]; i++) {
                    pipeline.pipe(TestPapers.enriched(
                            "fading-" + day + "-" + i, background.get(i), at(day, 15), List.of("fading phrase")));
                }
            }
            pipeBackground(pipeline, 10);

            // the weighted mean and variance of days 0..8 (weights 0.8^8 .. 0.8^0), zeros included
            double sumW = 0;
            double sumX = 0;
            double sumX2 = 0;
            for (int day = 0; day < 9; day++) {
                double weight = Math.pow(0.8, 8 - day);
                sumW += weight;
                sumX += weight * fading[day];
                sumX2 += weight * fading[day] * fading[day];
            }
            double mean = sumX / sumW;
            double variance = sumX2 / sumW - mean * mean;
            assertThat(pipeline.keywordTrends().readValuesToList())
                    .singleElement()
                    .satisfies(k -> {
                        assertThat(k.getKeyphrase()).isEqualTo("fading phrase");
                        assertThat(k.getWindowStart()).isEqualTo(day(9));
                        assertThat(k.getBaselineWindows()).isEqualTo(9);
                        assertThat(k.getBaseline()).isCloseTo(mean, within(1e-9));
                        assertThat(k.getScore())
                                .isCloseTo((8 - mean) / Math.sqrt(Math.max(variance, mean) + 1), within(1e-9));
                    });
            // had the empty windows been skipped, the baseline would be 4 and the score (8-4)/sqrt(5) < 3
            assertThat(mean).isLessThan(1.0);
        }
    }

    @Test
    void papersBeyondTheGraceAreDroppedAndRevisionsInAnOpenWindowCountOnce() {
        try (PipelineDriver pipeline = PipelineDriver.fromEnriched(Map.of())) {
            pipeBackground(pipeline, 0);
            // a revision on the same day replaces the paper in the window: it still counts once
            pipeline.pipe(
                    TestPapers.enriched("bg-0-0", TestPapers.CORPUS.get(20), at(0, 22), List.of("revised phrase")));
            pipeBackground(pipeline, 1); // closes day 0
            pipeline.pipe(TestPapers.enriched("too-late", burstPaper, at(0, 23), List.of()));
            pipeBackground(pipeline, 2); // closes day 1

            List<DailyDigest> digests = pipeline.digests().readValuesToList();

            assertThat(digests).extracting(DailyDigest::getDay).containsExactly("2026-03-01", "2026-03-02");
            assertThat(digests)
                    .extracting(DailyDigest::getPapersInWindow)
                    .containsExactly((long) BACKGROUND_PER_DAY, (long) BACKGROUND_PER_DAY);
        }
    }

    @Test
    void theKeyphraseHistoryKeepsEachClosedWindowsCountForTheRetention() {
        try (PipelineDriver pipeline =
                PipelineDriver.fromEnriched(Map.of(StreamsSettings.WINDOW_RETENTION.name(), "P5D"))) {
            for (int day = 0; day < 12; day++) {
                pipeBackground(pipeline, day);
                for (int i = 0; day % 2 == 0 && i < 3; i++) {
                    pipeline.pipe(TestPapers.enriched(
                            "even-" + day + "-" + i, background.get(i), at(day, 15), List.of("even days phrase")));
                }
            }
            pipeBackground(pipeline, 12); // closes day 11

            WindowStore<String, Long> history = pipeline.driver.getWindowStore(StoreNames.KEYPHRASE_WINDOW_COUNTS);
            // the latest window starts on day 11: the 5 days of retention keep the windows of days 7 to 11
            assertThat(windows(history, "background phrase"))
                    .containsExactlyInAnyOrderEntriesOf(
                            Map.of(day(7), 8L, day(8), 8L, day(9), 8L, day(10), 8L, day(11), 8L));
            assertThat(windows(history, "even days phrase"))
                    .containsExactlyInAnyOrderEntriesOf(Map.of(day(8), 3L, day(10), 3L));
            assertThat(windows(history, "never seen")).isEmpty();
        }
    }

    private static Map<Instant, Long> windows(WindowStore<String, Long> history, String keyphrase) {
        Map<Instant, Long> windows = new TreeMap<>();
        try (WindowStoreIterator<Long> all = history.fetch(keyphrase, Instant.EPOCH, day(100))) {
            all.forEachRemaining(kv -> windows.put(Instant.ofEpochMilli(kv.key), kv.value));
        }
        return windows;
    }

    private void pipeBackground(PipelineDriver pipeline, int day) {
        for (int i = 0; i < background.size(); i++) {
            pipeline.pipe(TestPapers.enriched(
                    "bg-" + day + "-" + i, background.get(i), at(day, 9), List.of("background phrase")));
        }
    }

    private static Instant day(int day) {
        return DAY0.plus(Duration.ofDays(day));
    }

    private static Instant at(int day, int hour) {
        return day(day).plus(Duration.ofHours(hour));
    }

    private Classification classify(TrendingCorpus.Paper paper) {
        return classifier.classify(paper.title(), paper.abstractText());
    }
}
