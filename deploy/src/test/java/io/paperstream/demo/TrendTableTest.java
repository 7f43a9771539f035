package io.paperstream.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.avro.DailyDigest;
import io.paperstream.avro.KeywordTrend;
import io.paperstream.avro.TopicCount;
import io.paperstream.avro.TopicTrend;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TrendTableTest {

    private static final Instant DAY_0 = Instant.parse("2025-11-07T00:00:00Z");
    private static final Map<String, String> NAMES = Map.of(
            "robotics-rl",
            "Robotics, RL and agents",
            "vision",
            "Computer vision",
            "generative",
            "Image and video generation");
    private static final TrendTable TABLE = new TrendTable(NAMES::get, 2, 1);

    @Test
    void eachDayShowsItsTopRisersByRankOrSaysWhyNothingRose() {
        TrendResults results = new TrendResults(
                new TreeMap<>(Map.of(
                        day(2),
                        List.of(
                                topicTrend("robotics-rl", 2, 1, 14, 3.2, 5.9),
                                topicTrend("vision", 2, 2, 9, 3.0, 3.4),
                                topicTrend("generative", 2, 3, 8, 2.9, 3.1)))),
                new TreeMap<>(Map.of(day(2), List.of(keywordTrend("reinforcement learning", 2, 1, 7, 1.5, 4.2)))),
                new TreeMap<>(Map.of(day(0), digest(0, 38), day(1), digest(1, 41), day(2), digest(2, 57))),
                Map.of());

        List<String> lines = TABLE.risers(results).lines().toList();

        assertThat(lines)
                .containsExactly(
                        "day         papers  kind       rank  topic or keyphrase                     count  baseline   score",
                        "2025-11-07      38                   (building baselines)",
                        "2025-11-08      41                   (nothing rose)",
                        "2025-11-09      57  topic         1  robotics-rl (Robotics, RL and agents)     14       3.2     5.9",
                        "                    topic         2  vision (Computer vision)                   9       3.0     3.4",
                        "                    keyphrase     1  reinforcement learning                     7       1.5     4.2");
    }

    @Test
    void countsShowEveryTopicMostPapersFirst() {
        TrendResults results = new TrendResults(
                new TreeMap<>(),
                new TreeMap<>(),
                new TreeMap<>(),
                Map.of(
                        "vision", topicCount("vision", 40L, 52L),
                        "robotics-rl", topicCount("robotics-rl", 61L, 70L),
                        "generative", topicCount("generative", 39L, 52L)));

        List<String> lines = TABLE.counts(results).lines().toList();

        assertThat(results.papersCounted()).isEqualTo(140);
        assertThat(lines)
                .containsExactly(
                        "topic        name                        primary    any",
                        "robotics-rl  Robotics, RL and agents          61     70",
                        "generative   Image and video generation       39     52",
                        "vision       Computer vision                  40     52");
    }

    private static TopicCount topicCount(String topic, long primary, long any) {
        return TopicCount.newBuilder()
                .setTopic(topic)
                .setPrimaryCount(primary)
                .setAnyCount(any)
                .build();
    }

    private static Instant day(int day) {
        return DAY_0.plus(Duration.ofDays(day));
    }

    private static DailyDigest digest(int day, long papers) {
        return DailyDigest.newBuilder()
                .setDay(day(day).toString().substring(0, 10))
                .setWindowStart(day(day))
                .setWindowEnd(day(day + 1))
                .setPapersInWindow(papers)
                .setTopics(List.of())
                .setKeyphrases(List.of())
                .build();
    }

    private static TopicTrend topicTrend(String topic, int day, int rank, long count, double baseline, double score) {
        return TopicTrend.newBuilder()
                .setTopic(topic)
                .setWindowStart(day(day))
                .setWindowEnd(day(day + 1))
                .setCount(count)
                .setBaseline(baseline)
                .setScore(score)
                .setRank(rank)
                .setBaselineWindows(day)
                .build();
    }

    private static KeywordTrend keywordTrend(
            String phrase, int day, int rank, long count, double baseline, double score) {
        return KeywordTrend.newBuilder()
                .setKeyphrase(phrase)
                .setWindowStart(day(day))
                .setWindowEnd(day(day + 1))
                .setCount(count)
                .setBaseline(baseline)
                .setScore(score)
                .setRank(rank)
                .setBaselineWindows(day)
                .build();
    }
}
