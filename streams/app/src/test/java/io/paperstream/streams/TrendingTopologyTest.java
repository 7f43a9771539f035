package io.paperstream.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.paperstream.avro.DailyDigest;
import io.paperstream.avro.EnrichedPaper;
import io.paperstream.avro.PaperEngagement;
import io.paperstream.avro.TrendingPaper;
import io.paperstream.avro.TrendingPapers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

class TrendingTopologyTest {

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    private static PaperEngagement observed(String id, Duration after, long upvotes, long stars) {
        return PaperEngagement.newBuilder()
                .setPaperId(id)
                .setSource("hf-daily")
                .setObservedAt(T0.plus(after))
                .setUpvotes(upvotes)
                .setGithubStars(stars)
                .build();
    }

    private static void pipePaper(PipelineDriver pipeline, String id, int corpusIndex) {
        EnrichedPaper paper = TestPapers.enriched(id, TestPapers.CORPUS.get(corpusIndex), T0, List.of());
        paper.setArxivId(id);
        paper.setCodeUrls(List.of("https://github.com/example/" + id));
        pipeline.pipe(paper);
    }

    private static List<String> order(TrendingPapers ranking) {
        return ranking.getPapers().stream().map(TrendingPaper::getPaperId).toList();
    }

    @Test
    void engagementBeforeTheAbstractIsKeptAndRanksThePaperOnceItArrives() {
        try (PipelineDriver pipeline = PipelineDriver.fromEnriched(Map.of())) {
            // Step 1: the paper gains 40 upvotes and 10 stars before its abstract is classified
            pipeline.pipeEngagement(observed("2501.00001", Duration.ZERO, 5, 100));
            pipeline.pipeEngagement(observed("2501.00001", Duration.ofHours(2), 45, 110));
            assertThat(pipeline.trending().readValuesToList())
                    .as("no card yet: nothing to show")
                    .isEmpty();

            // Step 2: its abstract arrives
            pipePaper(pipeline, "2501.00001", 0);

            // Step 3: the ranking shows it with its gains, title, topic and links
            TrendingPapers ranking = pipeline.trending().readValue();
            assertThat(ranking.getPapers()).singleElement().satisfies(paper -> {
                assertThat(paper.getRank()).isEqualTo(1);
                assertThat(paper.getTitle()).isEqualTo(TestPapers.CORPUS.get(0).title());
                assertThat(paper.getPrimaryTopic()).isNotBlank();
                assertThat(paper.getUpvotesGain()).isEqualTo(40);
                assertThat(paper.getStarsGain()).isEqualTo(10);
                assertThat(paper.getUrl()).isEqualTo("https://arxiv.org/abs/2501.00001");
                assertThat(paper.getCodeUrl()).isEqualTo("https://github.com/example/2501.00001");
                assertThat(paper.getScore()).isCloseTo(50, within(1e-9));
            });
            assertThat(ranking.getHorizonStart())
                    .isEqualTo(ranking.getComputedAt().minus(Duration.ofHours(24)));
            assertThat(pipeline.trending().isEmpty()).isTrue();
        }
    }

    @Test
    void theRankingIsWrittenWhenItChangesAndNotForRepeatsOrCorrections() {
        try (PipelineDriver pipeline = PipelineDriver.fromEnriched(Map.of())) {
            pipePaper(pipeline, "2501.00001", 0);
            pipePaper(pipeline, "2501.00002", 1);
            pipeline.pipeEngagement(observed("2501.00001", Duration.ZERO, 0, 0));
            pipeline.pipeEngagement(observed("2501.00002", Duration.ZERO, 0, 0));
            pipeline.pipeEngagement(observed("2501.00001", Duration.ofHours(1), 30, 0));
            pipeline.pipeEngagement(observed("2501.00002", Duration.ofHours(1), 10, 0));
            // a repeat, and a correction of paper 1 to 25: no negative engagement, and the order stays
            pipeline.pipeEngagement(observed("2501.00001", Duration.ofHours(1), 30, 0));
            pipeline.pipeEngagement(observed("2501.00001", Duration.ofHours(2), 25, 0));
            // paper 2 overtakes
            pipeline.pipeEngagement(observed("2501.00002", Duration.ofHours(3), 60, 0));
            // an observation of paper 1 that comes late, between two it already has: same ranking
            pipeline.pipeEngagement(observed("2501.00001", Duration.ofMinutes(30), 12, 0));

            List<TrendingPapers> rankings = pipeline.trending().readValuesToList();

            assertThat(rankings)
                    .extracting(TrendingTopologyTest::order)
                    .containsExactly(
                            List.of("2501.00001"),
                            List.of("2501.00001", "2501.00002"),
                            List.of("2501.00002", "2501.00001"));
            TrendingPapers last = rankings.get(2);
            assertThat(last.getPapers())
                    .extracting(TrendingPaper::getRank, TrendingPaper::getUpvotesGain)
                    .containsExactly(tuple(1, 60L), tuple(2, 25L));
            assertThat(last.getComputedAt()).isEqualTo(T0.plus(Duration.ofHours(3)));
        }
    }

