package io.paperstream.serving;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.avro.DailyDigest;
import io.paperstream.avro.KeywordTrend;
import io.paperstream.avro.TopicCount;
import io.paperstream.avro.TopicTrend;
import io.paperstream.avro.TrendingPapers;
import io.paperstream.search.PaperCursor;
import io.paperstream.search.PaperQuery;
import io.paperstream.serving.ApiModel.KeywordWindowView;
import io.paperstream.serving.ApiModel.KeywordWindowsView;
import io.paperstream.serving.ApiModel.PaperSummaryView;
import io.paperstream.serving.ApiModel.PapersView;
import io.paperstream.serving.ApiModel.TimelineView;
import io.paperstream.serving.ApiModel.TopicCountView;
import io.paperstream.serving.ApiModel.TopicTimelineView;
import io.paperstream.serving.ApiModel.TopicWindowsView;
import io.paperstream.serving.ApiModel.TopicsView;
import io.paperstream.serving.ApiModel.TrendHistoryView;
import io.paperstream.serving.ApiModel.TrendView;
import io.paperstream.serving.ApiModel.TrendingPapersView;
import io.paperstream.serving.ApiModel.TrendsView;
import io.paperstream.serving.ApiModel.WindowCountView;
import io.paperstream.serving.ApiModel.WindowTrendsView;
import io.paperstream.streams.StoreNames;
import io.paperstream.streams.TrendingTopology;
import io.paperstream.trends.WindowGrid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The API's answers, from the state stores: a key's query goes to the partition that holds it,
 * on this instance or forwarded to the one that owns it; a question about all keys gathers every
 * instance's partitions.
 */
final class PaperstreamApi {

    /** Windows listed when {@code from} is not given. */
    static final int DEFAULT_WINDOWS = 60;

    static final int MAX_WINDOWS = 1000;
    static final int DEFAULT_PAPERS = 20;
    static final int DEFAULT_DAYS = 30;
    static final int MAX_DAYS = 100_000;
    static final int MAX_PAPERS = 200;

    /** Any key: the trend stores have one partition, so every key leads to the instance that holds them. */
    private static final String WINDOWS_KEY = "windows";

    private static final StringSerializer KEYS = new StringSerializer();
    private static final TreeMap<Long, Object> EMPTY = new TreeMap<>();

    private final StoreQueries queries;
    private final PeerClient peers;
    private final Views views;
    private final WindowGrid grid;
    private final ObjectMapper json;
    private final PaperSearch search;

    PaperstreamApi(
            StoreQueries queries,
            PeerClient peers,
            Views views,
            WindowGrid grid,
            ObjectMapper json,
            PaperSearch search) {
        this.queries = queries;
        this.peers = peers;
        this.views = views;
        this.grid = grid;
        this.json = json;
        this.search = search;
    }

    /** {@code GET /api/topics}: every topic's all-time count, most papers first. */
    ApiResponse topics(ApiRequest request) {
        List<TopicCountView> topics = new ArrayList<>(
                gather(StoreNames.TOPIC_COUNTS, request, this::localCounts, TopicsView.class, TopicsView::topics));
        topics.sort(Comparator.comparingLong(TopicCountView::anyCount)
                .reversed()
                .thenComparing(
                        Comparator.comparingLong(TopicCountView::primaryCount).reversed())
                .thenComparing(TopicCountView::topic));
        return ok(new TopicsView(topics));
    }

    private List<TopicCountView> localCounts(int partition) {
        ReadOnlyKeyValueStore<String, TopicCount> store =
                queries.local(StoreNames.TOPIC_COUNTS, QueryableStoreTypes.keyValueStore(), partition);
        List<TopicCountView> counts = new ArrayList<>();
        try (KeyValueIterator<String, TopicCount> all = store.all()) {
            all.forEachRemaining(kv -> counts.add(views.count(kv.key, kv.value)));
        }
        return counts;
    }

    /**
     * {@code GET /api/topics/{id}/windows?from=&to=}: the topic's count in every window starting
     * from {@code from} to {@code to} (ISO-8601 instants or epoch milliseconds), zeros included;
     * by default the {@value #DEFAULT_WINDOWS} windows up to its latest one.
     */
    ApiResponse topicWindows(String topic, ApiRequest request) {
        TimeRange range = TimeRange.of(request);
        return routed(
                StoreNames.TOPIC_WINDOW_COUNTS, topic, request, partition -> localWindows(topic, range, partition));
    }

