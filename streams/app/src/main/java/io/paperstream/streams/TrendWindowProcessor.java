package io.paperstream.streams;

import io.paperstream.engagement.VelocityParameters;
import io.paperstream.trends.Baseline;
import io.paperstream.trends.ScoredWindow;
import io.paperstream.trends.TrendScore;
import io.paperstream.trends.TrendScorer;
import io.paperstream.trends.WindowGrid;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects every window's papers and, when stream time passes a window's end plus grace, scores
 * the window's topics and keyphrases against their baselines, emits the window's trends and
 * digest and keeps its count of every keyphrase (the serving API's keyphrase history). Runs in a single task (its input topic has one partition) because ranking needs all
 * of a window's keys in one place; its input is small (one record per new or revised paper).
 * A digest's trending papers are the trending stage's candidates ranked at the window's end.
 *
 * <p>Windows close as those of topics.windowed do ({@code end + grace <= close time}), at the time of the slowest
 * raw partition still sending ({@link SourceWatermarks}, kept in {@value StoreNames#TREND_HISTORY}), so that a
 * backlog drained from several partitions keeps every paper in its window; a paper arriving for a closed window is
 * late and dropped, as there. Only papers move that time: the task also reads the trending candidates, whose
 * engagement times must not close windows. A punctuation closes the windows that sources going idle let close.
 */
final class TrendWindowProcessor implements Processor<String, PaperSighting, String, TrendOutput> {

    private static final Logger LOG = LoggerFactory.getLogger(TrendWindowProcessor.class);
    private static final String FIRST_WINDOW = "first-window";
    /** Under the name of the papers' stream time it replaces, so that a task stored before goes on from it. */
    private static final String CLOSE_TIME = "paper-stream-time";

    private static final String TOPIC_PREFIX = "t/";
    private static final String KEYPHRASE_PREFIX = "k/";

    private final WindowGrid grid;
    private final long graceMs;
    private final long sourceIdleMs;
    private final TrendScorer scorer;
    private final DigestLayout digestLayout;
    private final VelocityParameters velocity;

    private ProcessorContext<String, TrendOutput> context;
    private KeyValueStore<String, PaperSighting> windowPapers;
    private KeyValueStore<String, Baseline> baselines;
    private KeyValueStore<String, Long> history;
    private WindowStore<String, Long> keyphraseWindows;
    private ReadOnlyKeyValueStore<String, TrendingCandidate> trendingCandidates;
    private SourceWatermarks sources;

    private final NavigableSet<Long> openWindows = new TreeSet<>();
    private long droppedLate;

    TrendWindowProcessor(
            WindowGrid grid,
            long graceMs,
            long sourceIdleMs,
            TrendScorer scorer,
            DigestLayout digestLayout,
            VelocityParameters velocity) {
        this.grid = grid;
        this.graceMs = graceMs;
        this.sourceIdleMs = sourceIdleMs;
        this.scorer = scorer;
        this.digestLayout = digestLayout;
        this.velocity = velocity;
    }

    @Override
    public void init(ProcessorContext<String, TrendOutput> context) {
        this.context = context;
        this.windowPapers = context.getStateStore(StoreNames.TREND_WINDOW_PAPERS);
        this.baselines = context.getStateStore(StoreNames.TREND_BASELINES);
        this.history = context.getStateStore(StoreNames.TREND_HISTORY);
        this.keyphraseWindows = context.getStateStore(StoreNames.KEYPHRASE_WINDOW_COUNTS);
        this.trendingCandidates = context.getStateStore(StoreNames.TRENDING_CANDIDATES);
        this.sources = new SourceWatermarks(history, CLOSE_TIME, sourceIdleMs, context.appConfigs());
        sources.load(context.currentSystemTimeMs());
        openWindows.clear();
        try (KeyValueIterator<String, PaperSighting> all = windowPapers.all()) {
            all.forEachRemaining(kv -> openWindows.add(TimeKeys.timeOf(kv.key)));
        }
        sources.scheduleIdleCheck(context, this::closeWindowsUpTo);
    }

    @Override
    public void process(Record<String, PaperSighting> record) {
        long now = context.currentSystemTimeMs();
        sources.observe(record.headers(), record.timestamp(), now);
        long closeTime = sources.advance(now);
        PaperSighting sighting = record.value();
        for (long start = grid.firstStartFor(record.timestamp());
                start <= grid.lastStartFor(record.timestamp());
                start += grid.advanceMs()) {
            if (closed(start, closeTime)) {
                LOG.debug(
                        "dropping late {} of paper {} for closed window {}",
                        sighting.retraction() ? "retraction" : "sighting",
                        sighting.paperId(),
                        start);
                droppedLate++;
                continue;
            }
            String key = TimeKeys.of(start, sighting.paperId());
            if (sighting.retraction()) {
                windowPapers.delete(key);
            } else {
                windowPapers.put(key, sighting);
                openWindows.add(start);
            }
        }
        closeWindowsUpTo(closeTime);
    }

    private void closeWindowsUpTo(long closeTime) {
        while (!openWindows.isEmpty() && closed(openWindows.first(), closeTime)) {
            close(openWindows.pollFirst());
        }
    }

    private boolean closed(long windowStart, long closeTime) {
        return grid.endOf(windowStart) + graceMs <= closeTime;
    }

    private void close(long windowStart) {
        long windowEnd = grid.endOf(windowStart);
        long window = grid.index(windowStart);
        List<String> keys = new ArrayList<>();
        List<PaperSighting> sightings = new ArrayList<>();
        try (KeyValueIterator<String, PaperSighting> it =
                windowPapers.prefixScan(TimeKeys.prefix(windowStart), new StringSerializer())) {
            it.forEachRemaining(kv -> {
                keys.add(kv.key);
                sightings.add(kv.value);
            });
        }
        Long firstWindow = history.get(FIRST_WINDOW);
        if (firstWindow == null) {
            firstWindow = window;
            history.put(FIRST_WINDOW, firstWindow);
        }
        WindowPapers papers = new WindowPapers(sightings);
        List<TrendScore> topics = score(window, firstWindow, TOPIC_PREFIX, papers.topicCounts());
        List<TrendScore> keyphrases = score(window, firstWindow, KEYPHRASE_PREFIX, papers.keyphraseCounts());
        papers.keyphraseCounts().forEach((keyphrase, count) -> keyphraseWindows.put(keyphrase, count, windowStart));

        long timestamp = windowEnd - 1;
        for (TrendScore topic : topics) {
            context.forward(new Record<>(
                    topic.key(),
                    new TrendOutput.RisingTopic(TrendRecords.topicTrend(topic, windowStart, windowEnd)),
                    timestamp));
        }
        for (TrendScore keyphrase : keyphrases) {
            context.forward(new Record<>(
                    keyphrase.key(),
                    new TrendOutput.RisingKeyphrase(TrendRecords.keywordTrend(keyphrase, windowStart, windowEnd)),
                    timestamp));
        }
        context.forward(new Record<>(
                TrendRecords.day(windowStart),
                new TrendOutput.Digest(TrendRecords.digest(
                        windowStart,
                        windowEnd,
                        papers,
                        topics,
                        keyphrases,
                        TrendingRanking.at(trendingCandidates, windowEnd, velocity, digestLayout.topN())
                                .papers(),
                        digestLayout)),
                timestamp));

        keys.forEach(windowPapers::delete);
        forgetFadedBaselines(window);
        LOG.info(
                "closed window {} with {} papers: {} rising topics, {} rising keyphrases",
                TrendRecords.day(windowStart),
                papers.size(),
                topics.size(),
                keyphrases.size());
        reportLate();
    }

    private void reportLate() {
        if (droppedLate > 0) {
            LOG.warn(
                    "{} papers or retractions arrived after their window had closed and were left out of trends and"
                            + " digests: later than paperstream.window.grace behind the slowest raw partition still"
                            + " sending, or from a partition that had sent nothing for paperstream.window.source-idle",
                    droppedLate);
            droppedLate = 0;
        }
    }

    private List<TrendScore> score(long window, long firstWindow, String prefix, Map<String, Long> counts) {
        Map<String, Baseline> stored = new HashMap<>(counts.size() * 2);
        for (String key : counts.keySet()) {
            Baseline baseline = baselines.get(prefix + key);
            if (baseline != null) {
                stored.put(key, baseline);
            }
        }
        ScoredWindow scored = scorer.scoreWindow(window, firstWindow, counts, stored);
        List<KeyValue<String, Baseline>> updates =
                new ArrayList<>(scored.baselines().size());
        scored.baselines().forEach((key, baseline) -> updates.add(KeyValue.pair(prefix + key, baseline)));
        baselines.putAll(updates);
        return scored.trends();
    }

    /** Drops baselines that decayed to nothing, so keyphrases seen once do not stay in the store forever. */
    private void forgetFadedBaselines(long window) {
        List<String> faded = new ArrayList<>();
        try (KeyValueIterator<String, Baseline> all = baselines.all()) {
            all.forEachRemaining(kv -> {
                if (scorer.forgettable(kv.value, window)) {
                    faded.add(kv.key);
                }
            });
        }
        faded.forEach(baselines::delete);
    }
}
