package io.paperstream.streams;

import io.paperstream.engagement.VelocityParameters;
import io.paperstream.settings.ConnectionSettings;
import io.paperstream.settings.Constraint;
import io.paperstream.settings.Setting;
import io.paperstream.settings.SettingValues;
import io.paperstream.settings.SettingsDeclaration;
import io.paperstream.settings.SettingsException;
import io.paperstream.settings.SettingsLoader;
import io.paperstream.settings.ValueType;
import io.paperstream.trends.TrendParameters;
import io.paperstream.trends.WindowGrid;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The settings of the paperstream streams application, declared once: every option is one typed
 * {@link Setting} constant below, with its key, default, constraint and description; the list of
 * them ({@link #DECLARED}) is collected from these constants.
 *
 * <p>Values are loaded as for every command ({@link SettingsLoader}): in increasing precedence, the
 * defaults, a Kafka-style properties file, {@code KAFKA_<NAME>} environment variables for Kafka
 * properties ({@code KAFKA_COMMIT_INTERVAL_MS=500} is {@code commit.interval.ms}; names that are no
 * Kafka client or Streams property, such as {@code KAFKA_HEAP_OPTS}, are ignored),
 * {@code PAPERSTREAM_*} environment variables for the settings declared here
 * ({@link Setting#environmentVariable()}, e.g. {@code PAPERSTREAM_WINDOW_SIZE=12h}) and explicit
 * overrides (command-line {@code --set}). Keys of the file that are not declared here and do not
 * start with {@code paperstream.} are handed to Kafka Streams unchanged (e.g.
 * {@code commit.interval.ms}, {@code state.dir}); an unknown {@code paperstream.} key is an error,
 * so typos do not pass silently.
 */
public final class StreamsSettings {

    private static final Constraint<String> KAFKA_TOPIC_NAME = Constraint.matching(
            Pattern.compile("[a-zA-Z0-9._-]{1,249}"), "a Kafka topic name (letters, digits, '.', '_', '-')");

    public static final Setting<String> APPLICATION_ID = Setting.text("application.id")
            .defaultValue("paperstream")
            .doc("Kafka Streams application id: consumer group, prefix of internal topics and state directories.");
    public static final Setting<String> BOOTSTRAP_SERVERS = ConnectionSettings.BOOTSTRAP_SERVERS;
    public static final Setting<String> SCHEMA_REGISTRY_URL = ConnectionSettings.SCHEMA_REGISTRY_URL;
    public static final Setting<String> PROCESSING_GUARANTEE = Setting.text("processing.guarantee")
            .defaultValue(StreamsConfig.EXACTLY_ONCE_V2)
            .constraint(Constraint.oneOf(Set.of(StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE)))
            .doc("exactly_once_v2 keeps counts exact across crashes and restarts.");
    public static final Setting<Integer> NUM_STREAM_THREADS = Setting.integer("num.stream.threads")
            .defaultValue(1)
            .constraint(Constraint.atLeast(1))
            .doc("Stream threads of this instance.");
    public static final Setting<Integer> NUM_STANDBY_REPLICAS = Setting.integer("num.standby.replicas")
            .unsetMeans("0; under group.protocol=streams, the group's config as it is")
            .constraint(Constraint.atLeast(0))
            .doc("Warm standby copies of each state store on other instances, for fast fail-over (under"
                    + " group.protocol=streams, set at start as the group's streams.num.standby.replicas).");
    public static final Setting<String> GROUP_PROTOCOL = Setting.text("group.protocol")
            .defaultValue("classic")
            .constraint(Constraint.oneOf(Set.of("classic", "streams")))
            .doc(
                    "Rebalance protocol of the application's group. streams (brokers of Apache Kafka 4.2 or later) moves the"
                            + " tasks of a stopped instance or a failed stream thread at once, where classic waits for its"
                            + " session timeout (session.timeout.ms, 45 s); with streams the brokers keep the session timeout,"
                            + " the heartbeat interval and the standby replicas as group configs, set at start from"
                            + " session.timeout.ms, heartbeat.interval.ms and num.standby.replicas where these are set."
                            + " Changing it needs every instance stopped: the group changes protocol, with its committed"
                            + " offsets, once it is empty.");

    public static final Setting<String> KAFKA_TOPIC_RAW_PAPERS =
            kafkaTopic("raw", "papers.raw").doc("Input: PaperAbstract events keyed by paper id.");
    public static final Setting<String> KAFKA_TOPIC_ENRICHED_PAPERS =
            kafkaTopic("enriched", "papers.enriched").doc("EnrichedPaper per paper id (compacted).");
    public static final Setting<String> KAFKA_TOPIC_CLASSIFIED_PAPERS = kafkaTopic("classified", "papers.classified")
            .doc("ClassifiedPaper per paper id, latest version (compacted).");
    public static final Setting<String> KAFKA_TOPIC_TOPIC_COUNTS =
            kafkaTopic("counts", "topics.counts").doc("All-time TopicCount per topic (compacted).");
    public static final Setting<String> KAFKA_TOPIC_WINDOW_COUNTS =
            kafkaTopic("windowed", "topics.windowed").doc("Final TopicWindowCount per topic per closed window.");
    public static final Setting<String> KAFKA_TOPIC_WINDOW_COUNT_UPDATES = kafkaTopic(
                    "windowed-updates", "topics.windowed.updates")
            .doc(
                    "Early TopicWindowCount updates (final=false) of open windows, when paperstream.window.early-updates is on.");
    public static final Setting<String> KAFKA_TOPIC_TOPIC_TRENDS =
            kafkaTopic("trends-topics", "trends.topics").doc("TopicTrend: top rising topics per closed window.");
    public static final Setting<String> KAFKA_TOPIC_KEYWORD_TRENDS = kafkaTopic("trends-keywords", "trends.keywords")
            .doc("KeywordTrend: top rising keyphrases per closed window.");
    public static final Setting<String> KAFKA_TOPIC_DIGESTS =
            kafkaTopic("digests", "digests.daily").doc("DailyDigest per window, keyed by ISO day (compacted).");
    public static final Setting<String> KAFKA_TOPIC_ENGAGEMENT = kafkaTopic("engagement", "papers.engagement")
            .doc("Input: PaperEngagement observations (upvotes, GitHub stars, comments) keyed by paper id.");
    public static final Setting<String> KAFKA_TOPIC_TRENDING = kafkaTopic("trending", "papers.trending")
            .doc("TrendingPapers: the top papers by engagement velocity, whenever the ranking changes (compacted).");
    public static final Setting<String> KAFKA_TOPIC_DEAD_LETTERS = kafkaTopic("dlq", "papers.dlq")
            .doc("Dead letters: records that could not be read or processed, original bytes plus reason headers.");
    public static final Setting<Integer> KAFKA_TOPIC_PARTITIONS = Setting.integer("paperstream.topic.partitions")
            .defaultValue(1)
            .constraint(Constraint.atLeast(1))
            .doc("Partitions of the topics the application creates.");
    public static final Setting<Integer> KAFKA_TOPIC_REPLICATION = Setting.integer("paperstream.topic.replication")
            .defaultValue(1)
            .constraint(Constraint.atLeast(1))
            .doc("Replication factor of the topics the application creates, internal topics included.");
    public static final Setting<Long> KAFKA_TOPIC_RETENTION_MS = Setting.longInteger("paperstream.topic.retention.ms")
            .defaultValue(-1L)
            .constraint(Constraint.atLeast(-1L))
            .doc("retention.ms of the non-compacted topics it creates and of the windowed stores' changelogs; -1 keeps"
                    + " records forever (records carry the papers' publication times, so replayed history would otherwise"
                    + " be deleted at once).");
    public static final Setting<Boolean> KAFKA_TOPIC_CREATE = Setting.bool("paperstream.topic.create")
            .defaultValue(true)
            .doc("Create missing topics (with the partitions and replication above) before starting.");

    public static final Setting<Duration> EVENT_TIME_MAX_AHEAD = Setting.duration("paperstream.event-time.max-ahead")
            .defaultValue(Duration.ofMinutes(55))
            .constraint(Constraint.notNegative())
            .doc("How far ahead of this instance's clock a paper's publication time or an engagement observation's"
                    + " time may be; a record further ahead goes to the dead-letter topic. The brokers refuse records"
                    + " timestamped further ahead than message.timestamp.after.max.ms (1h by default): at start, the"
                    + " application lowers this to eleven twelfths of the least such limit of the topics it writes.");

    public static final Setting<Duration> EVENT_TIME_MAX_BEHIND = Setting.duration("paperstream.event-time.max-behind")
            .unsetMeans("any age")
            .constraint(Constraint.positive())
            .doc("How far behind this instance's clock a paper's publication time or an engagement observation's time"
                    + " may be; an older record goes to the dead-letter topic. The brokers refuse records timestamped"
                    + " further behind than message.timestamp.before.max.ms (no limit by default): at start, the"
                    + " application sets this to eleven twelfths of the least such limit of the topics it writes, when"
                    + " it is unset or longer.");

    public static final Setting<Integer> PAPER_MAX_BYTES = Setting.integer("paperstream.paper.max-bytes")
            .defaultValue(256 * 1024)
            .constraint(Constraint.atLeast(1024))
            .doc("Largest paper the pipeline takes, in UTF-8 bytes of its text (title, abstract, authors, links and the"
                    + " rest); a larger one goes to the dead-letter topic. The records made from a paper hold its text"
                    + " and up to its abstract again (the links found in it), and must fit the producer's"
                    + " max.request.size and the broker's message.max.bytes (1 MB by default); arXiv's abstracts are"
                    + " at most 1,920 characters.");

    public static final Setting<Duration> WINDOW_SIZE = Setting.duration("paperstream.window.size")
            .defaultValue(Duration.ofDays(1))
            .constraint(Constraint.positive())
            .doc("Size of the event-time windows of topics.windowed, trends and digests.");
    public static final Setting<Duration> WINDOW_ADVANCE = Setting.duration("paperstream.window.advance")
            .unsetMeans("same as paperstream.window.size, tumbling windows")
            .constraint(Constraint.positive())
            .doc("How far consecutive windows are apart (hopping windows when smaller than the size).");
    public static final Setting<Duration> WINDOW_GRACE = Setting.duration("paperstream.window.grace")
            .defaultValue(Duration.ofHours(1))
            .constraint(Constraint.notNegative())
            .doc(
                    "How long after a window ends late papers are still counted; the window closes at end + grace (in event time).");
    public static final Setting<Duration> WINDOW_SOURCE_IDLE = Setting.duration("paperstream.window.source-idle")
            .defaultValue(Duration.ofSeconds(30))
            .constraint(Constraint.positive())
            .doc("Windows close at the event time of the slowest partition of the raw topic still sending, so that a"
                    + " backlog drained from several partitions keeps every paper in its window; a partition that"
                    + " sent nothing for this long (a drained or quiet one) no longer holds windows open.");
    public static final Setting<Duration> WINDOW_RETENTION = Setting.duration("paperstream.window.retention")
            .unsetMeans("the last 60 windows: size + 59 x advance + grace")
            .constraint(Constraint.positive())
            .doc(
                    "How long (in event time) windowed counts, trends and digests stay queryable in the serving API; at least size + grace.");
    public static final Setting<Boolean> WINDOW_EARLY_UPDATES = Setting.bool("paperstream.window.early-updates")
            .defaultValue(false)
            .doc(
                    "Also publish every update of open windows to paperstream.topic.windowed-updates (for live dashboards).");

    public static final Setting<Integer> ROCKSDB_MEMORY_MB = Setting.integer("paperstream.rocksdb.memory-mb")
            .defaultValue(192)
            .constraint(Constraint.atLeast(16))
            .doc("Off-heap memory in MB of all RocksDB state stores of the JVM together: block cache, index and filter"
                    + " blocks and memtables (half of it at most). Unused when rocksdb.config.setter is set.");

    public static final Setting<Duration> COUNTS_FLUSH_INTERVAL = Setting.duration("paperstream.counts.flush-interval")
            .defaultValue(Duration.ofMillis(100))
            .constraint(Constraint.positive())
            .doc("How often each task hands its summed count changes (per topic and slice of event time) to the"
                    + " count stage: counts lag papers by up to this much (wall-clock time).");

    public static final Setting<Double> TRENDS_ALPHA = Setting.decimal("paperstream.trends.alpha")
            .defaultValue(0.1)
            .constraint(new Constraint<>(a -> a > 0 && a <= 1, "in (0, 1]"))
            .doc("Weight of the newest window in each key's exponentially weighted baseline.");
    public static final Setting<Long> TRENDS_MIN_COUNT = Setting.longInteger("paperstream.trends.min-count")
            .defaultValue(5L)
            .constraint(Constraint.atLeast(1L))
            .doc("Minimum papers in a window for a topic or keyphrase to be reported as rising.");
    public static final Setting<Double> TRENDS_MIN_SCORE = Setting.decimal("paperstream.trends.min-score")
            .defaultValue(3.0)
            .constraint(new Constraint<>(s -> !s.isNaN(), "a number"))
            .doc("Minimum rise score (count - baseline) / sqrt(max(variance, baseline) + 1) to be reported.");
    public static final Setting<Integer> TRENDS_MIN_BASELINE_WINDOWS = Setting.integer(
                    "paperstream.trends.min-baseline-windows")
            .defaultValue(5)
            .constraint(Constraint.atLeast(0))
            .doc("Windows of history needed before anything is reported (no baseline yet: nothing is a trend).");
    public static final Setting<Integer> TRENDS_TOP_N = Setting.integer("paperstream.trends.top-n")
            .defaultValue(10)
            .constraint(Constraint.atLeast(1))
            .doc("At most this many topics and this many keyphrases are reported per window.");
    public static final Setting<Duration> TRENDING_HORIZON = Setting.duration("paperstream.trending.horizon")
            .defaultValue(Duration.ofHours(24))
            .constraint(Constraint.positive())
            .doc("Engagement gains observed within this long before now count towards a paper's velocity.");
    public static final Setting<Duration> TRENDING_HALF_LIFE = Setting.duration("paperstream.trending.half-life")
            .defaultValue(Duration.ofHours(6))
            .constraint(Constraint.positive())
            .doc("A gain counts half as much towards a paper's velocity this long after it was observed.");
    public static final Setting<Integer> TRENDING_TOP_N = Setting.integer("paperstream.trending.top-n")
            .defaultValue(30)
            .constraint(Constraint.atLeast(1))
            .doc("Papers in each ranking of papers.trending.");
    public static final Setting<Integer> DIGEST_TOP_N = Setting.integer("paperstream.digest.top-n")
            .defaultValue(5)
            .constraint(Constraint.atLeast(1))
            .doc("Rising topics and rising keyphrases shown in each digest.");
    public static final Setting<Integer> DIGEST_PAPERS_PER_ENTRY = Setting.integer(
                    "paperstream.digest.papers-per-entry")
            .defaultValue(3)
            .constraint(Constraint.atLeast(1))
            .doc("Representative papers shown per digest entry.");
    public static final Setting<String> TAXONOMY_FILE = Setting.text("paperstream.taxonomy.file")
            .unsetMeans("the built-in default taxonomy")
            .doc("Taxonomy file to classify with.");
    public static final Setting<Boolean> HTTP_ENABLED = Setting.bool("paperstream.http.enabled")
            .defaultValue(true)
            .doc(
                    "Serve the API, the dashboard, /metrics and /health over HTTP (also what other instances forward queries to); "
                            + "false also keeps no search index, which only the API reads.");
    public static final Setting<String> HTTP_HOST = Setting.text("paperstream.http.host")
            .defaultValue("127.0.0.1")
            .doc("Address the HTTP server binds to; 0.0.0.0 serves every interface.");
    public static final Setting<Integer> HTTP_PORT = Setting.integer("paperstream.http.port")
            .defaultValue(8080)
            .constraint(Constraint.atLeast(0))
            .doc("Port of the HTTP server; 0 picks a free port.");
    public static final Setting<String> HTTP_ADVERTISED_HOST = Setting.text("paperstream.http.advertised-host")
            .unsetMeans("paperstream.http.host")
            .doc(
                    "Host name other instances reach this one at: with the port, its application.server for interactive queries.");
    public static final Setting<Duration> SHUTDOWN_TIMEOUT = Setting.duration("paperstream.shutdown.timeout")
            .defaultValue(Duration.ofSeconds(30))
            .constraint(Constraint.notNegative())
            .doc("How long a graceful shutdown may take.");

    /** Every setting above, in the order of the help text (collected after the last of them). */
    /** The name setting of every Kafka topic the application reads or writes, for runs that name their own. */
    public static final List<Setting<String>> KAFKA_TOPIC_NAMES = List.of(
            KAFKA_TOPIC_RAW_PAPERS,
            KAFKA_TOPIC_ENRICHED_PAPERS,
            KAFKA_TOPIC_CLASSIFIED_PAPERS,
            KAFKA_TOPIC_TOPIC_COUNTS,
            KAFKA_TOPIC_WINDOW_COUNTS,
            KAFKA_TOPIC_WINDOW_COUNT_UPDATES,
            KAFKA_TOPIC_TOPIC_TRENDS,
            KAFKA_TOPIC_KEYWORD_TRENDS,
            KAFKA_TOPIC_DIGESTS,
            KAFKA_TOPIC_ENGAGEMENT,
            KAFKA_TOPIC_TRENDING,
            KAFKA_TOPIC_DEAD_LETTERS);

    public static final SettingsDeclaration DECLARED = SettingsDeclaration.of(StreamsSettings.class);

    static final SettingsLoader LOADER = new SettingsLoader(DECLARED, kafkaProperties(), Map.of());

    private final SettingValues values;

    private StreamsSettings(SettingValues values) {
        this.values = values;
    }

    /** All defaults: a local broker and registry. */
    public static StreamsSettings defaults() {
        return load(null, Map.of(), Map.of());
    }

    /** Defaults plus the given values (as if written in a properties file), without environment. */
    public static StreamsSettings of(Map<String, String> values) {
        return load(null, Map.of(), values);
    }

    /**
     * Loads the settings.
     *
     * @param file a properties file, or {@code null} for none
     * @param environment environment variables (pass {@code System.getenv()})
     * @param overrides values that win over everything else (command-line {@code --set})
     * @throws SettingsException when a value is invalid or a {@code paperstream.} key is unknown
     */
    public static StreamsSettings load(Path file, Map<String, String> environment, Map<String, String> overrides) {
        StreamsSettings settings = new StreamsSettings(LOADER.load(file, environment, overrides));
        settings.checkCombinations();
        return settings;
    }

    private static Set<String> kafkaProperties() {
        Set<String> names = new HashSet<>(StreamsConfig.configDef().names());
        names.addAll(ConsumerConfig.configNames());
        names.addAll(ProducerConfig.configNames());
        names.addAll(AdminClientConfig.configNames());
        return names;
    }

    private void checkCombinations() {
        if (windowAdvance().compareTo(get(WINDOW_SIZE)) > 0) {
            throw new SettingsException(WINDOW_ADVANCE.name() + "=" + format(windowAdvance()) + " must be at most "
                    + WINDOW_SIZE.name() + "=" + format(get(WINDOW_SIZE)));
        }
        Duration sizeAndGrace = get(WINDOW_SIZE).plus(get(WINDOW_GRACE));
        if (windowRetention().compareTo(sizeAndGrace) < 0) {
            throw new SettingsException(WINDOW_RETENTION.name() + "=" + format(windowRetention()) + " must be at least "
                    + WINDOW_SIZE.name() + " + " + WINDOW_GRACE.name() + " = " + format(sizeAndGrace));
        }
    }

    private static String format(Duration duration) {
        return ValueType.DURATION.format(duration);
    }

    /** The value of a setting; {@code null} only for an optional setting left unset. */
    public <T> T get(Setting<T> setting) {
        return values.get(setting);
    }

    /** These settings with {@code setting} set to {@code value}, one the application works out as it starts. */
    public <T> StreamsSettings with(Setting<T> setting, T value) {
        StreamsSettings changed = new StreamsSettings(values.with(setting, value));
        changed.checkCombinations();
        return changed;
    }

    /** The window advance: the configured one, or the window size (tumbling windows). */
    public Duration windowAdvance() {
        Duration advance = get(WINDOW_ADVANCE);
        return advance == null ? get(WINDOW_SIZE) : advance;
    }

    /** The window retention: the configured one, or enough for the last 60 windows. */
    public Duration windowRetention() {
        Duration retention = get(WINDOW_RETENTION);
        return retention != null
                ? retention
                : get(WINDOW_SIZE).plus(windowAdvance().multipliedBy(59)).plus(get(WINDOW_GRACE));
    }

    /** The address other instances reach this one's HTTP server at, when it listens on {@code port}. */
    public String httpAdvertisedAddress(int port) {
        String host = get(HTTP_ADVERTISED_HOST);
        return (host != null ? host : get(HTTP_HOST)) + ":" + port;
    }

    /**
     * Topic configuration of the windowed stores' changelogs: the broker deletes their records by record time,
     * which is the papers' publication time, so Kafka Streams' default (the store's retention) would delete a
     * replay's old windows before a restore reads them.
     */
    public Map<String, String> windowedChangelogConfig() {
        return Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(get(KAFKA_TOPIC_RETENTION_MS)));
    }

    public WindowGrid windowGrid() {
        return WindowGrid.of(get(WINDOW_SIZE), windowAdvance());
    }

    public TrendParameters trendParameters() {
        return new TrendParameters(
                get(TRENDS_ALPHA),
                get(TRENDS_MIN_COUNT),
                get(TRENDS_MIN_SCORE),
                get(TRENDS_MIN_BASELINE_WINDOWS),
                get(TRENDS_TOP_N));
    }

    public VelocityParameters velocityParameters() {
        return new VelocityParameters(get(TRENDING_HORIZON), get(TRENDING_HALF_LIFE));
    }

    /** Keys not declared here, for Kafka Streams as they are. */
    public Map<String, String> kafkaPassThrough() {
        return values.kafkaPassThrough();
    }

    /**
     * Configuration of the Avro serdes: the registry URL and the pass-through keys, among them the registry client's
     * own ({@code basic.auth.*}, {@code schema.registry.ssl.truststore.*}); the serdes ignore the others.
     */
    public Map<String, Object> serdeConfig() {
        return ConnectionSettings.serdeConfig(values);
    }

    /**
     * The Kafka Streams configuration: the pass-through keys, then what the application relies on
     * (named internal resources, dead-letter handlers, replication of internal topics) on top.
     */
    @SuppressWarnings("deprecation")
    public Properties kafkaStreamsProperties() {
        Properties p = new Properties();
        p.putAll(kafkaPassThrough());
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, get(APPLICATION_ID));
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, get(BOOTSTRAP_SERVERS));
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, get(PROCESSING_GUARANTEE));
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, get(NUM_STREAM_THREADS));
        p.put(StreamsConfig.GROUP_PROTOCOL_CONFIG, get(GROUP_PROTOCOL));
        if (get(NUM_STANDBY_REPLICAS) != null && get(GROUP_PROTOCOL).equals("classic")) {
            // under the streams protocol the brokers keep it (GroupProtocol), and Kafka Streams warns that it ignores
            // it
            p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, get(NUM_STANDBY_REPLICAS));
        }
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, get(KAFKA_TOPIC_REPLICATION));
        p.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.OPTIMIZE);
        p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
        // Kafka 5.0's default, already deprecated as a setting; without it every start logs a warning
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        p.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, get(KAFKA_TOPIC_DEAD_LETTERS));
        // papers and engagement share tasks without needing each other's time: never wait for the quieter input
        // (the default 0 waits for a fetch of an empty partition, up to fetch.max.wait.ms behind every paper)
        p.putIfAbsent(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        // larger, compressed batches cut the broker's and the network thread's CPU per paper by half (README
        // Performance)
        ConnectionSettings.PAPER_BATCHES.forEach((key, value) -> putProducerDefault(p, key, value));
        // the stores' off-heap memory is bounded instead of growing with the papers on disk (unless the user
        // brings a setter of their own)
        p.putIfAbsent(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
        p.put(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG, get(ROCKSDB_MEMORY_MB) * 1024L * 1024L);
        return p;
    }

    /** Sets a producer setting unless the user set it, for every client ({@code key}) or for producers only. */
    private static void putProducerDefault(Properties p, String key, Object value) {
        if (!p.containsKey(key) && !p.containsKey(StreamsConfig.producerPrefix(key))) {
            p.put(StreamsConfig.producerPrefix(key), value);
        }
    }

    /** The topics the application reads and writes (the updates topic only when early updates are on). */
    public List<String> topics() {
        List<String> topics = new ArrayList<>(List.of(
                get(KAFKA_TOPIC_RAW_PAPERS),
                get(KAFKA_TOPIC_ENRICHED_PAPERS),
                get(KAFKA_TOPIC_CLASSIFIED_PAPERS),
                get(KAFKA_TOPIC_TOPIC_COUNTS),
                get(KAFKA_TOPIC_WINDOW_COUNTS),
                get(KAFKA_TOPIC_TOPIC_TRENDS),
                get(KAFKA_TOPIC_KEYWORD_TRENDS),
                get(KAFKA_TOPIC_DIGESTS),
                get(KAFKA_TOPIC_ENGAGEMENT),
                get(KAFKA_TOPIC_TRENDING),
                get(KAFKA_TOPIC_DEAD_LETTERS)));
        if (get(WINDOW_EARLY_UPDATES)) {
            topics.add(get(KAFKA_TOPIC_WINDOW_COUNT_UPDATES));
        }
        return topics;
    }

    /** Topics whose records are the latest state per key: created with cleanup.policy=compact. */
    public Set<String> compactedTopics() {
        return Set.of(
                get(KAFKA_TOPIC_ENRICHED_PAPERS),
                get(KAFKA_TOPIC_CLASSIFIED_PAPERS),
                get(KAFKA_TOPIC_TOPIC_COUNTS),
                get(KAFKA_TOPIC_DIGESTS),
                get(KAFKA_TOPIC_TRENDING));
    }

    /** The settings help: every key with its type, default, environment variable and description. */
    public static String describe() {
        return DECLARED.describe()
                + "Other keys (e.g. commit.interval.ms, state.dir) are passed to Kafka Streams as they are;\n"
                + "KAFKA_<NAME> environment variables set them too (KAFKA_COMMIT_INTERVAL_MS=500).\n";
    }

    private static Setting<String> kafkaTopic(String key, String defaultName) {
        return Setting.text("paperstream.topic." + key)
                .defaultValue(defaultName)
                .constraint(KAFKA_TOPIC_NAME);
    }
}
