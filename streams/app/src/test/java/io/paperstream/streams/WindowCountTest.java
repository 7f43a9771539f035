package io.paperstream.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.avro.TopicCount;
import io.paperstream.avro.TopicWindowCount;
import io.paperstream.classify.Classification;
import io.paperstream.classify.PaperClassifier;
import io.paperstream.classify.TrendingCorpus;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** topics.windowed: counts per topic per event-time window, final when the window closes. */
class WindowCountTest {

    private static final Instant DAY0 = Instant.parse("2026-03-16T00:00:00Z");
    private static final Instant DAY1 = DAY0.plus(Duration.ofDays(1));
    private final PaperClassifier classifier = new PaperClassifier(PipelineDriver.TAXONOMY);

    @Test
    void windowIsPublishedOnceWhenStreamTimePassesItsEndPlusGrace() {
        try (PipelineDriver pipeline = PipelineDriver.fromEnriched(Map.of())) {
            List<TrendingCorpus.Paper> papers = TestPapers.CORPUS.subList(0, 5);
            for (int i = 0; i < papers.size(); i++) {
                pipeline.pipe(
                        TestPapers.enriched("p" + i, papers.get(i), DAY0.plus(Duration.ofHours(2 + i)), List.of()));
            }
            // within the default grace of 1h after the end: still open, and a paper of day 0 still counts
            pipeline.pipe(TestPapers.enriched(
                    "next-1", TestPapers.CORPUS.get(10), DAY1.plus(Duration.ofMinutes(30)), List.of()));
            pipeline.pipe(TestPapers.enriched(
                    "late-ok", TestPapers.CORPUS.get(5), DAY0.plus(Duration.ofHours(23)), List.of()));
            assertThat(pipeline.windowed().isEmpty()).isTrue();

            // one more record reaching end + grace closes day 0
            pipeline.pipe(TestPapers.enriched(
                    "next-2", TestPapers.CORPUS.get(11), DAY1.plus(Duration.ofHours(1)), List.of()));

            List<TopicWindowCount> closed = pipeline.windowed().readValuesToList();
            Map<String, long[]> expected = expectedCounts(TestPapers.CORPUS.subList(0, 6));
            assertThat(closed)
                    .extracting(TopicWindowCount::getTopic)
                    .containsExactlyInAnyOrderElementsOf(expected.keySet());
            assertThat(closed).allSatisfy(w -> {
                assertThat(w.getWindowStart()).isEqualTo(DAY0);
                assertThat(w.getWindowEnd()).isEqualTo(DAY1);
                assertThat(w.getFinal$()).isTrue();
                assertThat(new long[] {w.getPrimaryCount(), w.getAnyCount()})
                        .as(w.getTopic())
                        .containsExactly(expected.get(w.getTopic()));
            });
        }
    }

    @Test
    void paperLaterThanTheGraceIsDroppedFromWindowsButStillCountsAllTime() {
        try (PipelineDriver pipeline = PipelineDriver.fromEnriched(Map.of())) {
            TrendingCorpus.Paper paper = TestPapers.CORPUS.get(0);
            String primary =
                    classifier.classify(paper.title(), paper.abstractText()).primary();
            pipeline.pipe(TestPapers.enriched("p0", paper, DAY0.plus(Duration.ofHours(8)), List.of()));
            pipeline.pipe(TestPapers.enriched("p1", paper, DAY1.plus(Duration.ofHours(8)), List.of()));
            assertThat(pipeline.windowed().readValuesToList())
                    .filteredOn(w -> w.getTopic().equals(primary))
                    .singleElement()
                    .satisfies(w -> assertThat(w.getPrimaryCount()).isEqualTo(1));

            // day 0 closed 7 hours ago in event time: this paper is beyond the grace
            pipeline.pipe(TestPapers.enriched("late", paper, DAY0.plus(Duration.ofHours(20)), List.of()));
            pipeline.pipe(TestPapers.enriched(
                    "p2", paper, DAY1.plus(Duration.ofDays(1)).plus(Duration.ofHours(8)), List.of()));

            List<TopicWindowCount> windows = pipeline.windowed().readValuesToList();
            assertThat(windows).extracting(TopicWindowCount::getWindowStart).containsOnly(DAY1);
            assertThat(windows)
                    .filteredOn(w -> w.getTopic().equals(primary))
                    .singleElement()
                    .satisfies(w -> assertThat(w.getPrimaryCount()).isEqualTo(1));
            assertThat(pipeline.counts().readKeyValuesToMap().get(primary).getPrimaryCount())
                    .isEqualTo(4);
        }
    }

    @Test
    void earlyUpdatesShowOpenWindowsWhenEnabled() {
        try (PipelineDriver pipeline =
                PipelineDriver.fromEnriched(Map.of("paperstream.window.early-updates", "true"))) {
            TrendingCorpus.Paper paper = TestPapers.CORPUS.get(0);
            String primary =
                    classifier.classify(paper.title(), paper.abstractText()).primary();
            pipeline.pipe(TestPapers.enriched("p0", paper, DAY0.plus(Duration.ofHours(8)), List.of()));
            pipeline.pipe(TestPapers.enriched("p1", paper, DAY0.plus(Duration.ofHours(9)), List.of()));

            List<TopicWindowCount> updates = pipeline.windowedUpdates().readValuesToList();

            assertThat(pipeline.windowed().isEmpty()).isTrue();
            assertThat(updates)
                    .filteredOn(w -> w.getTopic().equals(primary))
                    .extracting(TopicWindowCount::getPrimaryCount)
                    .containsExactly(1L, 2L);
            assertThat(updates).allSatisfy(w -> assertThat(w.getFinal$()).isFalse());
        }
    }

