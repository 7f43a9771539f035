package io.paperstream.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.classify.TrendingCorpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.Statistics;
import org.rocksdb.TickerType;

/**
 * The pipeline's RocksDB stores, fed the corpus, report one shared block cache of the configured size; the served
 * papers' store answers a look-up of an absent key from its Bloom filter, in the last level too.
 */
class BoundedRocksDbMemoryTest {

    private static final Instant DAY0 = Instant.parse("2025-03-01T00:00:00Z");

    @Test
    void everyStoreUsesTheOneBlockCacheOfTheConfiguredSize() {
        try (PipelineDriver pipeline = PipelineDriver.full(Map.of())) {
            for (int i = 0; i < TestPapers.CORPUS.size(); i++) {
                pipeline.pipeRaw(TestPapers.paperAbstract(
                        "bounded-" + i, TestPapers.CORPUS.get(i), DAY0.plus(Duration.ofHours(i))));
            }
            assertThat(pipeline.classified().readValuesToList()).hasSize(TestPapers.CORPUS.size());

            Map<MetricName, ? extends Metric> metrics = pipeline.driver.metrics();
            List<Long> capacities = values(metrics, "block-cache-capacity");
            Set<String> stores = metrics.keySet().stream()
                    .filter(name -> name.name().equals("block-cache-capacity"))
                    .map(name ->
                            name.tags().get("rocksdb-state-id") + name.tags().get("rocksdb-window-state-id"))
                    .collect(Collectors.toSet());
            assertThat(stores).hasSizeGreaterThan(3);
            long configured = configuredBytes();
            // Kafka Streams' own default would be 50 MB per store instance
            assertThat(capacities).isNotEmpty().allMatch(capacity -> capacity == configured);
            // one cache: every store reports the same usage, the memtables of all of them charged to it
            List<Long> usages = values(metrics, "block-cache-usage");
            assertThat(usages).isNotEmpty().allMatch(usage -> usage.equals(usages.get(0)));
            assertThat(usages.get(0)).isPositive().isLessThanOrEqualTo(configured);
        }
    }

    @Test
    void anAbsentKeyIsAnsweredByTheFilterInTheLastLevel(@TempDir Path directory) throws RocksDBException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < TestPapers.CORPUS.size(); i++) {
            ids.add(arxivId(2 * i));
        }
        try (Statistics statistics = new Statistics();
                BloomFilter filter = new BloomFilter();
                Options options = new Options()) {
            // as Kafka Streams' RocksDBStore configures a store before it calls the setter
            BlockBasedTableConfig table = new BlockBasedTableConfig();
            table.setFilterPolicy(filter);
            options.setTableFormatConfig(table);
            options.setOptimizeFiltersForHits(true);
            options.setCreateIfMissing(true);
            options.setStatistics(statistics);
            // the JVM's one cache is sized by the first store configured: the same size as the pipeline's
            new BoundedRocksDbMemory()
                    .setConfig(
                            StoreNames.SERVED_PAPERS,
                            options,
                            Map.of(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG, configuredBytes()));
            try (RocksDB db = RocksDB.open(options, directory.toString())) {
                for (int i = 0; i < ids.size(); i++) {
                    TrendingCorpus.Paper paper = TestPapers.CORPUS.get(i);
                    db.put(bytes(ids.get(i)), bytes(paper.title() + "\n" + paper.abstractText()));
                }
                db.compactRange(); // flushes the memtable and moves every key to the last level
                assertThat(db.getProperty("rocksdb.num-files-at-level0")).isEqualTo("0");

                long before = statistics.getTickerCount(TickerType.BLOOM_FILTER_USEFUL);
                // the ids between the stored ones: absent, and inside the last level's key range
                for (int i = 0; i + 1 < ids.size(); i++) {
                    assertThat(db.get(bytes(arxivId(2 * i + 1)))).isNull();
                }
                assertThat(db.get(bytes(ids.get(0)))).isNotNull();
                long answeredByTheFilter = statistics.getTickerCount(TickerType.BLOOM_FILTER_USEFUL) - before;
                // a Bloom filter of 10 bits a key has about 1% false positives
                assertThat(answeredByTheFilter).isGreaterThanOrEqualTo((ids.size() - 1) * 9 / 10);
            }
        }
    }

    @Test
    void theOtherStoresKeepKafkaStreamsChoiceOfNoFiltersInTheLastLevel() {
        try (Options options = new Options()) {
            options.setTableFormatConfig(new BlockBasedTableConfig());
            options.setOptimizeFiltersForHits(true);
            new BoundedRocksDbMemory()
                    .setConfig(
                            StoreNames.TREND_WINDOW_PAPERS,
                            options,
                            Map.of(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG, configuredBytes()));
            assertThat(options.optimizeFiltersForHits()).isTrue();
        }
    }

    private static long configuredBytes() {
        return PipelineDriver.settings(Map.of()).get(StreamsSettings.ROCKSDB_MEMORY_MB) * 1024L * 1024L;
    }

    /** An arXiv id of March 2025: ids in order of {@code number}. */
    private static String arxivId(int number) {
        return String.format("2503.%05d", number);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<Long> values(Map<MetricName, ? extends Metric> metrics, String name) {
        return metrics.entrySet().stream()
                .filter(e -> e.getKey().name().equals(name))
                .map(e -> ((Number) e.getValue().metricValue()).longValue())
                .toList();
    }
}
