package io.paperstream.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.serving.ApiModel.TopicCountView;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Live events reach every client as Server-Sent Events frames; a client that falls behind is dropped, never waited for. */
class LiveEventsTest {

    private final AtomicInteger dropped = new AtomicInteger();
    private final LiveEvents live = new LiveEvents(ServingLayer.json(), 4, dropped::incrementAndGet);

    @Test
    void everyClientGetsEachEventAsOneFrame() throws InterruptedException {
        LiveEvents.Subscription one = live.subscribe(false);
        LiveEvents.Subscription two = live.subscribe(false);

        live.accept(new LiveEvent(LiveEvent.COUNT, new TopicCountView("llm", "Large language models", 2, 5)));

        String frame =
                "event: count\ndata: {\"topic\":\"llm\",\"label\":\"Large language models\",\"primaryCount\":2,\"anyCount\":5}\n\n";
        assertThat(one.next(Duration.ofSeconds(1))).isEqualTo(frame);
        assertThat(two.next(Duration.ofSeconds(1))).isEqualTo(frame);
        assertThat(one.next(Duration.ofMillis(10))).as("nothing else").isNull();
    }

    @Test
    void aClientThatFallsBehindItsBufferIsDroppedAndTheOthersKeepTheirEvents() throws InterruptedException {
        LiveEvents.Subscription slow = live.subscribe(false);
        LiveEvents.Subscription reader = live.subscribe(false);

        for (int i = 0; i < 10; i++) {
            live.accept(new LiveEvent(LiveEvent.COUNT, new TopicCountView("t" + i, "T", i, i)));
            assertThat(reader.next(Duration.ofSeconds(1))).contains("\"t" + i + "\"");
        }

        assertThat(slow.isClosed()).isTrue();
        assertThat(reader.isClosed()).isFalse();
        assertThat(live.clients()).isEqualTo(1);
        assertThat(dropped).hasValue(1);
    }

    @Test
    void eventsRelayedFromOtherInstancesReachOnlyClientsOfTheWholeApplication() throws InterruptedException {
        LiveEvents.Subscription dashboard = live.subscribe(false);
        LiveEvents.Subscription peer = live.subscribe(true);

        live.relay(LiveEvent.PAPER, "{\"id\":\"2410.17215\"}");
        live.accept(new LiveEvent(LiveEvent.DIGEST, new TopicCountView("x", "X", 1, 1)));

        assertThat(dashboard.next(Duration.ofSeconds(1))).isEqualTo("event: paper\ndata: {\"id\":\"2410.17215\"}\n\n");
        assertThat(dashboard.next(Duration.ofSeconds(1))).startsWith("event: digest\n");
        assertThat(peer.next(Duration.ofSeconds(1))).as("its own events only").startsWith("event: digest\n");
    }

    @Test
    void closingEveryClientInterruptsTheirWriters() throws InterruptedException {
        LiveEvents.Subscription subscription = live.subscribe(false);
        Thread writer = new Thread(() -> {
            subscription.writeFromCurrentThread();
            try {
                subscription.next(Duration.ofMinutes(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        writer.start();

        live.closeAll();
        writer.join(5_000);

        assertThat(writer.isAlive()).isFalse();
        assertThat(subscription.isClosed()).isTrue();
        assertThat(live.clients()).isZero();
    }
}
