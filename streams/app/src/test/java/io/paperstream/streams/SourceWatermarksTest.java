package io.paperstream.streams;

import static org.assertj.core.api.Assertions.assertThat;

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
    private static final long KEY = Long.MIN_VALUE;
    private static final String CLOSE_TIME = "close-time";

    private KeyValueStore<String, Long> store;
    private SourceWatermarks sources;

    @BeforeEach
    void store() {
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("sources"), Serdes.String(), Serdes.Long())
                .withLoggingDisabled()
                .build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        sources = restored(0);
    }

    private SourceWatermarks restored(long now) {
        SourceWatermarks restored = new SourceWatermarks(store, CLOSE_TIME, IDLE);
        restored.load(now);
        return restored;
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
        assertThat(see(0, 5_000, 1_000))
                .as("held while sources not seen yet may come")
                .isEqualTo(KEY);
        see(1, 90_000, 2_000);
        see(2, 60_000, 3_000);
        assertThat(see(0, 10_000, 31_500))
                .as("after the idle time, at the slowest source seen")
                .isEqualTo(10_000);
        assertThat(see(1, 100_000, 32_000)).isEqualTo(10_000);
        assertThat(see(2, 70_000, 32_500)).isEqualTo(10_000);
        assertThat(see(0, 80_000, 33_000))
                .as("the slowest moved past the next one")
                .isEqualTo(70_000);
    }

    @Test
    void aSourceThatSentNothingForTheIdleTimeNoLongerHoldsWindowsAndTheTimeNeverGoesBack() {
        see(0, 5_000, 1_000);
        see(1, 50_000, 1_000);
        assertThat(see(1, 60_000, 31_000)).as("source 0 idle since 1,000").isEqualTo(60_000);
        assertThat(see(0, 6_000, 31_500)).as("back, behind: the time stays").isEqualTo(60_000);
        assertThat(see(1, 65_000, 32_000)).as("source 0 holds the time again").isEqualTo(60_000);
        assertThat(sources.advance(70_000))
                .as("nothing from anyone: on this task's clock, every source is idle, so the latest time")
                .isEqualTo(65_000);
    }

    @Test
    void idleIsMeasuredOnTheSendersClocksSoATaskCatchingUpDoesNotTakeABusySourceForIdle() {
        see(0, 5_000, 1_000);
        see(1, 50_000, 1_000);
        // records sent a minute ago arrive one after the other now: source 0 sent at 1,200, 1,000 after source 1
        sources.observe(stamp(1, 1_100), 51_000, 100_000);
        sources.observe(stamp(0, 1_200), 6_000, 100_001);
        assertThat(sources.advance(100_002)).isEqualTo(KEY);
        sources.observe(stamp(1, 40_000), 52_000, 100_003);
        sources.observe(stamp(0, 40_000), 7_000, 100_004);
        assertThat(sources.advance(100_005)).isEqualTo(7_000);
    }

    @Test
    void aRestoredTaskGoesOnFromWhatItsStoreHolds() {
        see(0, 5_000, 1_000);
        see(1, 50_000, 1_000);
        see(0, 20_000, 31_000);
        assertThat(see(1, 60_000, 31_000)).isEqualTo(20_000);

        sources = restored(500_000);
        assertThat(sources.advance(500_000))
                .as("both sources kept, the time too")
                .isEqualTo(20_000);
        assertThat(see(0, 30_000, 40_000)).isEqualTo(30_000);
        assertThat(store.get(CLOSE_TIME)).isEqualTo(30_000);
    }

    @Test
    void recordsWithoutTheStampAreOneSourceTimedOnArrival() {
        sources.observe(new RecordHeaders(), 5_000, 1_000);
        sources.observe(stamp(0, 1_000), 50_000, 1_000);
        assertThat(sources.advance(31_000)).isEqualTo(50_000);
        sources.observe(new RecordHeaders(), 6_000, 31_000);
        sources.observe(stamp(0, 31_000), 51_000, 31_000);
        assertThat(sources.advance(31_000)).isEqualTo(50_000);
    }
}