    private ApiResponse localWindows(String topic, TimeRange range, int partition) {
        ReadOnlyWindowStore<String, TopicCount> store =
                queries.local(StoreNames.TOPIC_WINDOW_COUNTS, QueryableStoreTypes.windowStore(), partition);
        TreeMap<Long, TopicCount> found = fetch(store, topic, range);
        if (found.isEmpty() && !views.knowsTopic(topic)) {
            throw ApiException.notFound("no topic " + topic);
        }
        List<WindowCountView> windows = new ArrayList<>();
        WindowSpan span = span(range, found);
        for (long start = span.first(); start <= span.last(); start += grid.advanceMs()) {
            TopicCount count = found.get(start);
            windows.add(new WindowCountView(
                    Instant.ofEpochMilli(start),
                    Instant.ofEpochMilli(grid.endOf(start)),
                    count == null ? 0 : count.getPrimaryCount(),
                    count == null ? 0 : count.getAnyCount()));
        }
        return ok(new TopicWindowsView(topic, views.label(topic), span.from(), span.to(), windows));
    }

    /**
     * {@code GET /api/keywords/{phrase}/windows?from=&to=}: how many papers carried the keyphrase
     * in every closed window starting from {@code from} to {@code to}, zeros included; by default
     * the {@value #DEFAULT_WINDOWS} windows up to its latest one. Only windows within the
     * retention are kept.
     */
    ApiResponse keywordWindows(String phrase, ApiRequest request) {
        String keyphrase = phrase.strip().toLowerCase(Locale.ROOT);
        TimeRange range = TimeRange.of(request);
        return routed(
                StoreNames.KEYPHRASE_WINDOW_COUNTS,
                keyphrase,
                request,
                partition -> localKeywordWindows(keyphrase, range, partition));
    }

    private ApiResponse localKeywordWindows(String keyphrase, TimeRange range, int partition) {
        ReadOnlyWindowStore<String, Long> store =
                queries.local(StoreNames.KEYPHRASE_WINDOW_COUNTS, QueryableStoreTypes.windowStore(), partition);
        TreeMap<Long, Long> found = fetch(store, keyphrase, range);
        if (found.isEmpty() && fetch(store, keyphrase, TimeRange.ALL).isEmpty()) {
            throw ApiException.notFound(
                    "no closed window kept (paperstream.window.retention) has the keyphrase " + keyphrase);
        }
        List<KeywordWindowView> windows = new ArrayList<>();
        WindowSpan span = span(range, found);
        for (long start = span.first(); start <= span.last(); start += grid.advanceMs()) {
            windows.add(new KeywordWindowView(
                    Instant.ofEpochMilli(start),
                    Instant.ofEpochMilli(grid.endOf(start)),
                    found.getOrDefault(start, 0L)));
        }
        return ok(new KeywordWindowsView(keyphrase, span.from(), span.to(), windows));
    }

    private static <V> TreeMap<Long, V> fetch(ReadOnlyWindowStore<String, V> store, String key, TimeRange range) {
        TreeMap<Long, V> found = new TreeMap<>();
        try (WindowStoreIterator<V> windows = store.fetch(
                key,
                Instant.ofEpochMilli(range.from() == null ? 0 : range.from()),
                Instant.ofEpochMilli(range.to() == null ? Long.MAX_VALUE : range.to()))) {
            windows.forEachRemaining(kv -> found.put(kv.key, kv.value));
        }
        return found;
    }

    /**
     * The window starts a history lists: from {@code from} to {@code to} on the window grid, by default the
     * {@value #DEFAULT_WINDOWS} windows up to the latest found; none when nothing is found and no end is given.
     */
    private WindowSpan span(TimeRange range, TreeMap<Long, ?> found) {
        long advance = grid.advanceMs();
        if (range.to() == null && found.isEmpty()) {
            return WindowSpan.NONE;
        }
        long last = range.to() != null ? Math.floorDiv(range.to(), advance) * advance : found.lastKey();
        long first = range.from() != null
                ? Math.floorDiv(range.from() + advance - 1, advance) * advance
                : Math.max(0, last - (DEFAULT_WINDOWS - 1) * advance);
        if (last >= first && (last - first) / advance >= MAX_WINDOWS) {
            throw ApiException.badRequest("from and to span more than " + MAX_WINDOWS + " windows");
        }
        return new WindowSpan(first, last);
    }

