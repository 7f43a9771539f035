package io.paperstream.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.streams.StreamsSettings;
import io.paperstream.streams.TopicProvisioner;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class DemoRunTest {

    private final DemoRun run =
            DemoRun.startingNow(Clock.fixed(Instant.parse("2026-11-26T09:15:30.250Z"), ZoneOffset.UTC));

    @Test
    void aRunOwnsItsApplicationIdAndTopicsWithOnePartitionEach() {
        StreamsSettings settings =
                run.settings("127.0.0.1:19092", "http://127.0.0.1:18081/apis/ccompat/v7", Path.of("/data/demo-state"));

        assertThat(run.id()).isEqualTo("paperstream-demo-20261126-091530-250");
        assertThat(settings.get(StreamsSettings.APPLICATION_ID)).isEqualTo(run.id());
        assertThat(settings.get(StreamsSettings.BOOTSTRAP_SERVERS)).isEqualTo("127.0.0.1:19092");
        assertThat(settings.kafkaStreamsProperties()).containsEntry("state.dir", "/data/demo-state");
        assertThat(settings.get(StreamsSettings.HTTP_ENABLED)).isFalse();
        assertThat(settings.topics())
                .allSatisfy(topic -> assertThat(topic).startsWith(run.id() + "."))
                .contains(run.id() + ".papers.raw", run.id() + ".digests.daily");
        assertThat(TopicProvisioner.newTopics(settings))
                .extracting(NewTopic::numPartitions)
                .containsOnly(1);
    }

    @Test
    void earlierRunsTopicsAreThoseOfOtherDemoRunsOnly() {
        assertThat(run.isEarlierRunTopic("paperstream-demo-20261125-080000-000.papers.raw"))
                .isTrue();
        assertThat(run.isEarlierRunTopic("paperstream-demo-20261125-080000-000-trend-sightings-repartition"))
                .isTrue();
        assertThat(run.isEarlierRunTopic(run.id() + ".papers.raw")).isFalse();
        assertThat(run.isEarlierRunTopic(run.id() + "-trend-sightings-repartition"))
                .isFalse();
        assertThat(run.isEarlierRunTopic("papers.raw")).isFalse();
        assertThat(run.isEarlierRunTopic("paperstream-topic-counts-changelog")).isFalse();
    }
}
