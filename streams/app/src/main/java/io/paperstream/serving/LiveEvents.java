package io.paperstream.serving;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands every {@link LiveEvent} to the live-stream clients connected now, as ready-to-send
 * Server-Sent Events frames, with the events other instances relay ({@link PeerEventRelay}).
 * Publishing never blocks the stream thread that publishes: each client has a bounded buffer, and
 * a client whose buffer is full (it reads slower than events come) is dropped; its browser
 * reconnects and reloads.
 */
public final class LiveEvents implements Consumer<LiveEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(LiveEvents.class);

    private final ObjectMapper json;
    private final int bufferSize;
    private final Runnable onDrop;
    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();

    /**
     * @param json writes the events' data
     * @param bufferSize events a client may lag behind before it is dropped
     * @param onDrop told of every dropped client (a metric)
     */
    public LiveEvents(ObjectMapper json, int bufferSize, Runnable onDrop) {
        this.json = json;
        this.bufferSize = bufferSize;
        this.onDrop = onDrop;
    }

    /** Sends an event of this instance to every client; drops the clients that cannot take it. */
    @Override
    public void accept(LiveEvent event) {
        if (subscriptions.isEmpty()) {
            return;
        }
        try {
            deliver(frame(event.type(), json.writeValueAsString(event.data())), true);
        } catch (JsonProcessingException e) {
            LOG.warn("cannot write live event {}: {}", event.type(), e.getMessage());
        }
    }

    /** Sends an event another instance emitted to the clients that follow the whole application. */
    void relay(String type, String data) {
        deliver(frame(type, data), false);
    }

    /** A Server-Sent Events frame; JSON has no raw line breaks, so the data is one line. */
    static String frame(String type, String data) {
        return "event: " + type + "\ndata: " + data + "\n\n";
    }

    private void deliver(String frame, boolean local) {
        for (Subscription subscription : subscriptions) {
            if (!local && subscription.localOnly) {
                continue;
            }
            if (!subscription.queue.offer(frame)) {
                LOG.info("dropping a live-stream client that fell {} events behind", bufferSize);
                subscription.close();
                onDrop.run();
            }
        }
    }

    /**
     * A new client's subscription: it receives every event from now on until closed.
     *
     * @param localOnly only this instance's own events (what another instance relays), not those relayed here
     */
    public Subscription subscribe(boolean localOnly) {
        Subscription subscription = new Subscription(localOnly);
        subscriptions.add(subscription);
        return subscription;
    }

    /** Clients connected now. */
    public int clients() {
        return subscriptions.size();
    }

    /** Closes every subscription (the server stops). */
    public void closeAll() {
        subscriptions.forEach(Subscription::close);
    }

    /** One client's buffer of frames, and the thread that writes them to its connection. */
    public final class Subscription implements AutoCloseable {

        private final boolean localOnly;
        private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(bufferSize);
        private final AtomicBoolean closed = new AtomicBoolean();
        private volatile Thread writer;

        private Subscription(boolean localOnly) {
            this.localOnly = localOnly;
        }

        /**
         * Marks the calling thread, which must be this client's own, as its writer: closing interrupts
         * it, even while it blocks on a write to a client that stopped reading.
         */
        public void writeFromCurrentThread() {
            writer = Thread.currentThread();
            if (closed.get()) {
                writer.interrupt();
            }
        }

        /** The next frame, or {@code null} when none came within {@code timeout} (time for a keep-alive). */
        public String next(Duration timeout) throws InterruptedException {
            return queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        public boolean isClosed() {
            return closed.get();
        }

        @Override
        public void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            subscriptions.remove(this);
            Thread thread = writer;
            if (thread != null && thread != Thread.currentThread()) {
                thread.interrupt();
            }
        }
    }
}