    /** Window starts from {@code first} to {@code last}; {@link #NONE} lists nothing. */
    private record WindowSpan(long first, long last) {

        static final WindowSpan NONE = new WindowSpan(0, -1);

        Instant from() {
            return this == NONE ? null : Instant.ofEpochMilli(first);
        }

        Instant to() {
            return this == NONE ? null : Instant.ofEpochMilli(last);
        }

        List<Instant> starts(WindowGrid grid) {
            List<Instant> starts = new ArrayList<>();
            for (long start = first; start <= last; start += grid.advanceMs()) {
                starts.add(Instant.ofEpochMilli(start));
            }
            return starts;
        }
    }

    /** The range of a history: {@code from} and {@code to} when given, else {@code days} up to the latest window. */
    private record HistoryRange(Long from, Long to, int days) {

        static HistoryRange of(ApiRequest request) {
            TimeRange range = TimeRange.of(request);
            return new HistoryRange(range.from(), range.to(), integer(request, "days", DEFAULT_DAYS, 1, MAX_DAYS));
        }

        long daysMs() {
            return Duration.ofDays(days).toMillis();
        }
    }

    /** The {@code from} and {@code to} parameters of a history, each optional. */
    private record TimeRange(Long from, Long to) {

        static final TimeRange ALL = new TimeRange(null, null);

        static TimeRange of(ApiRequest request) {
            Long from = instant(request, "from");
            Long to = instant(request, "to");
            if (from != null && to != null && from > to) {
                throw ApiException.badRequest("from must not be after to");
            }
            return new TimeRange(from, to);
        }
    }

    /**
     * {@code GET /api/trends?kind=topics|keywords&window=latest|<start>}: the risers of a closed
     * window by rank; the latest closed window by default.
     */
    ApiResponse trends(ApiRequest request) {
        String kind = kind(request);
        String window = request.param("window", "latest");
        Long start = window.equals("latest") ? null : parseInstant("window", window);
        return routed(
                StoreNames.SERVED_DIGESTS, WINDOWS_KEY, request, partition -> localTrends(kind, start, partition));
    }

    private ApiResponse localTrends(String kind, Long start, int partition) {
        ReadOnlyKeyValueStore<String, DailyDigest> digests =
                queries.local(StoreNames.SERVED_DIGESTS, QueryableStoreTypes.keyValueStore(), partition);
        DailyDigest window = start == null ? latest(digests) : digests.get(StoreKeys.window(start));
        if (window == null) {
            if (start != null) {
                throw ApiException.notFound("no closed window starts at " + Instant.ofEpochMilli(start));
            }
            return ok(new TrendsView(kind, null, null, List.of()));
        }
        return ok(
                new TrendsView(kind, window.getWindowStart(), window.getWindowEnd(), risers(kind, window, partition)));
    }

    private static String kind(ApiRequest request) {
        String kind = request.param("kind", "topics");
        if (!kind.equals("topics") && !kind.equals("keywords")) {
            throw ApiException.badRequest("kind must be topics or keywords, not " + kind);
        }
        return kind;
    }

    /** The rising topics or keyphrases of a closed window, by rank. */
    private List<TrendView> risers(String kind, DailyDigest window, int partition) {
        String prefix = StoreKeys.trendsOf(window.getWindowStart().toEpochMilli());
        return kind.equals("topics")
                ? ranked(StoreNames.SERVED_TOPIC_TRENDS, prefix, partition, (TopicTrend trend) -> views.trend(trend))
                : ranked(
                        StoreNames.SERVED_KEYWORD_TRENDS,
                        prefix,
                        partition,
                        (KeywordTrend trend) -> views.trend(trend));
    }

