package io.paperstream.producer;

import io.paperstream.registry.SchemaRegistryClientConfig;
import io.paperstream.serde.AvroSerdeConfig;
import io.paperstream.serde.KafkaAvroSerializer;
import io.paperstream.settings.ConnectionSettings;
import io.paperstream.settings.Constraint;
import io.paperstream.settings.Setting;
import io.paperstream.settings.SettingValues;
import io.paperstream.settings.SettingsDeclaration;
import io.paperstream.settings.SettingsException;
import io.paperstream.settings.SettingsLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The Kafka producer configuration of {@code produce}, loaded as every command loads its settings
 * ({@link SettingsLoader}), each layer overriding the ones before it:
 * <ol>
 *   <li>built-in defaults: idempotent, acks=all, lz4, linger 20 ms, 128 KiB batches, the client id,
 *       the local stack's broker and registry;</li>
 *   <li>a Kafka-style properties file ({@code --producer-config}): any producer property,
 *       plus the serde's keys ({@link #SERDE_KEYS});</li>
 *   <li>environment variables {@code KAFKA_<NAME>} of producer and serde properties;</li>
 *   <li>{@code PAPERSTREAM_BOOTSTRAP_SERVERS} and {@code PAPERSTREAM_SCHEMA_REGISTRY_URL};</li>
 *   <li>the command-line options {@code --bootstrap-servers} and {@code --schema-registry-url}.</li>
 * </ol>
 */
public final class ProducerSettings {

    public static final Setting<String> BOOTSTRAP_SERVERS = ConnectionSettings.BOOTSTRAP_SERVERS;
    public static final Setting<String> SCHEMA_REGISTRY_URL = ConnectionSettings.SCHEMA_REGISTRY_URL;

    private static final Constraint<String> HTTP_URL =
            Constraint.matching(Pattern.compile("https?://\\S+"), "an http or https URL");

    public static final Setting<String> ARXIV_API_URL = Setting.text("paperstream.arxiv.api.url")
            .defaultValue("https://export.arxiv.org/api/query")
            .constraint(HTTP_URL)
            .doc("arXiv's Atom API (--arxiv-query).");
    public static final Setting<String> ARXIV_FEED_URL = Setting.text("paperstream.arxiv.feed.url")
            .defaultValue("https://rss.arxiv.org")
            .constraint(HTTP_URL)
            .doc("Base of arXiv's new-submission feeds: <url>/rss/<category> (--arxiv-rss), <url>/atom/<category>"
                    + " (--arxiv-atom).");
    public static final Setting<String> ARXIV_OAI_URL = Setting.text("paperstream.arxiv.oai.url")
            .defaultValue("https://export.arxiv.org/oai2")
            .constraint(HTTP_URL)
            .doc("arXiv's OAI-PMH repository (--arxiv-oai).");
    public static final Setting<Duration> ARXIV_REQUEST_INTERVAL = Setting.duration(
                    "paperstream.arxiv.request.interval")
            .defaultValue(Duration.ofSeconds(3))
            .constraint(Constraint.notNegative())
            .doc("Least time between two requests to arXiv (its API's terms ask for 3 s).");
    public static final Setting<Integer> ARXIV_RETRIES = Setting.integer("paperstream.arxiv.retries")
            .defaultValue(5)
            .constraint(Constraint.atLeast(0))
            .doc("Retries of a request answered 503 or 429, each after its Retry-After.");
    public static final Setting<Duration> ARXIV_RETRY_MAX_WAIT = Setting.duration("paperstream.arxiv.retry.max-wait")
            .defaultValue(Duration.ofMinutes(5))
            .constraint(Constraint.notNegative())
            .doc("Longest wait before a retry, whatever Retry-After asks.");
    public static final Setting<Integer> ARXIV_PAGE_SIZE = Setting.integer("paperstream.arxiv.page-size")
            .defaultValue(100)
            .constraint(Constraint.atLeast(1))
            .doc("API results per request (arXiv allows up to 2000).");
    public static final Setting<Integer> ARXIV_MAX_PAGES = Setting.integer("paperstream.arxiv.max-pages")
            .defaultValue(10_000)
            .constraint(Constraint.atLeast(1))
            .doc("Pages per harvest and round at most; an OAI-PMH harvest cut short goes on from its resumption"
                    + " token in the next round or run.");
    public static final Setting<String> ARXIV_CONTACT = Setting.text("paperstream.arxiv.contact")
            .unsetMeans("the User-Agent names no contact")
            .doc("Your e-mail or URL, sent in the User-Agent (paperstream/<version> (mailto:<contact>)) as arXiv asks"
                    + " of harvesters.");
    public static final Setting<String> ARXIV_STATE_DIR = Setting.text("paperstream.arxiv.state.dir")
            .defaultValue(".paperstream/arxiv")
            .doc("Where arXiv harvests keep what they sent (<dir>/<topic>.json): papers with their versions and the"
                    + " harvests' positions.");

