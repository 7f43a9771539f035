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
                            TrendingTopology.ENGAGEMENT,
                            TrendingTopology.TRENDING);
            assertThat(stores)
                    .containsOnly(
                            StoreNames.SERVED_PAPERS,
                            StoreNames.TOPIC_DELTA_BUFFER,
                            StoreNames.TOPIC_COUNTS,
                            StoreNames.TOPIC_WINDOW_COUNTS,
                            StoreNames.TOPIC_WINDOW_SOURCES,
                            StoreNames.TREND_WINDOW_PAPERS,
                            StoreNames.TREND_BASELINES,
                            StoreNames.TREND_HISTORY,
                            StoreNames.KEYPHRASE_WINDOW_COUNTS,
                            StoreNames.TRENDING_HISTORIES,
                            StoreNames.TRENDING_CANDIDATES,
                            StoreNames.TRENDING_RANKING);
            // one sub-topology per stage boundary: classify (with the engagement stage, in the tasks of the papers),
            // counts by topic, and trends with trending papers in one partition (the digest reads the candidates)
            assertThat(description.subtopologies()).hasSize(3);
            assertThat(description.subtopologies())
                    .anySatisfy(
                            s -> assertThat(names(s)).contains(ClassifyTopology.REVISE, TrendingTopology.ENGAGEMENT))
                    .anySatisfy(s -> assertThat(names(s)).contains(TrendTopology.TRENDS, TrendingTopology.TRENDING));
        }
    }

    private static List<String> names(TopologyDescription.Subtopology subtopology) {
        return subtopology.nodes().stream().map(TopologyDescription.Node::name).toList();
    }
}
