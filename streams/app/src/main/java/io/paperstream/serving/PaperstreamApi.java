package io.paperstream.serving;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.avro.DailyDigest;
import io.paperstream.avro.KeywordTrend;
import io.paperstream.avro.TopicCount;
import io.paperstream.avro.TopicTrend;
import io.paperstream.avro.TrendingPapers;
import io.paperstream.serving.ApiModel.PaperSummaryView;
import io.paperstream.serving.ApiModel.PapersView;
import io.paperstream.serving.ApiModel.TopicCountView;
import io.paperstream.serving.ApiModel.TopicWindowsView;
import io.paperstream.serving.ApiModel.TopicsView;
import io.paperstream.serving.ApiModel.TrendView;
import io.paperstream.serving.ApiModel.TrendingPapersView;
import io.paperstream.serving.ApiModel.TrendsView;
import io.paperstream.serving.ApiModel.WindowCountView;
import io.paperstream.streams.StoreNames;
import io.paperstream.streams.TrendingTopology;
import io.paperstream.trends.WindowGrid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyQueryMetadata;
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
    static final int MAX_PAPERS = ServedPapersProcessor.RECENT_KEPT;

    /** Any key: the trend stores have one partition, so every key leads to the instance that holds them. */
    private static final String WINDOWS_KEY = "windows";

    private static final StringSerializer KEYS = new StringSerializer();

    private final StoreQueries queries;
    private final PeerClient peers;
    private final Views views;
    private final WindowGrid grid;
    private final ObjectMapper json;

    PaperstreamApi(StoreQueries queries, PeerClient peers, Views views, WindowGrid grid, ObjectMapper json) {
        this.queries = queries;
        this.peers = peers;
        this.views = views;
        this.grid = grid;
        this.json = json;
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
        Long from = instant(request, "from");
        Long to = instant(request, "to");
        if (from != null && to != null && from > to) {
            throw ApiException.badRequest("from must not be after to");
        }
        return routed(
                StoreNames.TOPIC_WINDOW_COUNTS, topic, request, partition -> localWindows(topic, from, to, partition));
    }

    private ApiResponse localWindows(String topic, Long from, Long to, int partition) {
        ReadOnlyWindowStore<String, TopicCount> store =
                queries.local(StoreNames.TOPIC_WINDOW_COUNTS, QueryableStoreTypes.windowStore(), partition);
        TreeMap<Long, TopicCount> found = new TreeMap<>();
        try (WindowStoreIterator<TopicCount> windows = store.fetch(
                topic,
                Instant.ofEpochMilli(from == null ? 0 : from),
                Instant.ofEpochMilli(to == null ? Long.MAX_VALUE : to))) {
            windows.forEachRemaining(kv -> found.put(kv.key, kv.value));
        }
        if (found.isEmpty() && !views.knowsTopic(topic)) {
            throw ApiException.notFound("no topic " + topic);
        }
        long advance = grid.advanceMs();
        if (to == null && found.isEmpty()) {
            return ok(new TopicWindowsView(topic, views.label(topic), null, null, List.of()));
        }
        long last = to != null ? Math.floorDiv(to, advance) * advance : found.lastKey();
        long first = from != null
                ? Math.floorDiv(from + advance - 1, advance) * advance
                : Math.max(0, last - (DEFAULT_WINDOWS - 1) * advance);
        if (last >= first && (last - first) / advance >= MAX_WINDOWS) {
            throw ApiException.badRequest("from and to span more than " + MAX_WINDOWS + " windows");
        }
        List<WindowCountView> windows = new ArrayList<>();
        for (long start = first; start <= last; start += advance) {
            TopicCount count = found.get(start);
            windows.add(new WindowCountView(
                    Instant.ofEpochMilli(start),
                    Instant.ofEpochMilli(grid.endOf(start)),
                    count == null ? 0 : count.getPrimaryCount(),
                    count == null ? 0 : count.getAnyCount()));
        }
        return ok(new TopicWindowsView(
                topic, views.label(topic), Instant.ofEpochMilli(first), Instant.ofEpochMilli(last), windows));
    }

    /**
     * {@code GET /api/trends?kind=topics|keywords&window=latest|<start>}: the risers of a closed
     * window by rank; the latest closed window by default.
     */
    ApiResponse trends(ApiRequest request) {
        String kind = request.param("kind", "topics");
        if (!kind.equals("topics") && !kind.equals("keywords")) {
            throw ApiException.badRequest("kind must be topics or keywords, not " + kind);
        }
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
        String prefix = StoreKeys.trendsOf(window.getWindowStart().toEpochMilli());
        List<TrendView> trends = kind.equals("topics")
                ? ranked(StoreNames.SERVED_TOPIC_TRENDS, prefix, partition, (TopicTrend trend) -> views.trend(trend))
                : ranked(
                        StoreNames.SERVED_KEYWORD_TRENDS,
                        prefix,
                        partition,
                        (KeywordTrend trend) -> views.trend(trend));
        return ok(new TrendsView(kind, window.getWindowStart(), window.getWindowEnd(), trends));
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

    /** {@code GET /api/papers?limit=}: the most recently published papers, newest first. */
    ApiResponse recentPapers(ApiRequest request) {
        int limit = integer(request, "limit", DEFAULT_PAPERS, 1, MAX_PAPERS);
        List<PaperSummaryView> papers = new ArrayList<>(gather(
                StoreNames.RECENT_PAPERS,
                request,
                partition -> localRecent(limit, partition),
                PapersView.class,
                PapersView::papers));
        papers.sort(
                Comparator.comparing(PaperSummaryView::publishedAt).reversed().thenComparing(PaperSummaryView::id));
        return ok(new PapersView(papers.subList(0, Math.min(limit, papers.size()))));
    }

    private List<PaperSummaryView> localRecent(int limit, int partition) {
        ReadOnlyKeyValueStore<String, String> recent =
                queries.local(StoreNames.RECENT_PAPERS, QueryableStoreTypes.keyValueStore(), partition);
        ReadOnlyKeyValueStore<String, ClassifiedPaper> papers =
                queries.local(StoreNames.SERVED_PAPERS, QueryableStoreTypes.keyValueStore(), partition);
        Set<String> ids = new LinkedHashSet<>();
        try (KeyValueIterator<String, String> newestFirst = recent.reverseAll()) {
            while (newestFirst.hasNext() && ids.size() < limit) {
                ids.add(newestFirst.next().value);
            }
        }
        List<PaperSummaryView> summaries = new ArrayList<>(ids.size());
        for (String id : ids) {
            ClassifiedPaper paper = papers.get(id);
            if (paper != null) {
                summaries.add(views.summary(paper));
            }
        }
        return summaries;
    }

    /** {@code GET /api/digest/latest}: the digest of the latest closed window. */
    ApiResponse latestDigest(ApiRequest request) {
        return routed(StoreNames.SERVED_DIGESTS, WINDOWS_KEY, request, partition -> {
            DailyDigest digest =
                    latest(queries.local(StoreNames.SERVED_DIGESTS, QueryableStoreTypes.keyValueStore(), partition));
            if (digest == null) {
                throw ApiException.notFound("no window has closed yet");
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

    /**
     * Fails unless the application runs and every local partition of every store the API reads
     * answers a query: a partition still restoring does not.
     */
    void checkQueryable() {
        queries.requireRunning();
        for (String store : StoreNames.QUERIED) {
            for (int partition : queries.localPartitions(store)) {
                if (store.equals(StoreNames.TOPIC_WINDOW_COUNTS)) {
                    ReadOnlyWindowStore<String, TopicCount> windows =
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
            ApiResponse answer = peers.get(host, request.localPathAndQuery());
            if (answer.status() != 200) {
                throw new StoreUnavailableException(
                        "instance " + host.host() + ":" + host.port() + " answered " + answer.status());
            }
            try {
                all.addAll(items.apply(json.readValue(answer.body(), answerType)));
            } catch (IOException e) {
                throw new StoreUnavailableException(
                        "instance " + host.host() + ":" + host.port() + " answered what is not "
                                + answerType.getSimpleName(),
                        e);
            }
        }
        return all;
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
