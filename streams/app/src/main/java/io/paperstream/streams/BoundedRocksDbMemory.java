package io.paperstream.streams;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of every RocksDB store in the JVM together, as Kafka Streams' memory management guide
 * describes: one block cache holds the data blocks, the index and filter blocks and (through a write buffer manager)
 * the memtables of all stores. Without it each store instance, and each segment of a windowed store, has its own
 * 50 MB block cache and up to three 16 MB memtables, and keeps its index and filter blocks outside any cache, so
 * that they grow with the papers on disk.
 *
 * <p>The bound is {@value #MEMORY_BYTES_CONFIG} of the application's configuration, taken from the first store
 * the JVM opens: applications in one JVM share it.
 *
 * <p>It also keeps Bloom filters in the last level of the LSM tree of {@value StoreNames#SERVED_PAPERS}, where most
 * of its papers lie. Kafka Streams leaves them out there ({@code optimize_filters_for_hits}), which saves filter
 * memory when looked-up keys are mostly present; dedupe looks up every new paper's id there, mostly absent, and
 * without a filter each such miss searches the last level's index and data blocks. The other stores keep Kafka
 * Streams' choice.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

    /** Bytes for all stores of the JVM together. */
    public static final String MEMORY_BYTES_CONFIG = "paperstream.rocksdb.memory.bytes";

    /** Share of the cache kept for index and filter blocks, so that data blocks do not evict them. */
    private static final double INDEX_AND_FILTER_SHARE = 0.1;

    private static Shared shared;

    private record Shared(Cache cache, WriteBufferManager memtables) {}

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Shared memory = shared(configs);
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(memory.cache());
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(memory.memtables());
        options.setTableFormatConfig(table);
        if (storeName.equals(StoreNames.SERVED_PAPERS)) {
            options.setOptimizeFiltersForHits(false);
        }
    }

    private static synchronized Shared shared(Map<String, Object> configs) {
        if (shared == null) {
            Object configured = configs.get(MEMORY_BYTES_CONFIG);
            if (configured == null) {
                throw new IllegalStateException(MEMORY_BYTES_CONFIG + " is not in the Kafka Streams configuration");
            }
            long bytes = Long.parseLong(configured.toString());
            Cache cache = new LRUCache(bytes, -1, false, INDEX_AND_FILTER_SHARE);
            // memtables are charged to the cache: at most half of it before the fullest is flushed
            shared = new Shared(cache, new WriteBufferManager(bytes / 2, cache));
        }
        return shared;
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and the write buffer manager serve every store of the JVM for its lifetime: never closed here
    }
}
