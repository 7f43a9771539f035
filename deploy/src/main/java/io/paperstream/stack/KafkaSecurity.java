package io.paperstream.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

/**
 * A secured broker of the local stack: its client listener is SASL_SSL with SCRAM-SHA-512, its certificate a
 * self-signed one for 127.0.0.1 and localhost made with the JDK's {@code keytool}, and Kafka's
 * {@code StandardAuthorizer} allows only what ACLs grant. The super user {@value #ADMIN} is created when the
 * storage is formatted; other principals and their ACLs are added through it ({@link PaperstreamAcls}).
 *
 * <p>The controller listener stays PLAINTEXT on 127.0.0.1, and its principal (ANONYMOUS) is a super user: the
 * broker reaches its controller there, clients never do (it is not advertised).
 *
 * @param keystore the broker's key and certificate (PKCS12)
 * @param truststore the certificate clients (and the broker as its own client) trust (PKCS12)
 * @param storePassword the password of both stores
 * @param adminPassword the super user's password
 */
public record KafkaSecurity(Path keystore, Path truststore, String storePassword, String adminPassword) {

    /** The super user, as which the stack itself connects. */
    public static final String ADMIN = "admin";
    /** The SASL mechanism of the client listener. */
    public static final String MECHANISM = "SCRAM-SHA-512";

    private static final String LISTENER = "SASL_SSL";
    private static final Duration KEYTOOL_TIMEOUT = Duration.ofSeconds(60);

    /**
     * The security of a broker whose files live in {@code directory}: the stores and passwords made there before,
     * or new ones.
     */
    public static KafkaSecurity inDirectory(Path directory) {
        Path file = directory.resolve("security.properties");
        Properties saved = new Properties();
        try {
            Files.createDirectories(directory);
            if (Files.exists(file)) {
                try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    saved.load(in);
                }
            } else {
                saved.setProperty("store.password", secret());
                saved.setProperty("admin.password", secret());
            }
            KafkaSecurity security = new KafkaSecurity(
                    directory.resolve("broker.p12").toAbsolutePath(),
                    directory.resolve("truststore.p12").toAbsolutePath(),
                    saved.getProperty("store.password"),
                    saved.getProperty("admin.password"));
            if (!Files.exists(security.truststore())) {
                security.makeStores(directory);
                try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    saved.store(out, "passwords of the secured local broker's stores and super user");
                }
            }
            return security;
        } catch (IOException e) {
            throw new UncheckedIOException("preparing the secured broker's files in " + directory, e);
        }
    }

    /**
     * The security made in {@code directory} by an earlier {@link #inDirectory}, read without making anything; empty
     * when there is none (for whoever only talks to a running broker, such as {@code stack status}).
     */
    public static Optional<KafkaSecurity> existing(Path directory) {
        Path file = directory.resolve("security.properties");
        if (!Files.exists(file) || !Files.exists(directory.resolve("truststore.p12"))) {
            return Optional.empty();
        }
        return Optional.of(inDirectory(directory));
    }

    /** What a secured node's {@code server.properties} sets on top of the plain ones of {@code self}. */
    Map<String, String> brokerProperties(KafkaNodeAddress self) {
        Map<String, String> properties = new TreeMap<>();
        properties.put(
                "listeners", LISTENER + "://" + self.bootstrapServer() + ",CONTROLLER://" + self.controllerEndpoint());
        properties.put("advertised.listeners", LISTENER + "://" + self.bootstrapServer());
        properties.put("listener.security.protocol.map", LISTENER + ":" + LISTENER + ",CONTROLLER:PLAINTEXT");
        properties.put("inter.broker.listener.name", LISTENER);
        properties.put("sasl.enabled.mechanisms", MECHANISM);
        properties.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
        properties.put(
                "listener.name." + LISTENER.toLowerCase(Locale.ROOT) + "." + MECHANISM.toLowerCase(Locale.ROOT)
                        + ".sasl.jaas.config",
                jaasConfig(ADMIN, adminPassword));
        properties.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PKCS12");
        properties.put(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, keystore.toString());
        properties.put(SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, storePassword);
        properties.put(SslConfigs.SSL_KEY_PASSWORD_CONFIG, storePassword);
        properties.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PKCS12");
        properties.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, truststore.toString());
        properties.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, storePassword);
        properties.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        properties.put("allow.everyone.if.no.acl.found", "false");
        properties.put("super.users", "User:" + ADMIN + ";User:ANONYMOUS");
        return properties;
    }

    /** The arguments of {@code kafka-storage format} that create the super user's SCRAM credential. */
    List<String> formatArguments() {
        return List.of("--add-scram", MECHANISM + "=[name=" + ADMIN + ",password=" + adminPassword + "]");
    }

    /** The client settings (producer, consumer, admin, Kafka Streams) of {@code user} with {@code password}. */
    public Map<String, String> clientConfig(String user, String password) {
        Map<String, String> config = new TreeMap<>();
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, LISTENER);
        config.put(SaslConfigs.SASL_MECHANISM, MECHANISM);
        config.put(SaslConfigs.SASL_JAAS_CONFIG, jaasConfig(user, password));
        config.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PKCS12");
        config.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, truststore.toString());
        config.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, storePassword);
        return config;
    }

    /** The super user's client settings. */
    public Map<String, String> adminClientConfig() {
        return clientConfig(ADMIN, adminPassword);
    }

    private static String jaasConfig(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
                + password + "\";";
    }

    /** The broker's key pair and self-signed certificate, and a truststore holding that certificate. */
    private void makeStores(Path directory) {
        Path certificate = directory.resolve("broker.pem");
        keytool(
                directory,
                "-genkeypair",
                "-alias",
                "broker",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "3650",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=ip:127.0.0.1,dns:localhost",
                "-keystore",
                keystore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                storePassword,
                "-keypass",
                storePassword);
        keytool(
                directory,
                "-exportcert",
                "-rfc",
                "-alias",
                "broker",
                "-keystore",
                keystore.toString(),
                "-storepass",
                storePassword,
                "-file",
                certificate.toString());
        keytool(
                directory,
                "-importcert",
                "-noprompt",
                "-alias",
                "broker",
                "-file",
                certificate.toString(),
                "-keystore",
                truststore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                storePassword);
    }

    private static void keytool(Path directory, String... arguments) {
        Path keytool = Distribution.javaExecutable().resolveSibling("keytool");
        List<String> command = new ArrayList<>(List.of(keytool.toString()));
        command.addAll(List.of(arguments));
        Path log = directory.resolve("keytool.log");
        try {
            Process process = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            if (!process.waitFor(KEYTOOL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new StackException("keytool " + arguments[0] + " did not end within "
                        + KEYTOOL_TIMEOUT.toSeconds() + " s; see " + log);
            }
            if (process.exitValue() != 0) {
                throw new StackException(
                        "keytool " + arguments[0] + " failed with exit code " + process.exitValue() + "; see " + log);
            }
        } catch (IOException e) {
            throw new StackException("could not run " + keytool + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while making the broker's certificate", e);
        }
    }

    private static String secret() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
