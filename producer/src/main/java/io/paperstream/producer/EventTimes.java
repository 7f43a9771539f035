package io.paperstream.producer;

import io.paperstream.producer.source.PaperRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Decides each event's time ({@code publishedAt}). Normally the time the source gives, else a
 * fixed {@code --event-time}, else the wall clock. For a replay spread over simulated time
 * ({@code --spread}), the i-th of n papers gets {@code start + spread * i / n}, where start is
 * {@code --event-time}, else the first paper's source time, else the wall clock.
 */
final class EventTimes {

    private final Instant fixed;
    private final Duration spread;
    private final long count;
    private final Clock clock;
    private Instant spreadStart;
    private long index;

    private EventTimes(Instant fixed, Duration spread, long count, Clock clock) {
        this.fixed = fixed;
        this.spread = spread;
        this.count = count;
        this.clock = clock;
    }

    /** The source's time, else {@code fallback} (may be null), else the clock. */
    static EventTimes fromSource(Instant fallback, Clock clock) {
        return new EventTimes(fallback, null, 0, clock);
    }

    /**
     * Times spread evenly over {@code spread} for {@code count} papers.
     *
     * @param start the first paper's time, or null to start at the first paper's source time
     */
    static EventTimes spread(Instant start, Duration spread, long count, Clock clock) {
        if (spread.isNegative() || spread.isZero()) {
            throw new IllegalArgumentException("spread must be positive: " + spread);
        }
        return new EventTimes(start, spread, Math.max(count, 1), clock);
    }

    /** The time of the next paper, in input order. */
    Instant next(PaperRecord paper) {
        if (spread == null) {
            if (paper.sourceTime() != null) {
                return paper.sourceTime();
            }
            return fixed != null ? fixed : clock.instant();
        }
        if (spreadStart == null) {
            spreadStart = fixed != null ? fixed : paper.sourceTime() != null ? paper.sourceTime() : clock.instant();
        }
        long i = index++;
        long millis = spread.toMillis();
        // split the product so that long spreads times large counts cannot overflow
        long offset = millis / count * i + millis % count * i / count;
        return spreadStart.plusMillis(offset);
    }
}
