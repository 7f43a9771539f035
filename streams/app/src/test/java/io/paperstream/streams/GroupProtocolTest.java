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
    }
}
