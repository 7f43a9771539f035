package io.paperstream.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.avro.DailyDigest;
import io.paperstream.avro.KeywordTrend;
import io.paperstream.avro.TopicTrend;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each kind of trend output is taken apart as what it is, and only as that. */
class TrendOutputTest {

    private static final Instant START = Instant.parse("2026-03-14T00:00:00Z");
    private static final Instant END = Instant.parse("2026-03-15T00:00:00Z");

    private static final TopicTrend TOPIC_TREND = TopicTrend.newBuilder()
            .setTopic("efficiency")
            .setWindowStart(START)
            .setWindowEnd(END)
            .setCount(9L)
            .setBaseline(2.25)
            .setScore(4.1)
            .setRank(1)
            .setBaselineWindows(3)
            .build();
    private static final KeywordTrend KEYWORD_TREND = KeywordTrend.newBuilder()
            .setKeyphrase("knowledge distillation")
            .setWindowStart(START)
            .setWindowEnd(END)
            .setCount(5L)
            .setBaseline(0.4)
            .setScore(3.5)
            .setRank(1)
            .setBaselineWindows(3)
            .build();
    private static final DailyDigest DIGEST = DailyDigest.newBuilder()
            .setDay("2026-03-14")
            .setWindowStart(START)
            .setWindowEnd(END)
            .setPapersInWindow(42L)
            .setTopics(List.of())
            .setKeyphrases(List.of())
            .build();

    @Test
    void matchAppliesTheFunctionOfTheOutputsKind() {
        List<TrendOutput> outputs = List.of(
                new TrendOutput.RisingTopic(TOPIC_TREND),
                new TrendOutput.RisingKeyphrase(KEYWORD_TREND),
                new TrendOutput.Digest(DIGEST));

        assertThat(outputs)
                .extracting(output -> output.match(
                        trend -> "topic " + trend.getTopic(),
                        trend -> "keyphrase " + trend.getKeyphrase(),
                        digest -> "digest " + digest.getDay()))
                .containsExactly("topic efficiency", "keyphrase knowledge distillation", "digest 2026-03-14");
    }

    @Test
    void accessorsGiveWhatTheOutputCarriesAndNothingElse() {
        TrendOutput digest = new TrendOutput.Digest(DIGEST);

        assertThat(new TrendOutput.RisingTopic(TOPIC_TREND).topicTrend()).contains(TOPIC_TREND);
        assertThat(new TrendOutput.RisingKeyphrase(KEYWORD_TREND).keywordTrend())
                .contains(KEYWORD_TREND);
        assertThat(digest.dailyDigest()).contains(DIGEST);
        assertThat(digest.topicTrend()).isEmpty();
        assertThat(digest.keywordTrend()).isEmpty();
    }
}
