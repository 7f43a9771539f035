package io.paperstream.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The uncaught-exception handler of the application: a failed stream thread is replaced, so that
 * one bad moment (a broker fault, a timeout) costs no more than a thread; but an error that repeats
 * would replace threads forever, so after {@code limit} failures within {@code period} the client
 * shuts down with a message that says so. A permission the broker refuses (an ACL missing) is no bad moment:
 * the client shuts down at once and {@link #fatal()} says which permission it lacks.
 */
final class ThreadReplacements implements StreamsUncaughtExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ThreadReplacements.class);

    private final int limit;
    private final Duration period;
    private final Clock clock;
    private final Deque<Instant> failures = new ArrayDeque<>();
    private String fatal;

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
        Optional<String> refused = refusal(exception);
        if (refused.isPresent()) {
            // another thread would be refused the same: no replacement
            fatal = refused.get();
            LOG.error("{}; the application shuts down", fatal);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
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

    /** Why the application shut down at once: the broker refused a permission it needs. Empty otherwise. */
    synchronized Optional<String> fatal() {
        return Optional.ofNullable(fatal);
    }

    /** One sentence naming the permission the broker refused, when {@code exception} was caused by a refusal. */
    static Optional<String> refusal(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof TopicAuthorizationException refused) {
                return Optional.of("the Kafka broker does not allow this principal to use the topics "
                        + refused.unauthorizedTopics() + " (the application needs Read and Describe on its input, "
                        + "Write and Describe on its outputs, All on the topics prefixed with its application id)");
            }
            if (cause instanceof GroupAuthorizationException refused) {
                return Optional.of("the Kafka broker does not allow this principal to Read the consumer group '"
                        + refused.groupId()
                        + "' (the application needs Read and Describe on its application id as a group)");
            }
            if (cause instanceof TransactionalIdAuthorizationException) {
                return Optional.of(
                        "the Kafka broker does not allow this principal to Write transactional ids (the "
                                + "application needs Write and Describe on the transactional ids prefixed with its application id)");
            }
            if (cause instanceof AuthorizationException refused) {
                return Optional.of("the Kafka broker refused this principal a permission: " + refused.getMessage());
            }
        }
        return Optional.empty();
    }
}
