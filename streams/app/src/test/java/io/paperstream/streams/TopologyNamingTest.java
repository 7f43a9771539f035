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
        try (PipelineDriver pipeline =
                PipelineDriver.fromEnriched(Map.of("paperstream.window.early-updates", "true"))) {
            TopologyDescription description = pipeline.topology.describe();
            List<String> nodes = new ArrayList<>();
            List<String> stores = new ArrayList<>();
            description
                    .subtopologies()
                    .forEach(s -> s.nodes().forEach(n -> {
                        nodes.add(n.name());
                        if (n instanceof TopologyDescription.Processor p) {
                            stores.addAll(p.stores());
                        }
                    }));

            assertThat(nodes).noneMatch(n -> n.startsWith("KSTREAM-") || n.startsWith("KTABLE-"));
            assertThat(nodes)
                    .contains(
                            ClassifyTopology.DEDUPE,
                            ClassifyTopology.CLASSIFY,
                            ClassifyTopology.REVISE,
                            CountTopology.DELTAS,
                            StoreNames.TOPIC_COUNTS,
                            StoreNames.TOPIC_WINDOW_COUNTS,
                            TrendTopology.TRENDS,
                            TrendingTopology.TRENDING);
            assertThat(stores)
                    .containsOnly(
                            StoreNames.PAPER_VERSIONS,
                            StoreNames.TOPIC_DELTA_BUFFER,
                            StoreNames.TOPIC_COUNTS,
                            StoreNames.TOPIC_WINDOW_COUNTS,
                            StoreNames.TOPIC_WINDOW_UPDATES,
                            StoreNames.TREND_WINDOW_PAPERS,
                            StoreNames.TREND_BASELINES,
                            StoreNames.TREND_HISTORY,
                            StoreNames.KEYPHRASE_WINDOW_COUNTS,
                            StoreNames.TRENDING_HISTORIES,
                            StoreNames.TRENDING_CARDS,
                            StoreNames.TRENDING_RANKING);
            // one sub-topology per stage boundary: classify (with the engagement source), counts by topic, trends
            // in one partition, trending in one partition
            assertThat(description.subtopologies()).hasSize(4);
        }
    }
}
