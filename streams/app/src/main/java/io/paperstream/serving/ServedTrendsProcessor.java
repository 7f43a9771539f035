package io.paperstream.serving;

import io.paperstream.avro.DailyDigest;
import io.paperstream.avro.KeywordTrend;
import io.paperstream.avro.TopicTrend;
import io.paperstream.streams.StoreNames;
import io.paperstream.streams.TrendOutput;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the rising topics, rising keyphrases and digests of the closed windows queryable by window
 * (for as long as {@code paperstream.window.retention}), and announces them on the live stream.
 * Runs in the trend stage's single task, so one instance holds every window.
 */
final class ServedTrendsProcessor implements Processor<String, TrendOutput, Void, Void> {

    private final Views views;
    private final Consumer<LiveEvent> events;
    private final long retentionMs;
    private KeyValueStore<String, TopicTrend> topicTrends;
    private KeyValueStore<String, KeywordTrend> keywordTrends;
    private KeyValueStore<String, DailyDigest> digests;

    ServedTrendsProcessor(Views views, Consumer<LiveEvent> events, Duration retention) {
        this.views = views;
        this.events = events;
        this.retentionMs = retention.toMillis();
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        topicTrends = context.getStateStore(StoreNames.SERVED_TOPIC_TRENDS);
        keywordTrends = context.getStateStore(StoreNames.SERVED_KEYWORD_TRENDS);
        digests = context.getStateStore(StoreNames.SERVED_DIGESTS);
    }

    @Override
    public void process(Record<String, TrendOutput> record) {
        events.accept(record.value().match(this::serveRisingTopic, this::serveRisingKeyphrase, this::serveDigest));
    }

    /** Keeps a rising topic; returns its live event. */
    private LiveEvent serveRisingTopic(TopicTrend trend) {
        topicTrends.put(StoreKeys.trend(trend.getWindowStart().toEpochMilli(), trend.getRank()), trend);
        return new LiveEvent(LiveEvent.TOPIC_TREND, views.trend(trend));
    }

    /** Keeps a rising keyphrase; returns its live event. */
    private LiveEvent serveRisingKeyphrase(KeywordTrend trend) {
        keywordTrends.put(StoreKeys.trend(trend.getWindowStart().toEpochMilli(), trend.getRank()), trend);
        return new LiveEvent(LiveEvent.KEYWORD_TREND, views.trend(trend));
    }

    /** Keeps a window's digest and forgets the windows past the retention; returns its live event. */
    private LiveEvent serveDigest(DailyDigest digest) {
        long windowStart = digest.getWindowStart().toEpochMilli();
        digests.put(StoreKeys.window(windowStart), digest);
        // the digest comes last for its window: a good time to forget windows past the retention
        forgetBefore(windowStart - retentionMs);
        return new LiveEvent(LiveEvent.DIGEST, views.digest(digest));
    }

    private void forgetBefore(long windowStart) {
        if (windowStart <= 0) {
            return;
        }
        String bound = StoreKeys.window(windowStart);
        forget(topicTrends, bound);
        forget(keywordTrends, bound);
        forget(digests, bound);
    }

    private static <V> void forget(KeyValueStore<String, V> store, String bound) {
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, V> all = store.all()) {
            while (all.hasNext()) {
                String key = all.next().key;
                if (key.compareTo(bound) >= 0) {
                    break;
                }
                old.add(key);
            }
        }
        old.forEach(store::delete);
    }
}
