package io.paperstream.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class TopicProvisionerTest {

    @Test
    void latestStateTopicsAreCompactedAndTheOthersKeptForTheConfiguredRetention() {
        StreamsSettings settings = StreamsSettings.of(Map.of(
                "paperstream.topic.partitions",
                "4",
                "paperstream.topic.replication",
                "3",
                "paperstream.topic.dlq",
                "bad.papers"));

        List<NewTopic> topics = TopicProvisioner.newTopics(settings);

        assertThat(topics)
                .extracting(NewTopic::name)
                .containsExactly(
                        "papers.raw",
                        "papers.enriched",
                        "papers.classified",
                        "topics.counts",
                        "topics.windowed",
                        "trends.topics",
                        "trends.keywords",
                        "digests.daily",
                        "papers.engagement",
                        "papers.trending",
                        "bad.papers");
        assertThat(topics).allSatisfy(t -> {
            assertThat(t.numPartitions()).isEqualTo(t.name().equals("digests.daily") ? 1 : 4);
            assertThat(t.replicationFactor()).isEqualTo((short) 3);
        });
        assertThat(topics)
                .filteredOn(t -> "compact".equals(t.configs().get("cleanup.policy")))
                .extracting(NewTopic::name)
                .containsExactlyInAnyOrder(
                        "papers.enriched", "papers.classified", "topics.counts", "digests.daily", "papers.trending");
        assertThat(topics)
                .filteredOn(t -> !t.configs().containsKey("cleanup.policy"))
                .allSatisfy(t -> assertThat(t.configs()).containsEntry("retention.ms", "-1"));
    }

    @Test
    void earlyUpdatesTopicIsCreatedOnlyWhenEnabled() {
        assertThat(TopicProvisioner.newTopics(StreamsSettings.defaults()))
                .extracting(NewTopic::name)
                .doesNotContain("topics.windowed.updates");
        assertThat(TopicProvisioner.newTopics(StreamsSettings.of(Map.of("paperstream.window.early-updates", "true"))))
                .extracting(NewTopic::name)
                .contains("topics.windowed.updates");
    }
}
