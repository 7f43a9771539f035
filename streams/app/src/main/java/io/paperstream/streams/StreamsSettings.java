package io.paperstream.streams;

import io.paperstream.settings.SettingsException;
import io.paperstream.settings.Setting;
import io.paperstream.trends.TrendParameters;
import io.paperstream.trends.WindowGrid;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The settings of the paperstream streams application, declared once: every option is one typed
 * {@link Setting} constant below, with its key, default and description.
 *
 * <p>Values come from, in increasing precedence: the defaults, a Kafka-style properties file,
 * {@code KAFKA_<NAME>} environment variables for Kafka properties (as for the producer:
 * {@code KAFKA_COMMIT_INTERVAL_MS=500} is {@code commit.interval.ms}; {@code _} reads as
 * {@code .}, {@code __} as {@code -}, {@code ___} as {@code _}; names that are no Kafka client or
 * Streams property, such as {@code KAFKA_HEAP_OPTS}, are ignored), {@code PAPERSTREAM_*}
 * environment variables for the settings declared here ({@link Setting#environmentVariable()},
 * e.g. {@code PAPERSTREAM_WINDOW_SIZE=12h}) and explicit overrides (command-line {@code --set}). Keys
 * of the file that are not declared here and do not start with {@code paperstream.} are handed
 * to Kafka Streams unchanged (e.g. {@code commit.interval.ms}, {@code state.dir}); an unknown
 * {@code paperstream.} key is an error, so typos do not pass silently.
 */
public final class StreamsSettings {

    private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    public static final Setting<String> APPLICATION_ID = Setting.text("application.id", "paperstream",
            "Kafka Streams application id: consumer group, prefix of internal topics and state directories.");
    public static final Setting<String> BOOTSTRAP_SERVERS = Setting.text("bootstrap.servers", "127.0.0.1:9092",
            "Kafka brokers to connect to.");
    public static final Setting<String> SCHEMA_REGISTRY_URL = Setting.text("schema.registry.url",
            "http://127.0.0.1:8081/apis/ccompat/v7",
            "Confluent-compatible schema registry API (mock://scope for an in-memory registry in tests).");
    public static final Setting<String> PROCESSING_GUARANTEE = Setting.choice("processing.guarantee",
            StreamsConfig.EXACTLY_ONCE_V2, Set.of(StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE),
            "exactly_once_v2 keeps counts exact across crashes and restarts.");
    public static final Setting<Integer> NUM_STREAM_THREADS = Setting.integer("num.stream.threads", 1, 1,
            "Stream threads of this instance.");
    public static final Setting<Integer> NUM_STANDBY_REPLICAS = Setting.integer("num.standby.replicas", 0, 0,
            "Warm standby copies of each state store on other instances, for fast fail-over.");

    public static final Setting<String> KAFKA_TOPIC_RAW_PAPERS = kafkaTopic("raw", "papers.raw", "Input: PaperAbstract events keyed by paper id.");
    public static final Setting<String> KAFKA_TOPIC_ENRICHED_PAPERS = kafkaTopic("enriched", "papers.enriched", "EnrichedPaper per paper id (compacted).");
    public static final Setting<String> KAFKA_TOPIC_CLASSIFIED_PAPERS = kafkaTopic("classified", "papers.classified",
            "ClassifiedPaper per paper id, latest version (compacted).");
    public static final Setting<String> KAFKA_TOPIC_TOPIC_COUNTS = kafkaTopic("counts", "topics.counts", "All-time TopicCount per topic (compacted).");
    public static final Setting<String> KAFKA_TOPIC_WINDOW_COUNTS = kafkaTopic("windowed", "topics.windowed",
            "Final TopicWindowCount per topic per closed window.");
    public static final Setting<String> KAFKA_TOPIC_WINDOW_COUNT_UPDATES = kafkaTopic("windowed-updates", "topics.windowed.updates",
            "Early TopicWindowCount updates (final=false) of open windows, when paperstream.window.early-updates is on.");
    public static final Setting<String> KAFKA_TOPIC_TOPIC_TRENDS = kafkaTopic("trends-topics", "trends.topics", "TopicTrend: top rising topics per closed window.");
    public static final Setting<String> KAFKA_TOPIC_KEYWORD_TRENDS = kafkaTopic("trends-keywords", "trends.keywords",
            "KeywordTrend: top rising keyphrases per closed window.");
    public static final Setting<String> KAFKA_TOPIC_DIGESTS = kafkaTopic("digests", "digests.daily", "DailyDigest per window, keyed by ISO day (compacted).");
    public static final Setting<String> KAFKA_TOPIC_DEAD_LETTERS = kafkaTopic("dlq", "papers.dlq",
            "Dead letters: records that could not be read or processed, original bytes plus reason headers.");
    public static final Setting<Integer> KAFKA_TOPIC_PARTITIONS = Setting.integer("paperstream.topic.partitions", 1, 1,
            "Partitions of the topics the application creates.");
    public static final Setting<Integer> KAFKA_TOPIC_REPLICATION = Setting.integer("paperstream.topic.replication", 1, 1,
            "Replication factor of the topics the application creates, internal topics included.");
    public static final Setting<Long> KAFKA_TOPIC_RETENTION_MS = Setting.longInteger("paperstream.topic.retention.ms", -1L, -1L,
            "retention.ms of the non-compacted topics it creates and of the windowed counts' changelogs; -1 keeps"
                    + " records forever (records carry the papers' publication times, so replayed history would otherwise"
                    + " be deleted at once).");
    public static final Setting<Boolean> KAFKA_TOPIC_CREATE = Setting.bool("paperstream.topic.create", true,
            "Create missing topics (with the partitions and replication above) before starting.");

    public static final Setting<Duration> WINDOW_SIZE = Setting.positiveDuration("paperstream.window.size", Duration.ofDays(1),
            "Size of the event-time windows of topics.windowed, trends and digests.");
    public static final Setting<Duration> WINDOW_ADVANCE = Setting.optionalDuration("paperstream.window.advance",
            "same as paperstream.window.size, tumbling windows", "How far consecutive windows are apart (hopping windows when smaller than the size).");
    public static final Setting<Duration> WINDOW_GRACE = Setting.duration("paperstream.window.grace", Duration.ofHours(1),
            "How long after a window ends late papers are still counted; the window closes at end + grace (in event time).");
    public static final Setting<Duration> WINDOW_RETENTION = Setting.optionalDuration("paperstream.window.retention",
            "the last 60 windows: size + 59 x advance + grace",
            "How long (in event time) windowed counts, trends and digests stay queryable in the serving API; at least size + grace.");
    public static final Setting<Boolean> WINDOW_EARLY_UPDATES = Setting.bool("paperstream.window.early-updates", false,
            "Also publish every update of open windows to paperstream.topic.windowed-updates (for live dashboards).");

    public static final Setting<Double> TRENDS_ALPHA = Setting.decimal("paperstream.trends.alpha", 0.1, a -> a > 0 && a <= 1,
            "in (0, 1]", "Weight of the newest window in each key's exponentially weighted baseline.");
    public static final Setting<Long> TRENDS_MIN_COUNT = Setting.longInteger("paperstream.trends.min-count", 5L, 1L,
            "Minimum papers in a window for a topic or keyphrase to be reported as rising.");
    public static final Setting<Double> TRENDS_MIN_SCORE = Setting.decimal("paperstream.trends.min-score", 3.0, s -> !s.isNaN(),
            "a number", "Minimum rise score (count - baseline) / sqrt(max(variance, baseline) + 1) to be reported.");
    public static final Setting<Integer> TRENDS_MIN_BASELINE_WINDOWS = Setting.integer("paperstream.trends.min-baseline-windows", 5, 0,
            "Windows of history needed before anything is reported (no baseline yet: nothing is a trend).");
    public static final Setting<Integer> TRENDS_TOP_N = Setting.integer("paperstream.trends.top-n", 10, 1,
            "At most this many topics and this many keyphrases are reported per window.");
    public static final Setting<Integer> DIGEST_TOP_N = Setting.integer("paperstream.digest.top-n", 5, 1,
            "Rising topics and rising keyphrases shown in each digest.");
    public static final Setting<Integer> DIGEST_PAPERS_PER_ENTRY = Setting.integer("paperstream.digest.papers-per-entry", 3, 1,
            "Representative papers shown per digest entry.");
    public static final Setting<String> TAXONOMY_FILE = Setting.optionalText("paperstream.taxonomy.file",
            "the built-in default taxonomy", "Taxonomy file to classify with.");
    public static final Setting<Boolean> HTTP_ENABLED = Setting.bool("paperstream.http.enabled", true,
            "Serve the API, the dashboard, /metrics and /health over HTTP (also what other instances forward queries to).");
    public static final Setting<String> HTTP_HOST = Setting.text("paperstream.http.host", "127.0.0.1",
            "Address the HTTP server binds to; 0.0.0.0 serves every interface.");
    public static final Setting<Integer> HTTP_PORT = Setting.integer("paperstream.http.port", 8080, 0,
            "Port of the HTTP server; 0 picks a free port.");
    public static final Setting<String> HTTP_ADVERTISED_HOST = Setting.optionalText("paperstream.http.advertised-host",
            "paperstream.http.host",
            "Host name other instances reach this one at: with the port, its application.server for interactive queries.");
    public static final Setting<Duration> SHUTDOWN_TIMEOUT = Setting.duration("paperstream.shutdown.timeout", Duration.ofSeconds(30),
            "How long a graceful shutdown may take.");

    /** Every setting, in the order of the help text. */
    public static final List<Setting<?>> ALL = List.of(
            APPLICATION_ID, BOOTSTRAP_SERVERS, SCHEMA_REGISTRY_URL, PROCESSING_GUARANTEE, NUM_STREAM_THREADS,
            NUM_STANDBY_REPLICAS,
            KAFKA_TOPIC_RAW_PAPERS, KAFKA_TOPIC_ENRICHED_PAPERS, KAFKA_TOPIC_CLASSIFIED_PAPERS, KAFKA_TOPIC_TOPIC_COUNTS, KAFKA_TOPIC_WINDOW_COUNTS, KAFKA_TOPIC_WINDOW_COUNT_UPDATES,
            KAFKA_TOPIC_TOPIC_TRENDS, KAFKA_TOPIC_KEYWORD_TRENDS, KAFKA_TOPIC_DIGESTS, KAFKA_TOPIC_DEAD_LETTERS, KAFKA_TOPIC_PARTITIONS, KAFKA_TOPIC_REPLICATION,
            KAFKA_TOPIC_RETENTION_MS, KAFKA_TOPIC_CREATE,
            WINDOW_SIZE, WINDOW_ADVANCE, WINDOW_GRACE, WINDOW_RETENTION, WINDOW_EARLY_UPDATES,
            TRENDS_ALPHA, TRENDS_MIN_COUNT, TRENDS_MIN_SCORE, TRENDS_MIN_BASELINE_WINDOWS, TRENDS_TOP_N,
            DIGEST_TOP_N, DIGEST_PAPERS_PER_ENTRY, TAXONOMY_FILE,
            HTTP_ENABLED, HTTP_HOST, HTTP_PORT, HTTP_ADVERTISED_HOST, SHUTDOWN_TIMEOUT);

    private static final Map<String, Setting<?>> BY_NAME = byName();
    private static final String KAFKA_ENV_PREFIX = "KAFKA_";
    private static final Set<String> KAFKA_PROPERTIES = kafkaProperties();

    private final Map<Setting<?>, Object> values;
    private final Map<String, String> kafkaPassThrough;

    private StreamsSettings(Map<Setting<?>, Object> values, Map<String, String> kafkaPassThrough) {
        this.values = values;
        this.kafkaPassThrough = kafkaPassThrough;
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
        Map<String, String> raw = new LinkedHashMap<>();
        Map<String, String> origin = new HashMap<>();
        if (file != null) {
            readFile(file).forEach((k, v) -> {
                raw.put(k, v);
                origin.put(k, "in " + file);
            });
        }
        environment.forEach((variable, value) -> kafkaPropertyOf(variable).ifPresent(property -> {
            raw.put(property, value);
            origin.put(property, "from environment variable " + variable);
        }));
        for (Setting<?> setting : ALL) {
            String value = environment.get(setting.environmentVariable());
            if (value != null) {
                raw.put(setting.name(), value);
                origin.put(setting.name(), "from environment variable " + setting.environmentVariable());
            }
        }
        overrides.forEach((k, v) -> {
            raw.put(k, v);
            origin.put(k, "from override");
        });

        Map<Setting<?>, Object> values = new HashMap<>();
        Map<String, String> passThrough = new TreeMap<>();
        for (Setting<?> setting : ALL) {
            String value = raw.get(setting.name());
            Object parsed = value == null || value.isBlank() && setting.defaultValue() == null
                    ? setting.defaultValue()
                    : setting.parse(value, origin.get(setting.name()));
            if (parsed != null) {
                values.put(setting, parsed);
            }
        }
        raw.forEach((k, v) -> {
            if (BY_NAME.containsKey(k)) {
                return;
            }
            if (k.startsWith("paperstream.")) {
                throw new SettingsException("unknown setting " + k + " (" + origin.get(k) + "); see the settings help");
            }
            passThrough.put(k, v);
        });
        StreamsSettings settings = new StreamsSettings(values, Collections.unmodifiableMap(passThrough));
        settings.checkCombinations();
        return settings;
    }

    /**
     * The Kafka property a {@code KAFKA_<NAME>} environment variable sets, when {@code <NAME>}
     * spells a Kafka Streams, client or declared property.
     */
    static Optional<String> kafkaPropertyOf(String variable) {
        if (!variable.startsWith(KAFKA_ENV_PREFIX)) {
            return Optional.empty();
        }
        String name = variable.substring(KAFKA_ENV_PREFIX.length()).toLowerCase(Locale.ROOT);
        StringBuilder property = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); ) {
            int run = 0;
            while (i + run < name.length() && name.charAt(i + run) == '_') {
                run++;
            }
            if (run == 0) {
                property.append(name.charAt(i++));
                continue;
            }
            if (run > 3) {
                return Optional.empty();
            }
            property.append(".-_".charAt(run - 1));
            i += run;
        }
        String key = property.toString();
        return KAFKA_PROPERTIES.contains(key) ? Optional.of(key) : Optional.empty();
    }

    private static Set<String> kafkaProperties() {
        Set<String> names = new HashSet<>(StreamsConfig.configDef().names());
        names.addAll(ConsumerConfig.configNames());
        names.addAll(ProducerConfig.configNames());
        names.addAll(AdminClientConfig.configNames());
        ALL.stream().map(Setting::name).filter(n -> !n.startsWith("paperstream.")).forEach(names::add);
        return Set.copyOf(names);
    }

    private static Map<String, String> readFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read settings file " + file, e);
        }
        Map<String, String> map = new TreeMap<>();
        properties.stringPropertyNames().forEach(k -> map.put(k, properties.getProperty(k)));
        return map;
    }

    private void checkCombinations() {
        if (windowAdvance().compareTo(get(WINDOW_SIZE)) > 0) {
            throw new SettingsException(WINDOW_ADVANCE.name() + "=" + Setting.format(windowAdvance()) + " must be at most "
                    + WINDOW_SIZE.name() + "=" + Setting.format(get(WINDOW_SIZE)));
        }
        Duration sizeAndGrace = get(WINDOW_SIZE).plus(get(WINDOW_GRACE));
        if (windowRetention().compareTo(sizeAndGrace) < 0) {
            throw new SettingsException(WINDOW_RETENTION.name() + "=" + Setting.format(windowRetention()) + " must be at least "
                    + WINDOW_SIZE.name() + " + " + WINDOW_GRACE.name() + " = " + Setting.format(sizeAndGrace));
        }
    }

    /** The value of a setting; {@code null} only for an optional setting left unset. */
    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        return (T) values.get(setting);
    }

    /** The window advance: the configured one, or the window size (tumbling windows). */
    public Duration windowAdvance() {
        Duration advance = get(WINDOW_ADVANCE);
        return advance == null ? get(WINDOW_SIZE) : advance;
    }

    /** The window retention: the configured one, or enough for the last 60 windows. */
    public Duration windowRetention() {
        Duration retention = get(WINDOW_RETENTION);
        return retention != null ? retention : get(WINDOW_SIZE).plus(windowAdvance().multipliedBy(59)).plus(get(WINDOW_GRACE));
    }

    /** The address other instances reach this one's HTTP server at, when it listens on {@code port}. */
    public String httpAdvertisedAddress(int port) {
        String host = get(HTTP_ADVERTISED_HOST);
        return (host != null ? host : get(HTTP_HOST)) + ":" + port;
    }

    public WindowGrid windowGrid() {
        return WindowGrid.of(get(WINDOW_SIZE), windowAdvance());
    }

    public TrendParameters trendParameters() {
        return new TrendParameters(get(TRENDS_ALPHA), get(TRENDS_MIN_COUNT), get(TRENDS_MIN_SCORE),
                get(TRENDS_MIN_BASELINE_WINDOWS), get(TRENDS_TOP_N));
    }

    /** Keys not declared here, for Kafka Streams as they are. */
    public Map<String, String> kafkaPassThrough() {
        return kafkaPassThrough;
    }

    /** Configuration of the Avro serdes. */
    public Map<String, Object> serdeConfig() {
        return Map.of(SCHEMA_REGISTRY_URL.name(), get(SCHEMA_REGISTRY_URL));
    }

    /**
     * The Kafka Streams configuration: the pass-through keys, then what the application relies on
     * (named internal resources, dead-letter handlers, replication of internal topics) on top.
     */
    @SuppressWarnings("deprecation")
    public Properties kafkaStreamsProperties() {
        Properties p = new Properties();
        p.putAll(kafkaPassThrough);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, get(APPLICATION_ID));
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, get(BOOTSTRAP_SERVERS));
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, get(PROCESSING_GUARANTEE));
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, get(NUM_STREAM_THREADS));
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, get(NUM_STANDBY_REPLICAS));
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, get(KAFKA_TOPIC_REPLICATION));
        p.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.OPTIMIZE);
        p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
        // Kafka 5.0's default, already deprecated as a setting; without it every start logs a warning
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        p.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, get(KAFKA_TOPIC_DEAD_LETTERS));
        return p;
    }

    /** The topics the application reads and writes (the updates topic only when early updates are on). */
    public List<String> topics() {
        List<String> topics = new ArrayList<>(List.of(get(KAFKA_TOPIC_RAW_PAPERS), get(KAFKA_TOPIC_ENRICHED_PAPERS), get(KAFKA_TOPIC_CLASSIFIED_PAPERS),
                get(KAFKA_TOPIC_TOPIC_COUNTS), get(KAFKA_TOPIC_WINDOW_COUNTS), get(KAFKA_TOPIC_TOPIC_TRENDS), get(KAFKA_TOPIC_KEYWORD_TRENDS),
                get(KAFKA_TOPIC_DIGESTS), get(KAFKA_TOPIC_DEAD_LETTERS)));
        if (get(WINDOW_EARLY_UPDATES)) {
            topics.add(get(KAFKA_TOPIC_WINDOW_COUNT_UPDATES));
        }
        return topics;
    }

    /** Topics whose records are the latest state per key: created with cleanup.policy=compact. */
    public Set<String> compactedTopics() {
        return Set.of(get(KAFKA_TOPIC_ENRICHED_PAPERS), get(KAFKA_TOPIC_CLASSIFIED_PAPERS), get(KAFKA_TOPIC_TOPIC_COUNTS), get(KAFKA_TOPIC_DIGESTS));
    }

    /** The settings help: every key with its type, default, environment variable and description. */
    public static String describe() {
        StringBuilder out = new StringBuilder();
        for (Setting<?> s : ALL) {
            out.append(s.name()).append(" (").append(s.type());
            if (s.constraintText() != null) {
                out.append(", ").append(s.constraintText());
            }
            out.append(")\n    default: ").append(s.defaultText())
                    .append("\n    env:     ").append(s.environmentVariable())
                    .append("\n    ").append(s.description()).append("\n");
        }
        out.append("Other keys (e.g. commit.interval.ms, state.dir) are passed to Kafka Streams as they are;\n"
                + "KAFKA_<NAME> environment variables set them too (KAFKA_COMMIT_INTERVAL_MS=500).\n");
        return out.toString();
    }

    private static Setting<String> kafkaTopic(String key, String defaultName, String description) {
        return Setting.matching("paperstream.topic." + key, defaultName, TOPIC_NAME,
                "a Kafka topic name (letters, digits, '.', '_', '-')", description);
    }

    private static Map<String, Setting<?>> byName() {
        Map<String, Setting<?>> map = new HashMap<>();
        for (Setting<?> s : ALL) {
            if (map.put(s.name(), s) != null) {
                throw new IllegalStateException("setting declared twice: " + s.name());
            }
        }
        return Map.copyOf(map);
    }
}
