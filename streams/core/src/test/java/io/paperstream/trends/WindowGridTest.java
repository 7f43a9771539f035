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
    void timesOfOneSliceLieInTheSameWindows() {
        // 10 h windows every 4 h: slices of 2 h
        WindowGrid grid = WindowGrid.of(Duration.ofHours(10), Duration.ofHours(4));
        TimeWindows kafka = TimeWindows.ofSizeWithNoGrace(Duration.ofHours(10)).advanceBy(Duration.ofHours(4));
        long hour = Duration.ofHours(1).toMillis();
        Random random = new Random(11);

        assertThat(grid.sliceOf(1_000 * hour + hour + 5)).isEqualTo(1_000 * hour);
        for (int i = 0; i < 1000; i++) {
            long timestamp = Math.abs(random.nextLong() % 4_000_000_000_000L);
            long slice = grid.sliceOf(timestamp);
            long lastOfSlice = slice + 2 * hour - 1;
            assertThat(slice).isLessThanOrEqualTo(timestamp).isGreaterThan(timestamp - 2 * hour);
            assertThat(kafka.windowsFor(slice).keySet())
                    .as("windows of %d and of its slice's ends", timestamp)
                    .isEqualTo(kafka.windowsFor(timestamp).keySet())
                    .isEqualTo(kafka.windowsFor(lastOfSlice).keySet());
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
