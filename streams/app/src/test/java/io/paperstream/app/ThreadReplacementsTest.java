package io.paperstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class ThreadReplacementsTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-06-01T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final ThreadReplacements handler = new ThreadReplacements(3, Duration.ofMinutes(10), clock);
    private final RuntimeException error = new IllegalStateException("store corrupted");

    @Test
    void replacesAFailedThreadUpToTheLimitThenShutsTheClientDown() {
        for (int i = 0; i < 3; i++) {
            assertThat(handler.handle(error)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(handler.handle(error)).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    }

    @Test
    void aPermissionTheBrokerRefusesShutsTheClientDownAtOnceAndSaysWhichPermission() {
        StreamsException refused = new StreamsException(
                "task 0_0 failed", new KafkaException(new TransactionalIdAuthorizationException("no")));

        assertThat(handler.handle(refused)).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        assertThat(handler.fatal())
                .hasValueSatisfying(message -> assertThat(message).contains("Write transactional ids"));
        assertThat(ThreadReplacements.refusal(
                        new StreamsException(new GroupAuthorizationException("x", "paperstream"))))
                .hasValueSatisfying(message -> assertThat(message).contains("group 'paperstream'"));
        assertThat(ThreadReplacements.refusal(error)).isEmpty();
        assertThat(new ThreadReplacements(3, Duration.ofMinutes(10), clock).fatal())
                .isEmpty();
    }

    @Test
    void failuresOlderThanThePeriodNoLongerCount() {
        for (int i = 0; i < 3; i++) {
            assertThat(handler.handle(error)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        }
        clock.advance(Duration.ofMinutes(10));

        assertThat(handler.handle(error)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    }

    @Test
    void refusesANegativeLimitOrAnEmptyPeriod() {
        assertThatThrownBy(() -> new ThreadReplacements(-1, Duration.ofMinutes(1), clock))
                .hasMessageContaining("limit");
        assertThatThrownBy(() -> new ThreadReplacements(1, Duration.ZERO, clock))
                .hasMessageContaining("period");
    }
}
