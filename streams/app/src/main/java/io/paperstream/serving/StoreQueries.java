package io.paperstream.serving;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreType;

/**
 * Interactive queries of this instance: which instance owns a key, which partitions of a store are
 * active here, and a handle on one local partition of a store. Every way a store can be out of
 * reach (starting, rebalancing, restoring, migrated) becomes a {@link StoreUnavailableException}.
 */
final class StoreQueries {

    private static final StringSerializer KEYS = new StringSerializer();

    private final KafkaStreams streams;
    private final HostInfo self;
    private final Map<String, Integer> subtopologyOfStore;

    /**
     * @param streams the running application
     * @param self this instance's {@code application.server}
     * @param topology the application's topology, to know which tasks hold which store
     */
    StoreQueries(KafkaStreams streams, HostInfo self, TopologyDescription topology) {
        this.streams = streams;
        this.self = self;
        this.subtopologyOfStore = subtopologies(topology);
    }

    private static Map<String, Integer> subtopologies(TopologyDescription topology) {
        Map<String, Integer> stores = new HashMap<>();
        for (TopologyDescription.Subtopology subtopology : topology.subtopologies()) {
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Processor processor) {
                    processor.stores().forEach(store -> stores.put(store, subtopology.id()));
                }
            }
        }
        return Map.copyOf(stores);
    }

    KafkaStreams.State state() {
        return streams.state();
    }

    /** Fails unless the application runs: answers gathered from every instance are only complete then. */
    void requireRunning() {
        KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING) {
            throw new StoreUnavailableException("the application is " + state + ", not RUNNING");
        }
    }

    boolean isSelf(HostInfo host) {
        return self.equals(host);
    }

    /** The instance and partition that hold {@code key} of {@code store}. */
    KeyQueryMetadata owner(String store, String key) {
        KeyQueryMetadata metadata;
        try {
            metadata = streams.queryMetadataForKey(store, key, KEYS);
        } catch (InvalidStateStoreException e) {
            throw new StoreUnavailableException("store " + store + " is not available: " + e.getMessage(), e);
        }
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata) || metadata.activeHost() == null) {
            throw new StoreUnavailableException(
                    "no instance owns " + store + " now; the application is " + streams.state());
        }
        return metadata;
    }

    /** The instances where {@code store} has active partitions. */
    List<HostInfo> hosts(String store) {
        List<HostInfo> hosts;
        try {
            hosts = streams.streamsMetadataForStore(store).stream()
                    .map(StreamsMetadata::hostInfo)
                    .toList();
        } catch (InvalidStateStoreException e) {
            throw new StoreUnavailableException("store " + store + " is not available: " + e.getMessage(), e);
        }
        if (hosts.isEmpty()) {
            throw new StoreUnavailableException(
                    "no instance holds " + store + " now; the application is " + streams.state());
        }
        return hosts;
    }

    /** The partitions of {@code store} that are active on this instance, restoring or not. */
    List<Integer> localPartitions(String store) {
        Integer subtopology = Objects.requireNonNull(subtopologyOfStore.get(store), () -> "no store " + store);
        return streams.metadataForLocalThreads().stream()
                .flatMap(thread -> thread.activeTasks().stream())
                .map(TaskMetadata::taskId)
                .filter(task -> task.subtopology() == subtopology)
                .map(TaskId::partition)
                .sorted()
                .toList();
    }

    /** One partition of {@code store} on this instance; fails while it restores or after it moved away. */
    <T> T local(String store, QueryableStoreType<T> type, int partition) {
        try {
            return streams.store(
                    StoreQueryParameters.fromNameAndType(store, type).withPartition(partition));
        } catch (InvalidStateStoreException e) {
            throw new StoreUnavailableException(
                    "partition " + partition + " of store " + store + " cannot be queried here now: " + e.getMessage(),
                    e);
        }
    }
}
