package io.paperstream.trends;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.junit.jupiter.api.Test;

class WindowGridTest {

    @Test
    void laysOutWindowsExactlyLikeKafkaStreamsTimeWindows() {
        Duration size = Duration.ofHours(24);
        Duration advance = Duration.ofHours(6);
        WindowGrid grid = WindowGrid.of(size, advance);
        TimeWindows kafka = TimeWindows.ofSizeWithNoGrace(size).advanceBy(advance);
        Random random = new Random(7);

        for (int i = 0; i < 1000; i++) {
            long timestamp = Math.abs(random.nextLong() % 4_000_000_000_000L);
            List<Long> ours = new ArrayList<>();
            for (long start = grid.firstStartFor(timestamp);
                    start <= grid.lastStartFor(timestamp);
                    start += grid.advanceMs()) {
                ours.add(start);
            }
            assertThat(ours)
                    .containsExactlyElementsOf(
                            new ArrayList<>(kafka.windowsFor(timestamp).keySet()));
        }
    }

    @Test
    void consecutiveWindowsHaveConsecutiveIndices() {
        WindowGrid daily = WindowGrid.of(Duration.ofDays(1), Duration.ofDays(1));
        long day = Duration.ofDays(1).toMillis();

        assertThat(daily.index(20_000 * day + day) - daily.index(20_000 * day)).isEqualTo(1);
        assertThat(daily.firstStartFor(20_000 * day + 5)).isEqualTo(20_000 * day);
        assertThat(daily.endOf(20_000 * day)).isEqualTo(20_001 * day);
    }
}