    /** Our own settings, read by produce itself and never handed to the Kafka producer. */
    private static final Set<Setting<?>> OWN = Set.of(
            ARXIV_API_URL,
            ARXIV_FEED_URL,
            ARXIV_OAI_URL,
            ARXIV_REQUEST_INTERVAL,
            ARXIV_RETRIES,
            ARXIV_RETRY_MAX_WAIT,
            ARXIV_PAGE_SIZE,
            ARXIV_MAX_PAGES,
            ARXIV_CONTACT,
            ARXIV_STATE_DIR);

    /** Keys of the Avro serde (Confluent's names), accepted beside the producer's own. */
    public static final Set<String> SERDE_KEYS = Set.of(
            SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG,
            AvroSerdeConfig.AUTO_REGISTER_SCHEMAS,
            AvroSerdeConfig.USE_LATEST_VERSION,
            SchemaRegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG,
            SchemaRegistryClientConfig.USER_INFO_CONFIG);

    /** Every setting above (collected after the last of them). */
    public static final SettingsDeclaration DECLARED = SettingsDeclaration.of(ProducerSettings.class);

    static final SettingsLoader LOADER = new SettingsLoader(DECLARED, kafkaProperties(), kafkaDefaults());

    private final SettingValues values;

    private ProducerSettings(SettingValues values) {
        this.values = values;
    }

    /** Defaults plus the given values (as if given on the command line), without file or environment. */
    public static ProducerSettings of(Map<String, String> values) {
        return load(null, Map.of(), values);
    }

    /**
     * Loads the settings.
     *
     * @param configFile the {@code --producer-config} file, or {@code null}
     * @param environment the environment variables
     * @param overrides values that win over everything else ({@code --bootstrap-servers}, {@code --schema-registry-url})
     * @throws SettingsException when a value is invalid or a {@code paperstream.} key is unknown
     * @throws java.io.UncheckedIOException when the file cannot be read
     */
    public static ProducerSettings load(
            Path configFile, Map<String, String> environment, Map<String, String> overrides) {
        return new ProducerSettings(LOADER.load(configFile, environment, overrides));
    }

    public <T> T get(Setting<T> setting) {
        return values.get(setting);
    }

    /** The configuration to create the producer with: every producer and serde property. */
    public Map<String, Object> kafkaProducerConfig() {
        Map<String, Object> config = new LinkedHashMap<>(values.kafkaPassThrough());
        for (Setting<?> setting : DECLARED.all()) {
            if (!OWN.contains(setting)) {
                config.put(setting.name(), get(setting));
            }
        }
        return config;
    }

    private static Set<String> kafkaProperties() {
        Set<String> names = new HashSet<>(ProducerConfig.configNames());
        names.addAll(SERDE_KEYS);
        return names;
    }

    /** What produce sets for Kafka properties it does not declare; the file, the environment and the command line override them. */
    private static Map<String, String> kafkaDefaults() {
        Map<String, String> defaults = new HashMap<>(ConnectionSettings.PAPER_BATCHES);
        defaults.putAll(Map.of(
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, "20",
                ProducerConfig.CLIENT_ID_CONFIG, "paperstream-produce",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, KafkaAvroSerializer.class.getName()));
        return defaults;
    }
}
