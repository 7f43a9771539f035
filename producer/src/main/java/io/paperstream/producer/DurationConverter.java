package io.paperstream.producer;

import io.paperstream.settings.ValueType;
import java.time.Duration;
import picocli.CommandLine;

/**
 * Reads a duration option the way the streams settings read durations: a number with a unit
 * ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d}) or ISO-8601 ({@code PT30S}, {@code P7D}).
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        try {
            return ValueType.DURATION.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration: " + e.getMessage());
        }
    }
}
