package io.paperstream.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * What a started local stack runs where, kept in {@code stack.properties} of its data directory so that
 * {@code stack stop} and {@code stack status} (other JVMs) find the processes and their ports.
 *
 * @param kafkaPid pid of the broker's JVM
 * @param kafkaPort the broker's client port
 * @param controllerPort the broker's KRaft controller port
 * @param registryPid pid of the schema registry's JVM
 * @param registryPort the registry's HTTP port
 * @param registryManagementPort the registry's management port
 * @param startedAt when the stack became ready
 * @param secured whether the broker is the secured one ({@link KafkaSecurity}; files in {@code security/})
 */
public record StackState(
        long kafkaPid,
        int kafkaPort,
        int controllerPort,
        long registryPid,
        int registryPort,
        int registryManagementPort,
        Instant startedAt,
        boolean secured) {

    /** The state file's name in the data directory. */
    public static final String FILE_NAME = "stack.properties";

    /** {@code bootstrap.servers} of the stack's broker. */
    public String bootstrapServers() {
        return LoopbackPorts.HOST + ":" + kafkaPort;
    }

    /** The Confluent API of the stack's registry ({@code schema.registry.url}). */
    public String schemaRegistryUrl() {
        return registryUrl() + SchemaRegistryProcess.CONFLUENT_API_PATH;
    }

    /** The registry's root URL. */
    public String registryUrl() {
        return "http://" + LoopbackPorts.HOST + ":" + registryPort;
    }

    public static Path file(Path dataDirectory) {
        return dataDirectory.resolve(FILE_NAME);
    }

    /** Writes the state file (replacing it atomically, so a reader never sees half of it). */
    public void write(Path dataDirectory) {
        Properties properties = new Properties();
        properties.setProperty("kafka.pid", Long.toString(kafkaPid));
        properties.setProperty("kafka.port", Integer.toString(kafkaPort));
        properties.setProperty("kafka.controller.port", Integer.toString(controllerPort));
        properties.setProperty("kafka.bootstrap.servers", bootstrapServers());
        properties.setProperty("registry.pid", Long.toString(registryPid));
        properties.setProperty("registry.port", Integer.toString(registryPort));
        properties.setProperty("registry.management.port", Integer.toString(registryManagementPort));
        properties.setProperty("schema.registry.url", schemaRegistryUrl());
        properties.setProperty("started.at", startedAt.toString());
        properties.setProperty("kafka.secured", Boolean.toString(secured));
        Path temporary = dataDirectory.resolve(FILE_NAME + ".tmp");
        try {
            Files.createDirectories(dataDirectory);
            try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                properties.store(out, "paperstream local stack: written by `stack start`, removed by `stack stop`");
            }
            Files.move(
                    temporary,
                    file(dataDirectory),
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The state file of {@code dataDirectory}, if there is one. */
    public static Optional<StackState> read(Path dataDirectory) {
        Path file = file(dataDirectory);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
            return Optional.of(new StackState(
                    Long.parseLong(required(properties, "kafka.pid", file)),
                    Integer.parseInt(required(properties, "kafka.port", file)),
                    Integer.parseInt(required(properties, "kafka.controller.port", file)),
                    Long.parseLong(required(properties, "registry.pid", file)),
                    Integer.parseInt(required(properties, "registry.port", file)),
                    Integer.parseInt(required(properties, "registry.management.port", file)),
                    Instant.parse(required(properties, "started.at", file)),
                    Boolean.parseBoolean(properties.getProperty("kafka.secured", "false"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw new StackException(
                    "the state file " + file + " is damaged (" + e.getMessage()
                            + "); delete it and stop any leftover processes by hand",
                    e);
        }
    }

    /** Removes the state file, if there is one. */
    public static void delete(Path dataDirectory) {
        try {
            Files.deleteIfExists(file(dataDirectory));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String required(Properties properties, String key, Path file) {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException("no " + key + " in " + file);
        }
        return value;
    }
}
