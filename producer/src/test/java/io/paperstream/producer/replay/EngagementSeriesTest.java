package io.paperstream.producer.replay;

import static io.paperstream.producer.replay.CorpusReplays.GENERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.paperstream.producer.source.EngagementRecord;
import io.paperstream.producer.source.PaperRecord;
import io.paperstream.producer.source.ReadResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EngagementSeriesTest {

    private static final ReplaySettings SETTINGS =
            new ReplaySettings(10, 60, List.of(), 11, Instant.parse("2026-03-01T00:00:00Z"), Duration.ofHours(1));

    private static List<ReadResult> readAll(EngagementSeries series, Replay replay) {
        List<ReadResult> all = new ArrayList<>();
        for (Iterator<ReadResult> items = series.interleave(replay.events()); items.hasNext(); ) {
            all.add(items.next());
        }
        return all;
    }

    private static Instant timeOf(ReadResult item) {
        return item instanceof EngagementRecord figures ? figures.observedAt() : ((PaperRecord) item).sourceTime();
    }

    @Test
    void everyPaperIsFollowedByItsObservationsInTimeOrderAndThePapersAreThoseOfTheReplay() {
        Replay replay = GENERATOR.generate(SETTINGS);
        EngagementSeries series = new EngagementSeries(replay, EngagementSettings.defaults());
        List<ReadResult> all = readAll(series, replay);

        List<String> papers = all.stream()
                .filter(PaperRecord.class::isInstance)
                .map(item -> ((PaperRecord) item).id())
                .toList();
        List<String> replayed = new ArrayList<>();
        replay.events().forEachRemaining(event -> replayed.add(event.paper().id()));
        assertThat(papers).isEqualTo(replayed);
        for (int i = 1; i < all.size(); i++) {
            assertThat(timeOf(all.get(i))).isAfterOrEqualTo(timeOf(all.get(i - 1)));
        }
        Set<String> sent = Set.copyOf(papers.subList(0, papers.size() - 1));
        List<EngagementRecord> observations = observations(all);
        assertThat(observations).allSatisfy(o -> {
            assertThat(sent).contains(o.paperId());
            assertThat(o.observedAt()).isBefore(series.end());
            assertThat(o.source()).isEqualTo("generator");
        });
        // the closing event is no paper: nobody engages with it
        assertThat(observations)
                .noneMatch(o -> o.paperId().equals(replay.groundTruth().closingEventId()));
        // at most 12 observations (6 h over 3 days) of each paper
        assertThat(observations.stream()
                        .collect(Collectors.groupingBy(EngagementRecord::paperId, Collectors.counting())))
                .allSatisfy((id, count) -> assertThat(count).isBetween(1L, 12L));
        assertThat(readAll(series, replay)).as("the same series on every read").isEqualTo(all);
    }

    @Test
    void countsOnlyGrowAndTheRisingPapersOfTheGroundTruthGainFarMoreThanTheRest() {
        Replay replay = GENERATOR.generate(SETTINGS);
        EngagementSeries series = new EngagementSeries(replay, EngagementSettings.defaults());
        List<EngagementRecord> observations = observations(readAll(series, replay));

        Map<String, EngagementRecord> last = new HashMap<>();
        for (EngagementRecord o : observations) {
            EngagementRecord before = last.put(o.paperId(), o);
            if (before != null) {
                assertThat(o.engagement().upvotes())
                        .isGreaterThanOrEqualTo(before.engagement().upvotes());
                assertThat(o.engagement().githubStars())
                        .isGreaterThanOrEqualTo(before.engagement().githubStars());
                assertThat(o.engagement().comments())
                        .isGreaterThanOrEqualTo(before.engagement().comments());
            }
        }
        List<RisingPaper> rising = series.risingPapers();
        Set<String> risingIds = rising.stream().map(RisingPaper::id).collect(Collectors.toSet());
        long papers = replay.groundTruth().totalEvents() - 1;
        System.out.printf("%d papers, %d rising, %d observations%n", papers, rising.size(), observations.size());
        assertThat((double) rising.size() / papers).isBetween(0.02, 0.09);
        assertThat(rising).allSatisfy(paper -> {
            EngagementRecord final$ = last.get(paper.id());
            assertThat(final$.observedAt()).isEqualTo(paper.gainsUntil());
            assertThat(paper.upvotesPerDay()).isBetween(40.0, 120.0);
        });
        // over its 3 days a rising paper gains at least 40 upvotes a day on average; a slow one about 3
        double risingPerDay = perDay(last, risingIds, true, series);
        double slowPerDay = perDay(last, risingIds, false, series);
        assertThat(risingPerDay).isBetween(40.0, 120.0);
        assertThat(slowPerDay).isBetween(1.5, 4.5);
    }

    @Test
    void theGroundTruthIsWrittenAsJson() throws IOException {
        Replay replay = GENERATOR.generate(SETTINGS);
        EngagementSeries series =
                new EngagementSeries(replay, new EngagementSettings(0.1, Duration.ofHours(6), Duration.ofDays(3)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        series.writeJson(out);

        JsonNode truth = new ObjectMapper().readTree(out.toByteArray());
        assertThat(truth.get("end").asText()).isEqualTo("2026-03-11T00:00:00Z");
        assertThat(truth.get("risingShare").asDouble()).isEqualTo(0.1);
        assertThat(truth.get("risingPapers")).hasSize(series.risingPapers().size());
        RisingPaper first = series.risingPapers().get(0);
        assertThat(truth.get("risingPapers").get(0).get("id").asText()).isEqualTo(first.id());
        assertThat(truth.get("risingPapers").get(0).get("gainsUntil").asText())
                .isEqualTo(first.gainsUntil().toString());
    }

    private static List<EngagementRecord> observations(List<ReadResult> all) {
        return all.stream()
                .filter(EngagementRecord.class::isInstance)
                .map(EngagementRecord.class::cast)
                .toList();
    }

    /** Mean upvotes per observed day of the papers that (do not) rise, over papers observed for their whole span. */
    private static double perDay(
            Map<String, EngagementRecord> last, Set<String> rising, boolean ofRising, EngagementSeries series) {
        Instant fullSpanBefore = series.end().minus(Duration.ofDays(4));
        return last.values().stream()
                .filter(o -> rising.contains(o.paperId()) == ofRising)
                .filter(o -> o.observedAt().isBefore(fullSpanBefore))
                .mapToDouble(o -> o.engagement().upvotes() / 3.0)
                .average()
                .orElseThrow();
    }
}
