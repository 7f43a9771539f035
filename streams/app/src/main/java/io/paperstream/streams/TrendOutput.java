package io.paperstream.streams;

import io.paperstream.avro.DailyDigest;
import io.paperstream.avro.KeywordTrend;
import io.paperstream.avro.TopicTrend;
import java.util.Optional;
import java.util.function.Function;

/**
 * One record the trend stage emits for a closed window: a rising research topic, a rising keyphrase
 * or the window's digest. Sealed, and taken apart with {@link #match}, so that a consumer of the
 * stage handles every kind: a new kind does not compile until every {@code match} names it.
 */
public sealed interface TrendOutput {

    /** Applies the function of this output's kind to what it carries. */
    <R> R match(
            Function<TopicTrend, R> risingTopic,
            Function<KeywordTrend, R> risingKeyphrase,
            Function<DailyDigest, R> digest);

    /** The trend of a rising research topic, if this is one. */
    default Optional<TopicTrend> topicTrend() {
        return match(Optional::of, keyphrase -> Optional.empty(), digest -> Optional.empty());
    }

    /** The trend of a rising keyphrase, if this is one. */
    default Optional<KeywordTrend> keywordTrend() {
        return match(topic -> Optional.empty(), Optional::of, digest -> Optional.empty());
    }

    /** The window's digest, if this is it. */
    default Optional<DailyDigest> dailyDigest() {
        return match(topic -> Optional.empty(), keyphrase -> Optional.empty(), Optional::of);
    }

    /** A rising research topic of the window (for trends.topics). */
    record RisingTopic(TopicTrend trend) implements TrendOutput {

        @Override
        public <R> R match(
                Function<TopicTrend, R> risingTopic,
                Function<KeywordTrend, R> risingKeyphrase,
                Function<DailyDigest, R> digest) {
            return risingTopic.apply(trend);
        }
    }

    /** A rising keyphrase of the window (for trends.keywords). */
    record RisingKeyphrase(KeywordTrend trend) implements TrendOutput {

        @Override
        public <R> R match(
                Function<TopicTrend, R> risingTopic,
                Function<KeywordTrend, R> risingKeyphrase,
                Function<DailyDigest, R> digest) {
            return risingKeyphrase.apply(trend);
        }
    }

    /** The window's digest, which comes after its trends (for digests.daily). */
    record Digest(DailyDigest digest) implements TrendOutput {

        @Override
        public <R> R match(
                Function<TopicTrend, R> risingTopic,
                Function<KeywordTrend, R> risingKeyphrase,
                Function<DailyDigest, R> digest) {
            return digest.apply(this.digest);
        }
    }
}
