package io.paperstream.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.CaseInsensitiveValidString;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * How to reach a schema registry, under the configuration keys of Confluent's client so that an
 * existing client configuration works unchanged: {@value #SCHEMA_REGISTRY_URL_CONFIG},
 * {@value #BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG}, {@value #USER_INFO_CONFIG},
 * {@value #HTTP_CONNECT_TIMEOUT_MS_CONFIG}, {@value #HTTP_READ_TIMEOUT_MS_CONFIG},
 * {@value #LATEST_CACHE_TTL_CONFIG}, and for an https registry whose certificate the JVM does not trust
 * {@value #SSL_TRUSTSTORE_LOCATION_CONFIG}, {@value #SSL_TRUSTSTORE_PASSWORD_CONFIG},
 * {@value #SSL_TRUSTSTORE_TYPE_CONFIG}. Other keys in the map are ignored.
 */
public class SchemaRegistryClientConfig extends AbstractConfig {

    public static final String SCHEMA_REGISTRY_URL_CONFIG = "schema.registry.url";
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG = "basic.auth.credentials.source";
    public static final String USER_INFO_CONFIG = "basic.auth.user.info";
    public static final String HTTP_CONNECT_TIMEOUT_MS_CONFIG = "http.connect.timeout.ms";
    public static final String HTTP_READ_TIMEOUT_MS_CONFIG = "http.read.timeout.ms";
    public static final String LATEST_CACHE_TTL_CONFIG = "latest.cache.ttl.sec";
    public static final String SSL_TRUSTSTORE_LOCATION_CONFIG = "schema.registry.ssl.truststore.location";
    public static final String SSL_TRUSTSTORE_PASSWORD_CONFIG = "schema.registry.ssl.truststore.password";
    public static final String SSL_TRUSTSTORE_TYPE_CONFIG = "schema.registry.ssl.truststore.type";

    /** The URL scheme that selects a shared {@link InMemorySchemaRegistryClient} scope, as in Confluent. */
    public static final String MOCK_URL_PREFIX = "mock://";

    /** Where the HTTP Basic credentials come from ({@value #BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG}). */
    public enum CredentialsSource {
        /** The user info of each URL (http://user:password@host:port); no authentication without one. */
        URL,
        /** The {@value #USER_INFO_CONFIG} setting, "user:password", for every URL. */
        USER_INFO
    }

    public SchemaRegistryClientConfig(Map<?, ?> originals) {
        super(configDef(), originals, false);
    }

    protected SchemaRegistryClientConfig(ConfigDef definition, Map<?, ?> originals) {
        super(definition, originals, false);
    }

    /** The definition of the client keys; serde configurations extend it. */
    public static ConfigDef configDef() {
        return withTruststore(new ConfigDef()
                .define(
                        SCHEMA_REGISTRY_URL_CONFIG,
                        Type.LIST,
                        null,
                        Importance.HIGH,
                        "Comma-separated URLs of the schema registry (its Confluent-compatible API root, e.g. "
                                + "http://127.0.0.1:8081/apis/ccompat/v7); tried in order until one answers. "
                                + "mock://<scope> selects an in-memory registry shared by everything configured with that scope.")
                .define(
                        BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG,
                        Type.STRING,
                        CredentialsSource.URL.name(),
                        CaseInsensitiveValidString.in(CredentialsSource.URL.name(), CredentialsSource.USER_INFO.name()),
                        Importance.MEDIUM,
                        "Where HTTP Basic credentials come from: URL (user info in each URL) or USER_INFO ("
                                + USER_INFO_CONFIG + ").")
                .define(
                        USER_INFO_CONFIG,
                        Type.PASSWORD,
                        "",
                        Importance.MEDIUM,
                        "user:password for HTTP Basic authentication when " + BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG
                                + "=USER_INFO.")
                .define(
                        HTTP_CONNECT_TIMEOUT_MS_CONFIG,
                        Type.INT,
                        10_000,
                        Range.atLeast(1),
                        Importance.LOW,
                        "How long to wait for a TCP connection to one registry URL before trying the next.")
                .define(
                        HTTP_READ_TIMEOUT_MS_CONFIG,
                        Type.INT,
                        30_000,
                        Range.atLeast(1),
                        Importance.LOW,
                        "How long to wait for the answer to one request before trying the next URL.")
                .define(
                        LATEST_CACHE_TTL_CONFIG,
                        Type.LONG,
                        -1L,
                        Importance.LOW,
                        "Seconds a subject's latest version stays cached: negative keeps it until this client "
                                + "registers or deletes in that subject, 0 disables the cache."));
    }

    /** The keys of an https registry's truststore, Confluent's. */
    private static ConfigDef withTruststore(ConfigDef definition) {
        return definition
                .define(
                        SSL_TRUSTSTORE_LOCATION_CONFIG,
                        Type.STRING,
                        "",
                        Importance.MEDIUM,
                        "Truststore of the certificates an https registry may present; empty: the JVM's default.")
                .define(
                        SSL_TRUSTSTORE_PASSWORD_CONFIG,
                        Type.PASSWORD,
                        "",
                        Importance.MEDIUM,
                        "Password of " + SSL_TRUSTSTORE_LOCATION_CONFIG + ".")
                .define(
                        SSL_TRUSTSTORE_TYPE_CONFIG,
                        Type.STRING,
                        "PKCS12",
                        Importance.LOW,
                        "Type of " + SSL_TRUSTSTORE_LOCATION_CONFIG + " (PKCS12 or JKS).");
    }

    /**
     * The configured registry URLs, trimmed, without trailing slashes.
     *
     * @throws ConfigException naming {@value #SCHEMA_REGISTRY_URL_CONFIG} when none is set
     */
    public List<String> urls() {
        List<String> urls = getList(SCHEMA_REGISTRY_URL_CONFIG);
        if (urls == null || urls.stream().allMatch(String::isBlank)) {
            throw new ConfigException("Missing required configuration \"" + SCHEMA_REGISTRY_URL_CONFIG
                    + "\" which has no default value.");
        }
        return urls.stream()
                .map(String::trim)
                .filter(url -> !url.isEmpty())
                .map(SchemaRegistryClientConfig::withoutTrailingSlash)
                .toList();
    }

    private static String withoutTrailingSlash(String url) {
        String result = url;
        while (result.endsWith("/") && !result.endsWith("://")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }

    /**
     * The scope when the URL is {@code mock://<scope>}; empty for real registries.
     *
     * @throws ConfigException when a mock URL is mixed with others
     */
    public Optional<String> mockScope() {
        List<String> urls = urls();
        List<String> mocks = urls.stream()
                .filter(url -> url.toLowerCase(Locale.ROOT).startsWith(MOCK_URL_PREFIX))
                .toList();
        if (mocks.isEmpty()) {
            return Optional.empty();
        }
        if (urls.size() > 1) {
            throw new ConfigException(
                    SCHEMA_REGISTRY_URL_CONFIG, String.join(",", urls), "a mock:// URL must be the only URL");
        }
        return Optional.of(mocks.get(0).substring(MOCK_URL_PREFIX.length()));
    }

    public CredentialsSource credentialsSource() {
        return CredentialsSource.valueOf(
                getString(BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG).toUpperCase(Locale.ROOT));
    }

    /**
     * The "user:password" of {@value #USER_INFO_CONFIG}.
     *
     * @throws ConfigException naming the key when it is empty or has no colon
     */
    public String userInfo() {
        Password password = getPassword(USER_INFO_CONFIG);
        String userInfo = password == null ? "" : password.value();
        if (userInfo.isEmpty() || !userInfo.contains(":")) {
            throw new ConfigException(
                    USER_INFO_CONFIG,
                    password,
                    "must be user:password when " + BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG + "="
                            + CredentialsSource.USER_INFO);
        }
        return userInfo;
    }

    public Duration connectTimeout() {
        return Duration.ofMillis(getInt(HTTP_CONNECT_TIMEOUT_MS_CONFIG));
    }

    public Duration readTimeout() {
        return Duration.ofMillis(getInt(HTTP_READ_TIMEOUT_MS_CONFIG));
    }

    /**
     * The TLS context that trusts the certificates of {@value #SSL_TRUSTSTORE_LOCATION_CONFIG}; empty when none is
     * set (the JVM's default trust).
     *
     * @throws ConfigException naming the key when the truststore cannot be read
     */
    public Optional<SSLContext> sslContext() {
        String location = getString(SSL_TRUSTSTORE_LOCATION_CONFIG);
        if (location == null || location.isBlank()) {
            return Optional.empty();
        }
        Password password = getPassword(SSL_TRUSTSTORE_PASSWORD_CONFIG);
        char[] secret = password == null ? new char[0] : password.value().toCharArray();
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            KeyStore trusted = KeyStore.getInstance(getString(SSL_TRUSTSTORE_TYPE_CONFIG));
            trusted.load(in, secret);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return Optional.of(context);
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException(SSL_TRUSTSTORE_LOCATION_CONFIG, location, "cannot be read: " + e.getMessage());
        }
    }

    /** {@value #LATEST_CACHE_TTL_CONFIG}: negative = until invalidated, 0 = not cached. */
    public long latestCacheTtlSeconds() {
        return getLong(LATEST_CACHE_TTL_CONFIG);
    }
}
