package io.paperstream.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ConvertersTest {

    private final DurationConverter durations = new DurationConverter();
    private final InstantConverter instants = new InstantConverter();

    @Test
    void durationsWithUnitsOrIso() {
        assertThat(durations.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(durations.convert("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(durations.convert("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(durations.convert("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(durations.convert("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(durations.convert("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
        assertThatThrownBy(() -> durations.convert("soon"))
                .isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("'soon' is not a duration");
    }

    @Test
    void instantsWithZoneOrDates() {
        assertThat(instants.convert("2025-03-14T09:00:00Z")).isEqualTo(Instant.parse("2025-03-14T09:00:00Z"));
        assertThat(instants.convert("2025-03-14T10:00:00+01:00")).isEqualTo(Instant.parse("2025-03-14T09:00:00Z"));
        assertThat(instants.convert("2025-03-14")).isEqualTo(Instant.parse("2025-03-14T00:00:00Z"));
        assertThatThrownBy(() -> instants.convert("yesterday")).isInstanceOf(CommandLine.TypeConversionException.class);
    }
}