    @Test
    void aGainOlderThanTheHorizonNoLongerRanks() {
        try (PipelineDriver pipeline = PipelineDriver.fromEnriched(Map.of("paperstream.trending.horizon", "6h"))) {
            pipePaper(pipeline, "2501.00001", 0);
            pipePaper(pipeline, "2501.00002", 1);
            pipeline.pipeEngagement(observed("2501.00001", Duration.ZERO, 0, 0));
            pipeline.pipeEngagement(observed("2501.00001", Duration.ofHours(1), 500, 0));
            pipeline.pipeEngagement(observed("2501.00002", Duration.ofHours(8), 0, 0));
            pipeline.pipeEngagement(observed("2501.00002", Duration.ofHours(9), 3, 0));

            List<TrendingPapers> rankings = pipeline.trending().readValuesToList();

            // at hour 8 the gain of hour 1 has left the 6 h horizon: the ranking empties, then paper 2 gains
            assertThat(rankings)
                    .extracting(TrendingTopologyTest::order)
                    .containsExactly(List.of("2501.00001"), List.of(), List.of("2501.00002"));
        }
    }

    @Test
    void onlyPapersWithEngagementReachTheRankingTask() {
        try (PipelineDriver pipeline = PipelineDriver.fromEnriched(Map.of())) {
            for (int i = 0; i < 5; i++) {
                pipePaper(pipeline, "2501.0000" + i, i);
            }
            pipeline.pipeEngagement(observed("2501.00001", Duration.ZERO, 0, 0));
            pipeline.pipeEngagement(observed("2501.00001", Duration.ofHours(1), 10, 0));
            pipeline.pipeEngagement(observed("2501.09999", Duration.ofHours(1), 3, 0));

            // the per-paper task keeps the engagement of both, the ranking task hears of the one paper it can show
            assertThat(keys(pipeline.driver.getKeyValueStore(StoreNames.TRENDING_HISTORIES)))
                    .containsExactly("2501.00001", "2501.09999");
            assertThat(keys(pipeline.driver.getKeyValueStore(StoreNames.TRENDING_CANDIDATES)))
                    .containsExactly("2501.00001");
            assertThat(pipeline.trending().readValuesToList())
                    .extracting(TrendingTopologyTest::order)
                    .containsExactly(List.of("2501.00001"));
        }
    }

    @Test
    void theDigestRanksTheTrendingPapersAtItsWindowsEndOnThePapersTime() {
        try (PipelineDriver pipeline = PipelineDriver.fromEnriched(Map.of())) {
            pipePaper(pipeline, "2501.00001", 0);
            pipePaper(pipeline, "2501.00002", 1);
            pipeline.pipeEngagement(observed("2501.00001", Duration.ofHours(1), 0, 0));
            pipeline.pipeEngagement(observed("2501.00001", Duration.ofHours(2), 20, 1));
            pipeline.pipeEngagement(observed("2501.00002", Duration.ofHours(1), 0, 0));
            pipeline.pipeEngagement(observed("2501.00002", Duration.ofHours(3), 5, 0));
            // after the day's end (and its grace): counts for the next day's digest only, and closes no window
            pipeline.pipeEngagement(observed("2501.00001", Duration.ofHours(30), 120, 1));
            pipeline.pipe(TestPapers.enriched(
                    "2501.00003", TestPapers.CORPUS.get(2), T0.plus(Duration.ofHours(5)), List.of()));
            assertThat(pipeline.digests().isEmpty())
                    .as("engagement time does not close paper windows")
                    .isTrue();

            // a paper of the next day, past the grace, closes the first day
            pipeline.pipe(TestPapers.enriched(
                    "2501.00004", TestPapers.CORPUS.get(3), T0.plus(Duration.ofHours(26)), List.of()));

            DailyDigest digest = pipeline.digests().readValue();
            assertThat(digest.getDay()).isEqualTo("2026-03-01");
            assertThat(digest.getPapersInWindow()).isEqualTo(3);
            assertThat(digest.getTrendingPapers())
                    .extracting(
                            TrendingPaper::getRank,
                            TrendingPaper::getPaperId,
                            TrendingPaper::getUpvotesGain,
                            TrendingPaper::getStarsGain)
                    .containsExactly(tuple(1, "2501.00001", 20L, 1L), tuple(2, "2501.00002", 5L, 0L));
            assertThat(digest.getTrendingPapers().get(0).getTitle())
                    .isEqualTo(TestPapers.CORPUS.get(0).title());
        }
    }

    private static List<String> keys(KeyValueStore<String, ?> store) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, ?> all = store.all()) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }
}
