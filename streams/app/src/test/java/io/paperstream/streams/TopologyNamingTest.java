package io.paperstream.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/** Processors, stores and internal topics have readable names, so metrics, logs and dead letters say which stage. */
class TopologyNamingTest {

    @Test
    void everyProcessorAndStoreIsNamedExplicitly() {
        try (PipelineDriver pipeline = PipelineDriver.fromEnriched(Map.of("paperstream.window.early-updates", "true"))) {
            TopologyDescription description = pipeline.topology.describe();
            List<String> nodes = new ArrayList<>();
            List<String> stores = new ArrayList<>();
            description.subtopologies().forEach(s -> s.nodes().forEach(n -> {
                nodes.add(n.name());
                if (n instanceof TopologyDescription.Processor p) {
                    stores.addAll(p.stores());
                }
            }));

            assertThat(nodes).noneMatch(n -> n.startsWith("KSTREAM-") || n.startsWith("KTABLE-"));
            assertThat(nodes).contains(ClassifyTopology.DEDUPE, ClassifyTopology.CLASSIFY, ClassifyTopology.REVISE,
                    CountTopology.DELTAS, CountTopology.COUNTS_STORE, CountTopology.WINDOW_COUNTS_STORE, TrendTopology.TRENDS);
            assertThat(stores).containsOnly(ClassifyTopology.VERSIONS_STORE, CountTopology.COUNTS_STORE,
                    CountTopology.WINDOW_COUNTS_STORE, CountTopology.WINDOW_UPDATES_STORE, TrendWindowProcessor.WINDOW_PAPERS_STORE,
                    TrendWindowProcessor.BASELINES_STORE, TrendWindowProcessor.HISTORY_STORE);
            // one sub-topology per stage boundary: classify, counts by topic, trends in one partition
            assertThat(description.subtopologies()).hasSize(3);
        }
    }
}
