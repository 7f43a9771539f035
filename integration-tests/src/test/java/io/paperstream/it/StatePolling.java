package io.paperstream.it;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Watches the application's state every 10 ms from the moment it is created (the application is RUNNING
 * then) until closed: the application owns Kafka Streams' one state listener.
 */
final class StatePolling implements AutoCloseable {

    private final Set<KafkaStreams.State> seen = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "it-state-polling");
        thread.setDaemon(true);
        return thread;
    });

    StatePolling(StreamsAppRun app) {
        poller.scheduleAtFixedRate(() -> seen.add(app.state()), 0, 10, TimeUnit.MILLISECONDS);
    }

    /** Every state seen so far. */
    Set<KafkaStreams.State> seen() {
        return Set.copyOf(seen);
    }

    @Override
    public void close() throws InterruptedException {
        poller.shutdownNow();
        poller.awaitTermination(5, TimeUnit.SECONDS);
    }
}
