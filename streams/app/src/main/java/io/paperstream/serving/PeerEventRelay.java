package io.paperstream.serving;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes each instance's live stream carry the events of the whole application: every instance emits
 * the events of the partitions it processes, so this one follows each other instance's own events
 * ({@code /api/stream?scope=local}) and relays them to its clients. The set of instances comes from
 * Kafka Streams' metadata, checked every few seconds; a connection that ends is opened again at the
 * next check while that instance is still a member.
 */
final class PeerEventRelay implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PeerEventRelay.class);
    private static final Duration CHECK_INTERVAL = Duration.ofSeconds(3);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final KafkaStreams streams;
    private final HostInfo self;
    private final LiveEvents live;
    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    /** The thread that follows each peer: interrupting it ends its connection, even while it waits for an event. */
    private final Map<HostInfo, Thread> connections = new ConcurrentHashMap<>();

    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "paperstream-live-relay");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean closed;

    PeerEventRelay(KafkaStreams streams, HostInfo self, LiveEvents live) {
        this.streams = streams;
        this.self = self;
        this.live = live;
    }

    void start() {
        checks.scheduleWithFixedDelay(
                this::connectToNewPeers, CHECK_INTERVAL.toMillis(), CHECK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void connectToNewPeers() {
        Set<HostInfo> peers;
        try {
            peers = streams.metadataForAllStreamsClients().stream()
                    .map(StreamsMetadata::hostInfo)
                    .filter(host -> !host.equals(self))
                    .collect(Collectors.toSet());
        } catch (InvalidStateStoreException notRunning) {
            return;
        }
        for (HostInfo peer : peers) {
            if (!closed && !connections.containsKey(peer)) {
                Thread reader =
                        new Thread(() -> follow(peer), "paperstream-live-relay-" + peer.host() + "-" + peer.port());
                reader.setDaemon(true);
                connections.put(peer, reader);
                reader.start();
            }
        }
    }

    /** Relays {@code peer}'s own events until its stream ends. */
    private void follow(HostInfo peer) {
        URI uri = URI.create("http://" + peer.host() + ":" + peer.port() + "/api/stream?" + ApiRequest.SCOPE + "="
                + ApiRequest.LOCAL_SCOPE);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header(PeerClient.FORWARDED_HEADER, "true")
                .header("Accept", "text/event-stream")
                .GET()
                .build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() == 200) {
                    relay(body);
                } else {
                    LOG.debug("instance {} did not open its live stream: {}", peer, response.statusCode());
                }
            }
        } catch (IOException e) {
            LOG.debug("live stream of instance {} ended: {}", peer, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            connections.remove(peer);
        }
    }

    private void relay(InputStream stream) throws IOException {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String type = null;
            String data = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (type != null && data != null) {
                        live.relay(type, data);
                    }
                    type = null;
                    data = null;
                } else if (line.startsWith("event: ")) {
                    type = line.substring("event: ".length());
                } else if (line.startsWith("data: ")) {
                    data = line.substring("data: ".length());
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        checks.shutdownNow();
        connections.values().forEach(Thread::interrupt);
    }
}
