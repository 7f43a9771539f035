package io.paperstream.producer;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Reads a duration option: a number with a unit ({@code 500ms}, {@code 30s}, {@code 5m},
 * {@code 2h}, {@code 7d}) or ISO-8601 ({@code PT30S}, {@code P7D}).
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    private static final Pattern AMOUNT_UNIT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    @Override
    public Duration convert(String value) {
        String text = value.strip().toLowerCase(Locale.ROOT);
        Matcher m = AMOUNT_UNIT.matcher(text);
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
            return Duration.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not a duration (examples: 500ms, 30s, 5m, 2h, 7d, PT30S)");
        }
    }
}