    /**
     * {@code GET /api/trends/history?kind=&from=&to=&days=}: every closed window starting from {@code from} to
     * {@code to}, oldest first, with its risers by rank; by default {@code to} is the latest closed window and
     * {@code from} {@code days} (default {@value #DEFAULT_DAYS}) before its end, but not before the oldest window
     * kept.
     */
    ApiResponse trendHistory(ApiRequest request) {
        String kind = kind(request);
        HistoryRange range = HistoryRange.of(request);
        return routed(
                StoreNames.SERVED_DIGESTS,
                WINDOWS_KEY,
                request,
                partition -> ok(localTrendHistory(kind, range, partition)));
    }

    private TrendHistoryView localTrendHistory(String kind, HistoryRange range, int partition) {
        ReadOnlyKeyValueStore<String, DailyDigest> digests =
                queries.local(StoreNames.SERVED_DIGESTS, QueryableStoreTypes.keyValueStore(), partition);
        Long to = range.to();
        if (to == null) {
            DailyDigest latest = latest(digests);
            if (latest == null) {
                return new TrendHistoryView(kind, null, null, List.of());
            }
            to = latest.getWindowStart().toEpochMilli();
        }
        Long from = range.from();
        if (from == null) {
            from = Math.max(0, grid.endOf(Math.floorDiv(to, grid.advanceMs()) * grid.advanceMs()) - range.daysMs());
            DailyDigest oldest = oldest(digests);
            from = oldest == null
                    ? from
                    : Math.max(from, oldest.getWindowStart().toEpochMilli());
        }
        WindowSpan span = span(new TimeRange(from, to), EMPTY);
        List<WindowTrendsView> windows = new ArrayList<>();
        if (span.first() <= span.last()) {
            try (KeyValueIterator<String, DailyDigest> closed =
                    digests.range(StoreKeys.window(span.first()), StoreKeys.window(span.last()))) {
                closed.forEachRemaining(kv -> windows.add(new WindowTrendsView(
                        kv.value.getWindowStart(),
                        kv.value.getWindowEnd(),
                        kv.value.getPapersInWindow(),
                        risers(kind, kv.value, partition))));
            }
        }
        return new TrendHistoryView(kind, span.from(), span.to(), windows);
    }

    /**
     * {@code GET /api/timeline?from=&to=&days=}: every topic's count in each window of the range that
     * {@code /api/trends/history} takes, with the windows in which it was reported rising. The topics' counts are
     * gathered from every instance; the risers come from the instance that holds the trend stores.
     */
    ApiResponse timeline(ApiRequest request) {
        if (request.localOnly()) {
            TimeRange asked = TimeRange.of(request);
            if (asked.from() == null || asked.to() == null) {
                throw ApiException.badRequest("a timeline of scope=local needs from and to");
            }
            WindowSpan span = span(asked, EMPTY);
            return ok(new TimelineView(span.from(), span.to(), span.starts(grid), gatheredTimelines(span, request)));
        }
        TrendHistoryView history = topicHistory(request, HistoryRange.of(request));
        if (history.from() == null || history.from().isAfter(history.to())) {
            // no window closed yet, or none starts in the range
            return ok(new TimelineView(history.from(), history.to(), List.of(), List.of()));
        }
        WindowSpan span =
                span(new TimeRange(history.from().toEpochMilli(), history.to().toEpochMilli()), EMPTY);
        Map<String, List<TrendView>> rising = new HashMap<>();
        history.windows()
                .forEach(window -> window.trends()
                        .forEach(trend -> rising.computeIfAbsent(trend.key(), key -> new ArrayList<>())
                                .add(trend)));
        List<TopicTimelineView> topics = new ArrayList<>();
        for (TopicTimelineView topic : gatheredTimelines(
                span, request.with(Map.of("from", Long.toString(span.first()), "to", Long.toString(span.last()))))) {
            topics.add(new TopicTimelineView(
                    topic.topic(),
                    topic.label(),
                    topic.anyCounts(),
                    topic.primaryCounts(),
                    rising.getOrDefault(topic.topic(), List.of())));
        }
        topics.sort(Comparator.comparingLong((TopicTimelineView topic) -> -sum(topic.anyCounts()))
                .thenComparing(TopicTimelineView::topic));
        return ok(new TimelineView(span.from(), span.to(), span.starts(grid), topics));
    }

