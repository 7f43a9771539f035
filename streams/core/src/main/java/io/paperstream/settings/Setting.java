package io.paperstream.settings;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One typed option of a settings class: its key, type, default, constraint and description, so
 * that parsing, validation, error messages and {@code --help} all come from one declaration.
 *
 * @param <T> the type of the parsed value
 */
public final class Setting<T> {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private final String name;
    private final String type;
    private final T defaultValue;
    private final String defaultText;
    private final String description;
    private final Function<String, T> parser;
    private final Predicate<T> constraint;
    private final String constraintText;

    private Setting(String name, String type, T defaultValue, String defaultText, String description,
                    Function<String, T> parser, Predicate<T> constraint, String constraintText) {
        this.name = name;
        this.type = type;
        this.defaultValue = defaultValue;
        this.defaultText = defaultText;
        this.description = description;
        this.parser = parser;
        this.constraint = constraint;
        this.constraintText = constraintText;
        if (defaultValue != null && !constraint.test(defaultValue)) {
            throw new IllegalStateException("default of " + name + " violates its own constraint");
        }
    }

    /** A free-text setting. */
    public static Setting<String> text(String name, String defaultValue, String description) {
        return new Setting<>(name, "string", defaultValue, defaultValue, description, s -> s, s -> true, null);
    }

    /** An optional text setting: unset by default, {@code unsetMeaning} says what that does. */
    public static Setting<String> optionalText(String name, String unsetMeaning, String description) {
        return new Setting<>(name, "string", null, "(unset: " + unsetMeaning + ")", description, s -> s, s -> true, null);
    }

    /** A text setting that must match {@code pattern} entirely. */
    public static Setting<String> matching(String name, String defaultValue, Pattern pattern, String constraintText,
                                           String description) {
        return new Setting<>(name, "string", defaultValue, defaultValue, description, s -> s,
                s -> pattern.matcher(s).matches(), constraintText);
    }

    /** A text setting restricted to the given values. */
    public static Setting<String> choice(String name, String defaultValue, Set<String> allowed, String description) {
        return new Setting<>(name, "string", defaultValue, defaultValue, description, s -> s, allowed::contains,
                "one of " + String.join(", ", allowed.stream().sorted().toList()));
    }

    public static Setting<Integer> integer(String name, int defaultValue, int min, String description) {
        return new Setting<>(name, "int", defaultValue, Integer.toString(defaultValue), description,
                s -> Integer.parseInt(s.trim()), v -> v >= min, "at least " + min);
    }

    public static Setting<Long> longInteger(String name, long defaultValue, long min, String description) {
        return new Setting<>(name, "long", defaultValue, Long.toString(defaultValue), description,
                s -> Long.parseLong(s.trim()), v -> v >= min, "at least " + min);
    }

    public static Setting<Double> decimal(String name, double defaultValue, Predicate<Double> constraint,
                                          String constraintText, String description) {
        return new Setting<>(name, "double", defaultValue, Double.toString(defaultValue), description,
                s -> Double.parseDouble(s.trim()), constraint, constraintText);
    }

    public static Setting<Boolean> bool(String name, boolean defaultValue, String description) {
        return new Setting<>(name, "boolean", defaultValue, Boolean.toString(defaultValue), description,
                Setting::parseBoolean, v -> true, null);
    }

    /** A positive duration written as {@code 500ms}, {@code 30s}, {@code 15m}, {@code 12h}, {@code 1d} or ISO-8601 ({@code PT1H}). */
    public static Setting<Duration> duration(String name, Duration defaultValue, String description) {
        return new Setting<>(name, "duration", defaultValue, format(defaultValue), description,
                Setting::parseDuration, d -> !d.isNegative(), "not negative");
    }

    /** Like {@link #duration} but zero is not allowed either. */
    public static Setting<Duration> positiveDuration(String name, Duration defaultValue, String description) {
        return new Setting<>(name, "duration", defaultValue, format(defaultValue), description,
                Setting::parseDuration, d -> d.compareTo(Duration.ZERO) > 0, "positive");
    }

    /** An optional duration: unset by default, {@code unsetMeaning} says what that does. */
    public static Setting<Duration> optionalDuration(String name, String unsetMeaning, String description) {
        return new Setting<>(name, "duration", null, "(unset: " + unsetMeaning + ")", description,
                Setting::parseDuration, d -> d.compareTo(Duration.ZERO) > 0, "positive");
    }

    public String name() {
        return name;
    }

    public String type() {
        return type;
    }

    /** The default, or {@code null} for an optional setting. */
    public T defaultValue() {
        return defaultValue;
    }

    public String defaultText() {
        return defaultText;
    }

    public String description() {
        return description;
    }

    /** What a valid value must satisfy beyond its type, or {@code null}. */
    public String constraintText() {
        return constraintText;
    }

    /**
     * The environment variable that overrides this setting: {@code PAPERSTREAM_} followed by the
     * key without its {@code paperstream.} prefix, upper-cased, dots and dashes as underscores
     * ({@code paperstream.window.size} is {@code PAPERSTREAM_WINDOW_SIZE},
     * {@code bootstrap.servers} is {@code PAPERSTREAM_BOOTSTRAP_SERVERS}).
     */
    public String environmentVariable() {
        String key = name.startsWith("paperstream.") ? name.substring("paperstream.".length()) : name;
        return "PAPERSTREAM_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
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
            value = parser.apply(raw.trim());
        } catch (RuntimeException e) {
            throw new SettingsException(name + "=" + raw + " (" + origin + ") is not a valid " + type
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
        if (!constraint.test(value)) {
            throw new SettingsException(name + "=" + raw + " (" + origin + ") must be " + constraintText);
        }
        return value;
    }

    /** Formats a duration the way it is best written in a settings file ({@code 1d}, {@code 90s}). */
    public static String format(Duration duration) {
        long ms = duration.toMillis();
        if (ms != 0 && ms % 86_400_000L == 0) {
            return ms / 86_400_000L + "d";
        }
        if (ms != 0 && ms % 3_600_000L == 0) {
            return ms / 3_600_000L + "h";
        }
        if (ms != 0 && ms % 60_000L == 0) {
            return ms / 60_000L + "m";
        }
        if (ms % 1000L == 0) {
            return ms / 1000L + "s";
        }
        return ms + "ms";
    }

    /** Parses 500ms, 30s, 15m, 12h, 1d or ISO-8601; IllegalArgumentException says how to write it. */
    public static Duration parseDuration(String text) {
        Matcher m = SHORT_DURATION.matcher(text.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("write it as 500ms, 30s, 15m, 12h, 1d or ISO-8601 such as PT1H");
        }
    }

    private static Boolean parseBoolean(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("write true or false");
        };
    }

    @Override
    public String toString() {
        return name;
    }
}
