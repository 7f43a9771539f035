package io.paperstream.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

/** The pipeline's RocksDB stores, fed the corpus, report one shared block cache of the configured size. */
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
            long configured = PipelineDriver.settings(Map.of()).get(StreamsSettings.ROCKSDB_MEMORY_MB) * 1024L * 1024L;
            // Kafka Streams' own default would be 50 MB per store instance
            assertThat(capacities).isNotEmpty().allMatch(capacity -> capacity == configured);
            // one cache: every store reports the same usage, the memtables of all of them charged to it
            List<Long> usages = values(metrics, "block-cache-usage");
            assertThat(usages).isNotEmpty().allMatch(usage -> usage.equals(usages.get(0)));
            assertThat(usages.get(0)).isPositive().isLessThanOrEqualTo(configured);
        }
    }

    private static List<Long> values(Map<MetricName, ? extends Metric> metrics, String name) {
        return metrics.entrySet().stream()
                .filter(e -> e.getKey().name().equals(name))
                .map(e -> ((Number) e.getValue().metricValue()).longValue())
                .toList();
    }
}