    /** Every topic's counts in the windows of {@code span}, gathered from the partitions {@code request} asks for. */
    private List<TopicTimelineView> gatheredTimelines(WindowSpan span, ApiRequest request) {
        return gather(
                StoreNames.TOPIC_WINDOW_COUNTS,
                request,
                partition -> localTimelines(span, partition),
                TimelineView.class,
                TimelineView::topics);
    }

    private List<TopicTimelineView> localTimelines(WindowSpan span, int partition) {
        if (span.first() > span.last()) {
            return List.of();
        }
        ReadOnlyWindowStore<String, TopicCount> store =
                queries.local(StoreNames.TOPIC_WINDOW_COUNTS, QueryableStoreTypes.windowStore(), partition);
        int size = span.starts(grid).size();
        Map<String, long[]> any = new TreeMap<>();
        Map<String, long[]> primary = new HashMap<>();
        try (KeyValueIterator<Windowed<String>, TopicCount> windows =
                store.fetchAll(Instant.ofEpochMilli(span.first()), Instant.ofEpochMilli(span.last()))) {
            windows.forEachRemaining(kv -> {
                long offset = kv.key.window().start() - span.first();
                if (offset % grid.advanceMs() == 0) {
                    int index = (int) (offset / grid.advanceMs());
                    any.computeIfAbsent(kv.key.key(), topic -> new long[size])[index] = kv.value.getAnyCount();
                    primary.computeIfAbsent(kv.key.key(), topic -> new long[size])[index] = kv.value.getPrimaryCount();
                }
            });
        }
        List<TopicTimelineView> topics = new ArrayList<>();
        any.forEach((topic, counts) -> {
            if (Arrays.stream(counts).anyMatch(count -> count > 0)) {
                topics.add(new TopicTimelineView(
                        topic, views.label(topic), boxed(counts), boxed(primary.get(topic)), List.of()));
            }
        });
        return topics;
    }

    /** The topics' trend history, from this instance's trend stores or from the instance that holds them. */
    private TrendHistoryView topicHistory(ApiRequest request, HistoryRange range) {
        KeyQueryMetadata owner = queries.owner(StoreNames.SERVED_DIGESTS, WINDOWS_KEY);
        if (queries.isSelf(owner.activeHost())) {
            return localTrendHistory("topics", range, owner.partition());
        }
        ApiRequest asked = new ApiRequest("/api/trends/history", "/api/trends/history", Map.of(), false)
                .with(request.query())
                .with(Map.of("kind", "topics"));
        return parse(owner.activeHost(), peers.get(owner.activeHost(), asked.pathAndQuery()), TrendHistoryView.class);
    }

    private static List<Long> boxed(long[] counts) {
        return Arrays.stream(counts).boxed().toList();
    }

    private static long sum(List<Long> counts) {
        return counts.stream().mapToLong(Long::longValue).sum();
    }

    private <V> List<TrendView> ranked(String store, String prefix, int partition, Function<V, TrendView> view) {
        ReadOnlyKeyValueStore<String, V> trends = queries.local(store, QueryableStoreTypes.keyValueStore(), partition);
        List<TrendView> ranked = new ArrayList<>();
        try (KeyValueIterator<String, V> window = trends.prefixScan(prefix, KEYS)) {
            window.forEachRemaining(kv -> ranked.add(view.apply(kv.value)));
        }
        return ranked;
    }

    /** {@code GET /api/papers/{id}}: the current version of a classified paper. */
    ApiResponse paper(String id, ApiRequest request) {
        return routed(StoreNames.SERVED_PAPERS, id, request, partition -> {
            ReadOnlyKeyValueStore<String, ClassifiedPaper> papers =
                    queries.local(StoreNames.SERVED_PAPERS, QueryableStoreTypes.keyValueStore(), partition);
            ClassifiedPaper paper = papers.get(id);
            if (paper == null) {
                throw ApiException.notFound("no paper " + id);
            }
            return ok(views.paper(paper));
        });
    }

