package io.paperstream.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Windows close at the time of the slowest raw partition still sending. */
class SourceWatermarksTest {

    private static final long IDLE = 30_000;
    private static final long NONE = Long.MIN_VALUE;
    private static final String CLOSE_TIME = "close-time";

    private KeyValueStore<String, Long> store;
    private SourceWatermarks sources;

    @BeforeEach
    void store() {
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("sources"), Serdes.String(), Serdes.Long())
                .withLoggingDisabled()
                .build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    }

    /** The stage's sources as a task of a raw topic of {@code partitions} partitions reads them at {@code now}. */
    private SourceWatermarks load(int partitions, long now) {
        SourceWatermarks loaded =
                new SourceWatermarks(store, CLOSE_TIME, IDLE, Map.of(SourceWatermarks.PARTITIONS_CONFIG, partitions));
        loaded.load(now);
        return loaded;
    }

    /** A record of {@code partition} sent at {@code clock} with event time {@code time}, arriving at {@code clock}. */
    private long see(int partition, long time, long clock) {
        sources.observe(stamp(partition, clock), time, clock);
        return sources.advance(clock);
    }

    private static Headers stamp(int partition, long clock) {
        return SourceWatermarks.stamp(new RecordHeaders(), partition, clock);
    }

    @Test
    void windowsCloseAtTheSlowestSourceNotTheFastest() {
        sources = load(3, 0);
        see(0, 5_000, 1_000);
        see(1, 90_000, 1_500);
        assertThat(see(2, 60_000, 2_000)).as("all three heard from").isEqualTo(5_000);
        assertThat(see(1, 100_000, 2_500)).isEqualTo(5_000);
        assertThat(see(0, 80_000, 3_000)).as("the slowest moved past another").isEqualTo(60_000);
        assertThat(see(2, 70_000, 3_500)).isEqualTo(70_000);
    }

    @Test
    void partitionsNotHeardFromYetHoldWindowsForTheIdleTimeAfterTheFirstRecord() {
        sources = load(3, 0);
        assertThat(see(0, 5_000, 1_000)).as("partitions 1 and 2 may come").isEqualTo(NONE);
        assertThat(see(1, 9_000, 2_000)).as("partition 2 may come").isEqualTo(NONE);
        assertThat(see(0, 10_000, 31_500))
                .as("partition 2 silent since the first record, 30.5 s ago")
                .isEqualTo(9_000);
    }

    @Test
    void aSingleSourceClosesWindowsAtItsOwnTimeFromTheFirstRecord() {
        sources = load(1, 0);
        assertThat(see(0, 5_000, 1_000)).isEqualTo(5_000);
        assertThat(see(0, 9_000, 1_001)).isEqualTo(9_000);
    }

    @Test
    void aSourceThatSentNothingForTheIdleTimeNoLongerHoldsWindowsAndTheTimeNeverGoesBack() {
        sources = load(2, 0);
        see(0, 5_000, 1_000);
        assertThat(see(1, 50_000, 1_000)).isEqualTo(5_000);
        assertThat(see(1, 60_000, 31_000)).as("partition 0 idle since 1,000").isEqualTo(60_000);
        assertThat(see(0, 6_000, 31_500)).as("back, behind: the time stays").isEqualTo(60_000);
        assertThat(see(1, 65_000, 32_000))
                .as("partition 0 holds the time again")
                .isEqualTo(60_000);
        assertThat(sources.advance(70_000))
                .as("nothing from anyone: on this task's clock, every source is idle, so the latest time")
                .isEqualTo(65_000);
    }

    @Test
    void idleIsMeasuredOnTheSendersClocksSoATaskCatchingUpDoesNotTakeABusySourceForIdle() {
        sources = load(2, 0);
        see(0, 5_000, 1_000);
        see(1, 50_000, 1_000);
        // records sent 99 s ago arrive now, one after the other: partition 0 sent 100 ms after partition 1
        sources.observe(stamp(1, 1_100), 51_000, 100_000);
        sources.observe(stamp(0, 1_200), 6_000, 100_001);
        assertThat(sources.advance(100_002)).isEqualTo(6_000);
        sources.observe(stamp(1, 40_000), 52_000, 100_003);
        assertThat(sources.advance(100_004))
                .as("partition 0 silent for 38.8 s of the senders' clocks")
                .isEqualTo(52_000);
    }

    @Test
    void aRestoredTaskGoesOnFromWhatItsStoreHolds() {
        sources = load(2, 0);
        see(0, 5_000, 1_000);
        see(1, 50_000, 1_000);
        see(0, 20_000, 31_000);
        assertThat(see(1, 60_000, 31_000)).isEqualTo(20_000);

        sources = load(2, 500_000);
        assertThat(sources.advance(500_000))
                .as("both sources kept, the time too")
                .isEqualTo(20_000);
        assertThat(see(0, 30_000, 40_000)).isEqualTo(30_000);
        assertThat(store.get(CLOSE_TIME)).isEqualTo(30_000);
    }

    @Test
    void recordsWithoutTheStampAreOneMoreSourceTimedOnArrival() {
        sources = load(1, 0);
        sources.observe(new RecordHeaders(), 5_000, 1_000);
        assertThat(sources.advance(1_000)).as("partition 0 may come").isEqualTo(NONE);
        sources.observe(stamp(0, 1_000), 50_000, 1_000);
        assertThat(sources.advance(1_000)).isEqualTo(5_000);
        assertThat(sources.advance(31_000)).as("both idle: the latest time").isEqualTo(50_000);
    }
}
