package io.paperstream.settings;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The type of a setting's value: how it is written in a properties file, an environment variable
 * or on the command line, and how it is read back. Every command parses durations, numbers and
 * booleans through these, so {@code 15m} means the same everywhere.
 *
 * @param <T> the Java type of the value
 */
public final class ValueType<T> {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    public static final ValueType<String> TEXT = new ValueType<>("string", s -> s, s -> s);
    public static final ValueType<Integer> INT = new ValueType<>("int", Integer::parseInt, i -> Integer.toString(i));
    public static final ValueType<Long> LONG = new ValueType<>("long", Long::parseLong, l -> Long.toString(l));
    public static final ValueType<Double> DOUBLE =
            new ValueType<>("double", Double::parseDouble, d -> Double.toString(d));
    public static final ValueType<Boolean> BOOLEAN =
            new ValueType<>("boolean", ValueType::parseBoolean, b -> Boolean.toString(b));
    /** {@code 500ms}, {@code 30s}, {@code 15m}, {@code 12h}, {@code 1d} or ISO-8601 ({@code PT1H}). */
    public static final ValueType<Duration> DURATION =
            new ValueType<>("duration", ValueType::parseDuration, ValueType::formatDuration);

    private final String name;
    private final Function<String, T> parser;
    private final Function<T, String> formatter;

    private ValueType(String name, Function<String, T> parser, Function<T, String> formatter) {
        this.name = name;
        this.parser = parser;
        this.formatter = formatter;
    }

    /** The name shown in the settings help ({@code duration}, {@code int}). */
    public String name() {
        return name;
    }

    /**
     * Reads a value written as text; surrounding white space does not count.
     *
     * @throws IllegalArgumentException (a {@link NumberFormatException} for numbers) saying what is wrong
     */
    public T parse(String text) {
        return parser.apply(text.trim());
    }

    /** Writes a value the way it is best written in a settings file ({@code 1d}, {@code 90s}, {@code 0.1}). */
    public String format(T value) {
        return formatter.apply(value);
    }

    private static Duration parseDuration(String text) {
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

    private static String formatDuration(Duration duration) {
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