    @Test
    void hoppingWindowsCountAPaperInEveryWindowThatContainsIt() {
        try (PipelineDriver pipeline = PipelineDriver.fromEnriched(Map.of(
                "paperstream.window.size",
                "2d",
                "paperstream.window.advance",
                "1d",
                "paperstream.window.grace",
                "0s"))) {
            TrendingCorpus.Paper paper = TestPapers.CORPUS.get(0);
            String primary =
                    classifier.classify(paper.title(), paper.abstractText()).primary();
            pipeline.pipe(TestPapers.enriched("p0", paper, DAY1.plus(Duration.ofHours(8)), List.of()));
            pipeline.pipe(TestPapers.enriched("p1", paper, DAY1.plus(Duration.ofDays(3)), List.of()));

            List<TopicWindowCount> windows = pipeline.windowed().readValuesToList();

            assertThat(windows)
                    .filteredOn(w -> w.getTopic().equals(primary))
                    .extracting(w -> w.getWindowStart().toString(), TopicWindowCount::getPrimaryCount)
                    .containsExactly(Tuple.tuple(DAY0.toString(), 1L), Tuple.tuple(DAY1.toString(), 1L));
        }
    }

    @Test
    void papersBetweenTwoFlushesReachTheCountStageAsOneSumPerTopic() {
        try (PipelineDriver pipeline =
                PipelineDriver.fromEnriched(Map.of("paperstream.window.early-updates", "true"))) {
            List<TrendingCorpus.Paper> papers = TestPapers.CORPUS.subList(0, 40);
            for (int i = 0; i < papers.size(); i++) {
                pipeline.pipeUnflushed(
                        TestPapers.enriched("p" + i, papers.get(i), DAY0.plus(Duration.ofMinutes(10 * i)), List.of()));
            }
            assertThat(pipeline.counts().isEmpty()).isTrue();

            pipeline.flushCounts();

            Map<String, long[]> expected = expectedCounts(papers);
            List<TopicCount> counts = pipeline.counts().readValuesToList();
            assertThat(counts).extracting(TopicCount::getTopic).containsExactlyInAnyOrderElementsOf(expected.keySet());
            assertThat(counts)
                    .allSatisfy(c -> assertThat(new long[] {c.getPrimaryCount(), c.getAnyCount()})
                            .as(c.getTopic())
                            .containsExactly(expected.get(c.getTopic())));
            // one update of each open window per topic, not one per paper
            assertThat(pipeline.windowedUpdates().readValuesToList())
                    .hasSameSizeAs(expected.keySet())
                    .allSatisfy(w -> assertThat(w.getWindowStart()).isEqualTo(DAY0));
        }
    }

    @Test
    void aPaperOlderThanTheBufferedOnesIsDroppedForLatenessExactlyAsWithoutTheBuffer() {
        try (PipelineDriver pipeline = PipelineDriver.fromEnriched(Map.of())) {
            TrendingCorpus.Paper paper = TestPapers.CORPUS.get(0);
            String primary =
                    classifier.classify(paper.title(), paper.abstractText()).primary();
            // all between two flushes: the third is beyond day 0's grace once the second has been seen
            pipeline.pipeUnflushed(TestPapers.enriched("p0", paper, DAY0.plus(Duration.ofHours(8)), List.of()));
            pipeline.pipeUnflushed(TestPapers.enriched("p1", paper, DAY1.plus(Duration.ofHours(8)), List.of()));
            pipeline.pipeUnflushed(TestPapers.enriched("late", paper, DAY0.plus(Duration.ofHours(20)), List.of()));
            pipeline.pipeUnflushed(TestPapers.enriched(
                    "p2", paper, DAY1.plus(Duration.ofDays(1)).plus(Duration.ofHours(8)), List.of()));
            pipeline.flushCounts();

            assertThat(pipeline.windowed().readValuesToList())
                    .filteredOn(w -> w.getTopic().equals(primary))
                    .extracting(w -> w.getWindowStart().toString(), TopicWindowCount::getPrimaryCount)
                    .containsExactly(Tuple.tuple(DAY0.toString(), 1L), Tuple.tuple(DAY1.toString(), 1L));
            assertThat(pipeline.counts().readKeyValuesToMap().get(primary).getPrimaryCount())
                    .isEqualTo(4);
        }
    }

    private Map<String, long[]> expectedCounts(List<TrendingCorpus.Paper> papers) {
        Map<String, long[]> expected = new HashMap<>();
        for (TrendingCorpus.Paper paper : papers) {
            Classification c = classifier.classify(paper.title(), paper.abstractText());
            for (String topic : c.topicIds()) {
                long[] e = expected.computeIfAbsent(topic, t -> new long[2]);
                e[0] += topic.equals(c.primary()) ? 1 : 0;
                e[1]++;
            }
        }
        return expected;
    }
}