    /**
     * {@code GET /api/papers?topic=&keyword=&q=&from=&to=&limit=&cursor=}: the papers that match every filter
     * given, newest first (ties by id), {@code limit} at a time; {@code nextCursor} continues the listing (without a
     * filter, the most recently published papers): a search of every partition's paper index.
     */
    ApiResponse papers(ApiRequest request) {
        int limit = integer(request, "limit", DEFAULT_PAPERS, 1, MAX_PAPERS);
        PaperQuery query = paperQuery(request, limit);
        List<PaperSummaryView> papers = new ArrayList<>(gather(
                StoreNames.SERVED_PAPERS,
                request,
                partition -> localSearch(query, partition),
                PapersView.class,
                PapersView::papers));
        papers.sort(
                Comparator.comparing(PaperSummaryView::publishedAt).reversed().thenComparing(PaperSummaryView::id));
        List<PaperSummaryView> page = papers.subList(0, Math.min(limit, papers.size()));
        String next = page.size() < limit
                ? null
                : new PaperCursor(
                                page.get(limit - 1).publishedAt().toEpochMilli(),
                                page.get(limit - 1).id())
                        .encode();
        return ok(new PapersView(page, next));
    }

    private static PaperQuery paperQuery(ApiRequest request, int limit) {
        TimeRange range = TimeRange.of(request);
        String keyword = request.param("keyword", null);
        String text = request.param("q", null);
        String cursor = request.param("cursor", null);
        PaperCursor after;
        try {
            after = cursor == null ? null : PaperCursor.decode(cursor);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        return new PaperQuery(
                request.param("topic", null),
                keyword == null ? null : keyword.strip().toLowerCase(Locale.ROOT),
                text == null || text.isBlank() ? null : text,
                range.from(),
                range.to(),
                after,
                limit);
    }

    private List<PaperSummaryView> localSearch(PaperQuery query, int partition) {
        ReadOnlyKeyValueStore<String, ClassifiedPaper> papers =
                queries.local(StoreNames.SERVED_PAPERS, QueryableStoreTypes.keyValueStore(), partition);
        List<PaperSummaryView> found = new ArrayList<>();
        for (PaperCursor hit : search.partition(partition).search(query)) {
            ClassifiedPaper paper = papers.get(hit.id());
            if (paper != null) {
                found.add(views.summary(paper));
            }
        }
        return found;
    }

    /**
     * {@code GET /api/digest/latest} and {@code GET /api/digest/<window start>}: the digest of the latest closed
     * window, or of the closed window starting then.
     */
    ApiResponse digest(String window, ApiRequest request) {
        Long start = window.equals("latest") ? null : parseInstant("window", window);
        return routed(StoreNames.SERVED_DIGESTS, WINDOWS_KEY, request, partition -> {
            ReadOnlyKeyValueStore<String, DailyDigest> digests =
                    queries.local(StoreNames.SERVED_DIGESTS, QueryableStoreTypes.keyValueStore(), partition);
            DailyDigest digest = start == null ? latest(digests) : digests.get(StoreKeys.window(start));
            if (digest == null) {
                throw ApiException.notFound(
                        start == null
                                ? "no window has closed yet"
                                : "no closed window starts at " + Instant.ofEpochMilli(start));
            }
            return ok(views.digest(digest));
        });
    }

    /**
     * {@code GET /api/papers/trending}: the latest ranking of papers by engagement velocity, only the papers of the
     * primary topic {@code topic=} when given.
     */
    ApiResponse trendingPapers(ApiRequest request) {
        String topic = request.param("topic", null);
        if (topic != null && !views.knowsTopic(topic)) {
            throw ApiException.badRequest("no topic " + topic + "; GET /api/topics lists them");
        }
        return routed(StoreNames.TRENDING_RANKING, TrendingTopology.LATEST, request, partition -> {
            ReadOnlyKeyValueStore<String, TrendingPapers> rankings =
                    queries.local(StoreNames.TRENDING_RANKING, QueryableStoreTypes.keyValueStore(), partition);
            TrendingPapers latest = rankings.get(TrendingTopology.LATEST);
            return ok(latest == null ? new TrendingPapersView(null, null, List.of()) : views.trending(latest, topic));
        });
    }

    private static DailyDigest latest(ReadOnlyKeyValueStore<String, DailyDigest> digests) {
        try (KeyValueIterator<String, DailyDigest> newestFirst = digests.reverseAll()) {
            return newestFirst.hasNext() ? newestFirst.next().value : null;
        }
    }

    private static DailyDigest oldest(ReadOnlyKeyValueStore<String, DailyDigest> digests) {
        try (KeyValueIterator<String, DailyDigest> oldestFirst = digests.all()) {
            return oldestFirst.hasNext() ? oldestFirst.next().value : null;
        }
    }

    /**
     * Fails unless the application runs, every local partition of every store the API reads
     * answers a query (a partition still restoring does not) and every local paper index is built.
     */
    void checkQueryable() {
        queries.requireRunning();
        queries.localPartitions(StoreNames.SERVED_PAPERS).forEach(search::partition);
        for (String store : StoreNames.QUERIED) {
            for (int partition : queries.localPartitions(store)) {
                if (StoreNames.WINDOWED.contains(store)) {
                    ReadOnlyWindowStore<String, ?> windows =
                            queries.local(store, QueryableStoreTypes.windowStore(), partition);
                    windows.fetch("", Instant.EPOCH, Instant.EPOCH).close();
                } else {
                    queries.local(store, QueryableStoreTypes.keyValueStore(), partition)
                            .approximateNumEntries();
                }
            }
        }
    }

    /** Answers from the partition that holds {@code key}: here, or from the instance that owns it. */
    private ApiResponse routed(String store, String key, ApiRequest request, IntFunction<ApiResponse> local) {
        KeyQueryMetadata owner = queries.owner(store, key);
        if (queries.isSelf(owner.activeHost())) {
            return local.apply(owner.partition());
        }
        if (request.forwarded()) {
            // the instances disagree on who owns the key: a rebalance is under way
            throw new StoreUnavailableException("the key moved between instances while the query was forwarded");
        }
        return peers.get(owner.activeHost(), request.pathAndQuery());
    }

    /** Every active partition's items: this instance's own, and each other instance's through its API. */
    private <A, T> List<T> gather(
            String store,
            ApiRequest request,
            IntFunction<List<T>> local,
            Class<A> answerType,
            Function<A, List<T>> items) {
        queries.requireRunning();
        List<T> all = new ArrayList<>();
        if (request.localOnly()) {
            queries.localPartitions(store).forEach(partition -> all.addAll(local.apply(partition)));
            return all;
        }
        for (HostInfo host : queries.hosts(store)) {
            if (queries.isSelf(host)) {
                queries.localPartitions(store).forEach(partition -> all.addAll(local.apply(partition)));
                continue;
            }
            all.addAll(items.apply(parse(host, peers.get(host, request.localPathAndQuery()), answerType)));
        }
        return all;
    }

    /** Another instance's answer as {@code answerType}; unavailable unless it is a 200 of that shape. */
    private <A> A parse(HostInfo host, ApiResponse answer, Class<A> answerType) {
        if (answer.status() != 200) {
            throw new StoreUnavailableException(
                    "instance " + host.host() + ":" + host.port() + " answered " + answer.status());
        }
        try {
            return json.readValue(answer.body(), answerType);
        } catch (IOException e) {
            throw new StoreUnavailableException(
                    "instance " + host.host() + ":" + host.port() + " answered what is not "
                            + answerType.getSimpleName(),
                    e);
        }
    }

    private ApiResponse ok(Object body) {
        try {
            return ApiResponse.json(200, json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Long instant(ApiRequest request, String name) {
        String value = request.query().get(name);
        return value == null || value.isEmpty() ? null : parseInstant(name, value);
    }

    /** An ISO-8601 instant ({@code 2025-03-14T00:00:00Z}) or epoch milliseconds. */
    private static long parseInstant(String name, String value) {
        if (value.chars().allMatch(Character::isDigit) && !value.isEmpty() && value.length() <= 18) {
            return Long.parseLong(value);
        }
        try {
            long millis = Instant.parse(value).toEpochMilli();
            if (millis < 0) {
                throw ApiException.badRequest(name + " must not be before 1970");
            }
            return millis;
        } catch (DateTimeParseException | ArithmeticException e) {
            throw ApiException.badRequest(name + " must be an ISO-8601 instant such as 2025-03-14T00:00:00Z or epoch"
                    + " milliseconds, not " + value);
        }
    }

    private static int integer(ApiRequest request, String name, int fallback, int min, int max) {
        String value = request.param(name, null);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below, as every other bad value
        }
        throw ApiException.badRequest(name + " must be a whole number from " + min + " to " + max + ", not " + value);
    }
}
