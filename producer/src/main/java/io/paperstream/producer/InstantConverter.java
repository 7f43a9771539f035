package io.paperstream.producer;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/**
 * Reads an instant option: ISO-8601 with a zone ({@code 2025-03-14T09:00:00Z},
 * {@code 2025-03-14T10:00:00+01:00}) or a date ({@code 2025-03-14}, the start of that day UTC).
 */
public final class InstantConverter implements CommandLine.ITypeConverter<Instant> {

    @Override
    public Instant convert(String value) {
        String text = value.strip();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notDateTime) {
            try {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notDate) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not an instant (examples: 2025-03-14T09:00:00Z, 2025-03-14)");
            }
        }
    }
}
