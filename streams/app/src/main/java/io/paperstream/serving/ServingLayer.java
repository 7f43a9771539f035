package io.paperstream.serving;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.paperstream.streams.PipelineObserver;
import io.paperstream.streams.PipelineTopology;
import io.paperstream.streams.StreamsSettings;
import java.net.InetSocketAddress;
import java.util.function.Consumer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.state.HostInfo;

/**
 * What one application instance serves over HTTP, put together: the API over the state stores
 * (interactive queries, forwarded to the instance that owns a key), the live stream, the dashboard,
 * metrics and health. Started before Kafka Streams, because its address is the instance's
 * {@code application.server}; {@link #attach attached} to Kafka Streams once that exists.
 */
public final class ServingLayer implements AutoCloseable {

    /** Events a live-stream client may lag behind before it is dropped. */
    static final int LIVE_BUFFER = 1024;

    private final StreamsSettings settings;
    private final ObjectMapper json = json();
    private final ServingMetrics metrics = new ServingMetrics();
    private final LiveEvents live = new LiveEvents(json, LIVE_BUFFER, metrics::liveClientDropped);
    private final Views views;
    private final PaperSearch search = new PaperSearch(metrics::searchIndexStarted);
    private final ServingServer server;
    private PeerEventRelay relay;

    private ServingLayer(StreamsSettings settings) {
        this.settings = settings;
        this.views = new Views(PipelineTopology.taxonomy(settings));
        metrics.gaugeLiveClients(live::clients);
        try {
            this.server = ServingServer.start(
                    settings.get(StreamsSettings.HTTP_HOST),
                    settings.get(StreamsSettings.HTTP_PORT),
                    json,
                    metrics,
                    live);
        } catch (RuntimeException e) {
            metrics.close();
            throw e;
        }
    }

    /**
     * Starts the HTTP server of {@code settings} ({@code paperstream.http.*}).
     *
     * @throws HttpBindException when it cannot listen on the host and port
     */
    public static ServingLayer start(StreamsSettings settings) {
        return new ServingLayer(settings);
    }

    /** Where the server listens (the actual port when the settings said 0). */
    public InetSocketAddress address() {
        return server.address();
    }

    /** This instance's {@code application.server}: the advertised host and the port it listens on. */
    public String applicationServer() {
        return settings.httpAdvertisedAddress(address().getPort());
    }

    /** Told of every classification and dead letter: the pipeline's metrics. */
    public PipelineObserver observer() {
        return metrics;
    }

    /** Receives what the serving stage sees, for the metrics and the live stream (called on stream threads). */
    public Consumer<LiveEvent> events() {
        return event -> {
            metrics.observe(event);
            live.accept(event);
        };
    }

    /** The paper search the serving stage of this instance's topology must keep. */
    public PaperSearch search() {
        return search;
    }

    /** Serves {@code streams} from now on: its stores, its metrics, its state, the other instances' live events. */
    public synchronized void attach(KafkaStreams streams, TopologyDescription topology) {
        metrics.bind(streams);
        HostInfo self = HostInfo.buildFromEndpoint(applicationServer());
        StoreQueries queries = new StoreQueries(streams, self, topology);
        server.attach(
                new PaperstreamApi(queries, new PeerClient(), views, settings.windowGrid(), json, search),
                queries::state);
        relay = new PeerEventRelay(streams, self, live);
        relay.start();
    }

    /** Stops serving: the live streams end, the port is free. */
    @Override
    public synchronized void close() {
        if (relay != null) {
            relay.close();
        }
        server.close();
        metrics.close();
    }

    /** How the API writes and reads JSON: ISO-8601 instants, unknown fields ignored. */
    static ObjectMapper json() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
