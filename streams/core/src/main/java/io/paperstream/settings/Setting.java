package io.paperstream.settings;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One typed option of a settings class, declared with named parts: its key, value type, default,
 * constraint and description, so that parsing, validation, error messages and {@code --help} all
 * come from one declaration. A setting is immutable; each part returns a new setting:
 *
 * <pre>{@code
 * Setting.duration("paperstream.window.grace").defaultValue(Duration.ofHours(1))
 *         .constraint(Constraint.notNegative()).doc("How long after a window ends late papers are still counted.")
 * }</pre>
 *
 * @param <T> the type of the parsed value
 */
public final class Setting<T> {

    /** Prefix of our own keys; other keys belong to Kafka. */
    static final String OWN_PREFIX = "paperstream.";

    private final String name;
    private final ValueType<T> type;
    private final T defaultValue;
    private final String unsetMeaning;
    private final Constraint<T> constraint;
    private final String doc;

    private Setting(
            String name, ValueType<T> type, T defaultValue, String unsetMeaning, Constraint<T> constraint, String doc) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = type;
        this.defaultValue = defaultValue;
        this.unsetMeaning = unsetMeaning;
        this.constraint = constraint;
        this.doc = doc;
        if (defaultValue != null && constraint != null && !constraint.accepts(defaultValue)) {
            throw new IllegalStateException(
                    "default of " + name + " violates its own constraint: must be " + constraint.text());
        }
    }

    private static <T> Setting<T> of(String name, ValueType<T> type) {
        return new Setting<>(name, type, null, null, null, null);
    }

    public static Setting<String> text(String name) {
        return of(name, ValueType.TEXT);
    }

    public static Setting<Integer> integer(String name) {
        return of(name, ValueType.INT);
    }

    public static Setting<Long> longInteger(String name) {
        return of(name, ValueType.LONG);
    }

    public static Setting<Double> decimal(String name) {
        return of(name, ValueType.DOUBLE);
    }

    public static Setting<Boolean> bool(String name) {
        return of(name, ValueType.BOOLEAN);
    }

    /** A duration written as {@code 500ms}, {@code 30s}, {@code 15m}, {@code 12h}, {@code 1d} or ISO-8601 ({@code PT1H}). */
    public static Setting<Duration> duration(String name) {
        return of(name, ValueType.DURATION);
    }

    /** This setting with a default value. */
    public Setting<T> defaultValue(T value) {
        return new Setting<>(name, type, Objects.requireNonNull(value, "default"), unsetMeaning, constraint, doc);
    }

    /** This setting as an optional one, unset by default: {@code meaning} says what unset does. */
    public Setting<T> unsetMeans(String meaning) {
        return new Setting<>(name, type, defaultValue, meaning, constraint, doc);
    }

    /** This setting with what a valid value must satisfy beyond its type. */
    public Setting<T> constraint(Constraint<T> valid) {
        return new Setting<>(name, type, defaultValue, unsetMeaning, valid, doc);
    }

    /** This setting with its description. */
    public Setting<T> doc(String description) {
        return new Setting<>(name, type, defaultValue, unsetMeaning, constraint, description);
    }

    public String name() {
        return name;
    }

    public ValueType<T> type() {
        return type;
    }

    /** The default, or {@code null} for an optional setting. */
    public T defaultValue() {
        return defaultValue;
    }

    /** The default as the settings help shows it: the value, or what leaving it unset means. */
    public String defaultText() {
        if (defaultValue != null) {
            return type.format(defaultValue);
        }
        return unsetMeaning == null ? "(unset)" : "(unset: " + unsetMeaning + ")";
    }

    /** The description, or {@code null} while the declaration lacks one. */
    public String doc() {
        return doc;
    }

    /** What a valid value must satisfy beyond its type, if anything. */
    public Optional<Constraint<T>> constraint() {
        return Optional.ofNullable(constraint);
    }

    /**
     * The environment variable that overrides this setting: {@code PAPERSTREAM_} followed by the
     * key without its {@code paperstream.} prefix, upper-cased, dots and dashes as underscores
     * ({@code paperstream.window.size} is {@code PAPERSTREAM_WINDOW_SIZE},
     * {@code bootstrap.servers} is {@code PAPERSTREAM_BOOTSTRAP_SERVERS}).
     */
    public String environmentVariable() {
        return EnvironmentVariables.ofSetting(name);
    }

    /**
     * Parses and validates a raw value.
     *
     * @param raw the text as written
     * @param origin where it was written (file, environment variable), for the error message
     * @throws SettingsException naming the key when the value is not valid
     */
    public T parse(String raw, String origin) {
        T value;
        try {
            value = type.parse(raw);
        } catch (RuntimeException e) {
            throw new SettingsException(name + "=" + raw + " (" + origin + ") is not a valid " + type.name()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
        if (constraint != null && !constraint.accepts(value)) {
            throw new SettingsException(name + "=" + raw + " (" + origin + ") must be " + constraint.text());
        }
        return value;
    }

    @Override
    public String toString() {
        return name;
    }
}
