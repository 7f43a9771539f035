package io.paperstream.settings;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Loads the values of a command's declared settings, and the Kafka properties beside them, from
 * layers that each override the ones before:
 * <ol>
 *   <li>the declared defaults, and the command's defaults for Kafka properties it does not declare;</li>
 *   <li>a Kafka-style properties file;</li>
 *   <li>{@code KAFKA_<NAME>} environment variables: {@code KAFKA_} removed, the rest lower-cased,
 *       {@code _} read as {@code .}, {@code __} as {@code -}, {@code ___} as {@code _}
 *       ({@code KAFKA_LINGER_MS} is {@code linger.ms}); names that spell no known Kafka property,
 *       such as {@code KAFKA_HEAP_OPTS}, are ignored;</li>
 *   <li>{@code PAPERSTREAM_<KEY>} environment variables of the declared settings
 *       ({@link Setting#environmentVariable()});</li>
 *   <li>explicit overrides (the command line).</li>
 * </ol>
 * An environment variable set to blank counts as unset. Keys that are not declared and do not start
 * with {@code paperstream.} are passed to Kafka as they are; an undeclared {@code paperstream.} key
 * is an error, so typos do not pass silently. The loader knows no Kafka class: the names of the
 * Kafka properties are given to it.
 */
public final class SettingsLoader {

    private final SettingsDeclaration declaration;
    private final Set<String> kafkaProperties;
    private final Map<String, String> kafkaDefaults;

    /**
     * @param declaration the declared settings
     * @param kafkaProperties the Kafka properties {@code KAFKA_<NAME>} variables may set (e.g.
     *     {@code ProducerConfig.configNames()}); declared keys outside {@code paperstream.} count too
     * @param kafkaDefaults defaults of Kafka properties the command sets without declaring them
     */
    public SettingsLoader(
            SettingsDeclaration declaration, Set<String> kafkaProperties, Map<String, String> kafkaDefaults) {
        this.declaration = declaration;
        Set<String> names = new HashSet<>(kafkaProperties);
        declaration.all().stream()
                .map(Setting::name)
                .filter(n -> !n.startsWith(Setting.OWN_PREFIX))
                .forEach(names::add);
        this.kafkaProperties = Set.copyOf(names);
        kafkaDefaults.keySet().stream()
                .filter(k -> declaration.named(k).isPresent())
                .findAny()
                .ifPresent(k -> {
                    throw new IllegalStateException(k + " is declared: its default belongs to its declaration");
                });
        this.kafkaDefaults = new TreeMap<>(kafkaDefaults);
    }

    /**
     * Loads the settings.
     *
     * @param file a properties file, or {@code null} for none
     * @param environment environment variables (pass {@code System.getenv()})
     * @param overrides values that win over everything else (the command line)
     * @throws SettingsException when a value is invalid or a {@code paperstream.} key is unknown
     * @throws UncheckedIOException when the file cannot be read
     */
    public SettingValues load(Path file, Map<String, String> environment, Map<String, String> overrides) {
        Layers layers = new Layers();
        layers.putAll(kafkaDefaults, "default");
        if (file != null) {
            layers.putAll(readFile(file), "in " + file);
        }
        new TreeMap<>(environment)
                .forEach((variable, value) -> kafkaPropertyOf(variable)
                        .filter(property -> !value.isBlank())
                        .ifPresent(property -> layers.put(property, value, "from environment variable " + variable)));
        for (Setting<?> setting : declaration.all()) {
            String value = environment.get(setting.environmentVariable());
            if (value != null && !value.isBlank()) {
                layers.put(setting.name(), value, "from environment variable " + setting.environmentVariable());
            }
        }
        layers.putAll(overrides, "from override");
        return resolve(layers);
    }

    /**
     * The Kafka property a {@code KAFKA_<NAME>} environment variable sets, when {@code <NAME>}
     * spells a known Kafka property or a declared key outside {@code paperstream.}.
     */
    public Optional<String> kafkaPropertyOf(String variable) {
        return EnvironmentVariables.kafkaPropertyNameOf(variable).filter(kafkaProperties::contains);
    }

    private SettingValues resolve(Layers layers) {
        Map<Setting<?>, Object> values = new HashMap<>();
        for (Setting<?> setting : declaration.all()) {
            String value = layers.values.get(setting.name());
            Object parsed = value == null || value.isBlank() && setting.defaultValue() == null
                    ? setting.defaultValue()
                    : setting.parse(value, layers.origins.get(setting.name()));
            if (parsed != null) {
                values.put(setting, parsed);
            }
        }
        Map<String, String> passThrough = new TreeMap<>();
        layers.values.forEach((key, value) -> {
            if (declaration.named(key).isPresent()) {
                return;
            }
            if (key.startsWith(Setting.OWN_PREFIX)) {
                throw new SettingsException("unknown setting " + key + " (" + layers.origins.get(key) + ")");
            }
            passThrough.put(key, value);
        });
        return new SettingValues(values, passThrough);
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

    /** The raw values of the layers so far, each with where it came from, for error messages. */
    private static final class Layers {
        final Map<String, String> values = new LinkedHashMap<>();
        final Map<String, String> origins = new HashMap<>();

        void put(String key, String value, String origin) {
            values.put(key, value);
            origins.put(key, origin);
        }

        void putAll(Map<String, String> layer, String origin) {
            layer.forEach((key, value) -> put(key, value, origin));
        }
    }
}
