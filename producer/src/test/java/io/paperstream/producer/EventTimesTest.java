package io.paperstream.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.producer.source.Origin;
import io.paperstream.producer.source.PaperRecord;
import io.paperstream.producer.source.SourceFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventTimesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T12:00:00Z"), ZoneOffset.UTC);

    private static PaperRecord paper(Instant sourceTime) {
        return new PaperRecord(
                "h:0",
                "T",
                "A",
                null,
                null,
                List.of(),
                List.of(),
                List.of(),
                SourceFormat.TRENDING_PAGE,
                Origin.stdin().at(1),
                sourceTime,
                null);
    }

    @Test
    void sourceTimeElseTheFallbackElseTheClock() {
        Instant source = Instant.parse("2025-03-14T00:00:00Z");
        Instant fallback = Instant.parse("2024-01-01T00:00:00Z");

        assertThat(EventTimes.fromSource(fallback, CLOCK).next(paper(source))).isEqualTo(source);
        assertThat(EventTimes.fromSource(fallback, CLOCK).next(paper(null))).isEqualTo(fallback);
        assertThat(EventTimes.fromSource(null, CLOCK).next(paper(null))).isEqualTo(CLOCK.instant());
    }

    @Test
    void spreadGivesTheIthOfNPapersStartPlusSpreadTimesIOverN() {
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        EventTimes times = EventTimes.spread(start, Duration.ofDays(4), 4, CLOCK);

        assertThat(List.of(
                        times.next(paper(null)),
                        times.next(paper(null)),
                        times.next(paper(null)),
                        times.next(paper(null))))
                .containsExactly(
                        start,
                        start.plus(Duration.ofDays(1)),
                        start.plus(Duration.ofDays(2)),
                        start.plus(Duration.ofDays(3)));
    }

    @Test
    void spreadStartsAtTheFirstPapersSourceTimeWithoutAStart() {
        Instant source = Instant.parse("2025-03-14T00:00:00Z");
        EventTimes times = EventTimes.spread(null, Duration.ofHours(3), 3, CLOCK);

        assertThat(times.next(paper(source))).isEqualTo(source);
        assertThat(times.next(paper(source))).isEqualTo(source.plus(Duration.ofHours(1)));
    }

    @Test
    void longSpreadsOverManyPapersDoNotOverflow() {
        long count = 10_000_000L;
        EventTimes times = EventTimes.spread(Instant.EPOCH, Duration.ofDays(3650), count, CLOCK);
        Instant previous = null;
        for (long i = 0; i < 1000; i++) {
            Instant t = times.next(paper(null));
            assertThat(t).isAfterOrEqualTo(previous == null ? Instant.EPOCH : previous);
            previous = t;
        }
        assertThat(previous)
                .isEqualTo(Instant.EPOCH.plusMillis(Duration.ofDays(3650).toMillis() * 999 / count));
    }
}
