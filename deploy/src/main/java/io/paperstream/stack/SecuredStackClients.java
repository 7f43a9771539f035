package io.paperstream.stack;

import io.paperstream.streams.StreamsSettings;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;

/**
 * The clients of a secured local stack: the principals {@value #STREAMS_USER} and {@value #PRODUCER_USER} with
 * exactly the README's ACLs ({@link PaperstreamAcls}, for the default application id and topic names), and their
 * client settings as files a command reads: {@code stream --config security/streams.properties},
 * {@code produce --producer-config security/producer.properties}.
 */
public final class SecuredStackClients {

    public static final String STREAMS_USER = "paperstream-streams";
    public static final String PRODUCER_USER = "paperstream-producer";
    /** The streams application's client settings, in the security directory. */
    public static final String STREAMS_FILE = "streams.properties";
    /** The producer's client settings, in the security directory. */
    public static final String PRODUCER_FILE = "producer.properties";

    private SecuredStackClients() {}

    /**
     * Creates (again) both users with their ACLs on {@code kafka} and writes their client settings into
     * {@code directory}; passwords made on the first start are kept.
     */
    static void provision(KafkaCluster kafka, KafkaSecurity security, String registryUrl, Path directory) {
        StreamsSettings defaults = StreamsSettings.defaults();
        try (Admin admin = Admin.create(kafka.adminConfig())) {
            for (String user : new String[] {STREAMS_USER, PRODUCER_USER}) {
                String password = password(directory, user);
                PaperstreamAcls.createUser(admin, user, password);
                Map<String, String> client = security.clientConfig(user, password);
                client.put("bootstrap.servers", kafka.bootstrapServers());
                client.put("schema.registry.url", registryUrl);
                write(directory.resolve(user.equals(STREAMS_USER) ? STREAMS_FILE : PRODUCER_FILE), client, user);
            }
            PaperstreamAcls.grant(admin, PaperstreamAcls.streams("User:" + STREAMS_USER, defaults));
            PaperstreamAcls.grant(
                    admin,
                    PaperstreamAcls.producer(
                            "User:" + PRODUCER_USER,
                            defaults.get(StreamsSettings.KAFKA_TOPIC_RAW_PAPERS),
                            defaults.get(StreamsSettings.KAFKA_TOPIC_ENGAGEMENT)));
        }
    }

    /** The password of {@code user}: the one made on an earlier start, else a new one. */
    private static String password(Path directory, String user) {
        Path file = directory.resolve("users.properties");
        Properties passwords = new Properties();
        try {
            if (Files.exists(file)) {
                try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    passwords.load(in);
                }
            }
            String password = passwords.getProperty(user);
            if (password == null) {
                byte[] bytes = new byte[18];
                new SecureRandom().nextBytes(bytes);
                password = HexFormat.of().formatHex(bytes);
                passwords.setProperty(user, password);
                try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    passwords.store(out, "SCRAM passwords of the secured local stack's users");
                }
            }
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("the passwords in " + file, e);
        }
    }

    private static void write(Path file, Map<String, String> settings, String user) {
        Properties properties = new Properties();
        properties.putAll(settings);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(out, "client settings of " + user + " on the secured local stack");
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
    }
}
