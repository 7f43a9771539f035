package io.paperstream.notify;

import io.paperstream.settings.ConnectionSettings;
import io.paperstream.settings.Constraint;
import io.paperstream.settings.Setting;
import io.paperstream.settings.SettingValues;
import io.paperstream.settings.SettingsDeclaration;
import io.paperstream.settings.SettingsException;
import io.paperstream.settings.SettingsLoader;
import io.paperstream.streams.StreamsSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The settings of {@code paperstream notify}, declared once like the streams application's
 * ({@link StreamsSettings}): where digests come from, where deliveries are recorded, who subscribes and
 * how mail is sent. Loaded the same way: defaults, a properties file, {@code KAFKA_*} and
 * {@code PAPERSTREAM_*} environment variables, {@code --set}; other keys go to the Kafka clients.
 */
public final class NotifySettings {

    public static final Setting<String> BOOTSTRAP_SERVERS = ConnectionSettings.BOOTSTRAP_SERVERS;
    public static final Setting<String> SCHEMA_REGISTRY_URL = ConnectionSettings.SCHEMA_REGISTRY_URL;
    /** The streams application's own key, so that one settings file serves both. */
    public static final Setting<String> DIGESTS_TOPIC = StreamsSettings.KAFKA_TOPIC_DIGESTS;

    public static final Setting<String> DELIVERIES_TOPIC = Setting.text("paperstream.notify.deliveries-topic")
            .defaultValue("notify.deliveries")
            .doc("Compacted topic of finished deliveries (digest day + subscriber), written in the same Kafka"
                    + " transaction as the consumer's offsets; created when missing.");
    public static final Setting<String> GROUP_ID = Setting.text("paperstream.notify.group-id")
            .defaultValue("paperstream-notify")
            .doc("Consumer group whose committed offsets say which digests were handled.");
    public static final Setting<String> TRANSACTIONAL_ID = Setting.text("paperstream.notify.transactional-id")
            .defaultValue("paperstream-notify")
            .doc("Transactional id of the deliveries producer: a restarted notify fences the one it replaces.");
    public static final Setting<String> SUBSCRIPTIONS_FILE = Setting.text("paperstream.notify.subscriptions")
            .unsetMeans("--subscriptions must name the file")
            .doc("Subscriptions file: one subscriber a line, 'address [topic,topic...]', '#' comments.");
    public static final Setting<Boolean> FROM_BEGINNING = Setting.bool("paperstream.notify.from-beginning")
            .defaultValue(false)
            .doc("On the group's first start, mail the digests already in the topic too (else only new ones).");
    public static final Setting<String> SMTP_HOST = Setting.text("paperstream.notify.smtp.host")
            .defaultValue("127.0.0.1")
            .doc("SMTP server host.");
    public static final Setting<Integer> SMTP_PORT = Setting.integer("paperstream.notify.smtp.port")
            .defaultValue(25)
            .constraint(Constraint.atLeast(1))
            .doc("SMTP server port (587 for submission with STARTTLS).");
    public static final Setting<Boolean> SMTP_STARTTLS = Setting.bool("paperstream.notify.smtp.starttls")
            .defaultValue(false)
            .doc("Require STARTTLS: refuse to send over a connection the server did not upgrade to TLS.");
    public static final Setting<String> SMTP_USERNAME = Setting.text("paperstream.notify.smtp.username")
            .unsetMeans("no authentication")
            .doc("SMTP AUTH user name.");
    public static final Setting<String> SMTP_PASSWORD = Setting.text("paperstream.notify.smtp.password")
            .unsetMeans("no authentication")
            .doc("SMTP AUTH password (better from PAPERSTREAM_NOTIFY_SMTP_PASSWORD than from a file).");
    public static final Setting<String> SMTP_FROM = Setting.text("paperstream.notify.smtp.from")
            .defaultValue("paperstream <digest@paperstream.localhost>")
            .doc("From address of the digest mails.");
    public static final Setting<Duration> SMTP_TIMEOUT = Setting.duration("paperstream.notify.smtp.timeout")
            .defaultValue(Duration.ofSeconds(30))
            .constraint(Constraint.positive())
            .doc("Bound of one SMTP attempt: connecting, each read and each write.");
    public static final Setting<Duration> RETRY_INITIAL = Setting.duration("paperstream.notify.retry.initial")
            .defaultValue(Duration.ofSeconds(1))
            .constraint(Constraint.positive())
            .doc("First wait before retrying an SMTP server that is down or answers 4xx; doubled each time.");
    public static final Setting<Duration> RETRY_MAX = Setting.duration("paperstream.notify.retry.max")
            .defaultValue(Duration.ofMinutes(5))
            .constraint(Constraint.positive())
            .doc("Longest wait between retries; retries never stop, so nothing is lost while the server is down.");

    public static final SettingsDeclaration DECLARED = SettingsDeclaration.of(NotifySettings.class);

    private static final SettingsLoader LOADER = new SettingsLoader(DECLARED, kafkaProperties(), Map.of());

    private final SettingValues values;

    private NotifySettings(SettingValues values) {
        this.values = values;
    }

    /**
     * Loads the settings.
     *
     * @param file a properties file, or {@code null} for none
     * @param environment environment variables (pass {@code System.getenv()})
     * @param overrides values that win over everything else (command-line {@code --set})
     * @throws SettingsException when a value is invalid or a {@code paperstream.} key is unknown
     */
    public static NotifySettings load(Path file, Map<String, String> environment, Map<String, String> overrides) {
        return new NotifySettings(LOADER.load(file, environment, overrides));
    }

    /** Defaults plus the given values (as if written in a properties file), without environment. */
    public static NotifySettings of(Map<String, String> values) {
        return load(null, Map.of(), values);
    }

    /** The value of a setting; {@code null} only for an optional setting left unset. */
    public <T> T get(Setting<T> setting) {
        return values.get(setting);
    }

    /** Keys not declared here, for the Kafka clients as they are (security settings, for one). */
    public Map<String, String> kafkaPassThrough() {
        return values.kafkaPassThrough();
    }

    /** Configuration of the Avro serde: the registry URL and the pass-through keys (the registry client's among them). */
    public Map<String, Object> serdeConfig() {
        return ConnectionSettings.serdeConfig(values);
    }

    /** The settings help: every key with its type, default, environment variable and description. */
    public static String describe() {
        return DECLARED.describe()
                + "Other keys (e.g. security.protocol) are passed to the Kafka clients as they are;\n"
                + "KAFKA_<NAME> environment variables set them too.\n";
    }

    private static Set<String> kafkaProperties() {
        Set<String> names = new HashSet<>(ConsumerConfig.configNames());
        names.addAll(ProducerConfig.configNames());
        return names;
    }
}
