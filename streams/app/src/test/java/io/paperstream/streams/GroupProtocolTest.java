package io.paperstream.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.GroupType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GroupProtocolTest {

    @Test
    void theSettingNamesTheGroupTypeItMakes() {
        assertThat(GroupProtocol.typeOf("classic")).isEqualTo(GroupType.CLASSIC);
        assertThat(GroupProtocol.typeOf("streams")).isEqualTo(GroupType.STREAMS);
    }

    /**
     * Held: a classic group whose stopped instance's member has not timed out yet, a streams group whose member is
     * still reconciling, a consumer group of the same id (a plain KIP-848 consumer's). Free: an empty or dead group,
     * which the brokers change, with its committed offsets, as the first member joins; any group of the application's
     * own protocol, whose members are other instances of it; and a group of a type the brokers do not tell (older
     * brokers, whose groups are all classic: the streams protocol's feature check stops a start there).
     */
    @ParameterizedTest(name = "{0} group, {1}, for {2}: held {3}")
    @CsvSource({
        "CLASSIC, STABLE, STREAMS, true",
        "STREAMS, RECONCILING, CLASSIC, true",
        "CONSUMER, STABLE, CLASSIC, true",
        "CLASSIC, EMPTY, STREAMS, false",
        "STREAMS, DEAD, CLASSIC, false",
        "STREAMS, STABLE, STREAMS, false",
        "CLASSIC, STABLE, CLASSIC, false",
        "UNKNOWN, STABLE, STREAMS, false"
    })
    void onlyMembersOfAnotherProtocolHoldTheGroup(GroupType type, GroupState state, GroupType wanted, boolean held) {
        GroupListing listing = new GroupListing("paperstream", Optional.of(type), "", Optional.of(state));
        assertThat(GroupProtocol.heldByOther(listing, wanted)).isEqualTo(held);
        GroupListing untyped = new GroupListing("paperstream", Optional.empty(), "consumer", Optional.of(state));
        assertThat(GroupProtocol.heldByOther(untyped, wanted)).isFalse();
    }

    @Test
    void theWaitLastsTheSessionTimeoutOfAStoppedMemberAndAMargin() {
        assertThat(GroupProtocol.waitLimit(StreamsSettings.of(Map.of()))).isEqualTo(Duration.ofSeconds(60));
        // a shorter session of this instance says nothing of the stopped one's: Kafka's default is kept
        assertThat(GroupProtocol.waitLimit(StreamsSettings.of(Map.of("session.timeout.ms", "6000"))))
                .isEqualTo(Duration.ofSeconds(60));
        assertThat(GroupProtocol.waitLimit(StreamsSettings.of(Map.of("session.timeout.ms", "90000"))))
                .isEqualTo(Duration.ofSeconds(105));
        // a value that is no number is Kafka Streams' to name, as it reads its configuration
        assertThat(GroupProtocol.waitLimit(StreamsSettings.of(Map.of("session.timeout.ms", "45s"))))
                .isEqualTo(Duration.ofSeconds(60));
        // the main consumer's own session timeout is the one its member had
        assertThat(GroupProtocol.waitLimit(StreamsSettings.of(
                        Map.of("session.timeout.ms", "6000", "main.consumer.session.timeout.ms", "120000"))))
                .isEqualTo(Duration.ofSeconds(135));
    }

    @Test
    void theSettingsTheBrokersKeepForAStreamsGroupBecomeItsConfigsWhereTheyAreSet() {
        assertThat(GroupProtocol.groupConfigs(StreamsSettings.of(Map.of("group.protocol", "streams"))))
                .as("nothing set: the group's configs stay as they are")
                .isEmpty();
        assertThat(GroupProtocol.groupConfigs(StreamsSettings.of(Map.of(
                        "session.timeout.ms", " 6000",
                        "heartbeat.interval.ms", "1500",
                        "num.standby.replicas", "1"))))
                .containsExactly(
                        Map.entry("streams.heartbeat.interval.ms", "1500"),
                        Map.entry("streams.num.standby.replicas", "1"),
                        Map.entry("streams.session.timeout.ms", "6000"));
        // none set explicitly is set too: it takes back a standby replica set on the group before
        assertThat(GroupProtocol.groupConfigs(StreamsSettings.of(Map.of("num.standby.replicas", "0"))))
                .containsExactly(Map.entry("streams.num.standby.replicas", "0"));
    }

    @Test
    void aConsumerSettingIsTheMainConsumersAsKafkaStreamsReadsIt() {
        Map<String, String> all = Map.of(
                "session.timeout.ms", "10000",
                "consumer.session.timeout.ms", "20000",
                "main.consumer.session.timeout.ms", "30000",
                "restore.consumer.heartbeat.interval.ms", "500");
        StreamsSettings settings = StreamsSettings.of(all);
        assertThat(GroupProtocol.mainConsumerSetting(settings, "session.timeout.ms"))
                .contains("30000");
        assertThat(GroupProtocol.mainConsumerSetting(
                        StreamsSettings.of(
                                Map.of("session.timeout.ms", "10000", "consumer.session.timeout.ms", "20000")),
                        "session.timeout.ms"))
                .contains("20000");
        // another client's setting is not the main consumer's
        assertThat(GroupProtocol.mainConsumerSetting(settings, "heartbeat.interval.ms"))
                .isEmpty();
    }
}
