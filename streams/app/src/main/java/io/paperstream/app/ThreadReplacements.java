package io.paperstream.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The uncaught-exception handler of the application: a failed stream thread is replaced, so that
 * one bad moment (a broker fault, a timeout) costs no more than a thread; but an error that repeats
 * would replace threads forever, so after {@code limit} failures within {@code period} the client
 * shuts down with a message that says so.
 */
final class ThreadReplacements implements StreamsUncaughtExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ThreadReplacements.class);

    private final int limit;
    private final Duration period;
    private final Clock clock;
    private final Deque<Instant> failures = new ArrayDeque<>();

    /**
     * @param limit failures tolerated within {@code period}; the next one shuts the client down
     * @param period how far back failures count
     */
    ThreadReplacements(int limit, Duration period, Clock clock) {
        if (limit < 0 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException(
                    "limit must be at least 0 and period positive: " + limit + ", " + period);
        }
        this.limit = limit;
        this.period = period;
        this.clock = clock;
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable exception) {
        Instant now = clock.instant();
        while (!failures.isEmpty() && !failures.peekFirst().isAfter(now.minus(period))) {
            failures.removeFirst();
        }
        if (failures.size() >= limit) {
            LOG.error(
                    "stream threads failed {} times within {}; the error repeats, so the application shuts down instead of"
                            + " replacing the thread again",
                    failures.size() + 1,
                    period,
                    exception);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        failures.addLast(now);
        LOG.error(
                "stream thread failed ({} of {} tolerated within {}); replacing it",
                failures.size(),
                limit,
                period,
                exception);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
}
